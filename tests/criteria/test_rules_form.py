"""The classification rules as people say them: percentages typed and shown as percentages,
no class codes on the page, and a refused change that leaves the saved value in sight."""

import re
from decimal import Decimal

from django.urls import reverse

from criteria.models import ClassTier
from tests.conftest import login

from .conftest import page_data


def _rules(client, criteria_set):
    response = client.get(reverse("criteria:edit_rules", kwargs={"year": criteria_set.year}))
    assert response.status_code == 200
    return response, page_data(response)


def _input(html, name):
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert match, name
    return match.group(0)


def _tier_row(data, name):
    for key, value in data.items():
        if key.startswith("tiers-") and key.endswith("-name") and value == name:
            return key.split("-")[1]
    raise AssertionError(name)


def test_ratios_are_shown_and_typed_as_percentages(client, adam, criteria_set):
    login(client, adam)
    response, data = _rules(client, criteria_set)
    html = response.content.decode()
    assert 'value="20"' in _input(html, "quota_ratio")
    assert 'value="50"' in _input(html, "veto_min_ratio")
    data.update(quota_ratio="25", veto_min_ratio="62,5")
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    criteria_set.refresh_from_db()
    assert criteria_set.quota_ratio == Decimal("0.250")
    assert criteria_set.veto_min_ratio == Decimal("0.625")


def test_a_percentage_out_of_range_is_refused_in_vietnamese(client, adam, criteria_set):
    login(client, adam)
    response, data = _rules(client, criteria_set)
    data.update(quota_ratio="120", veto_min_ratio="abc")
    page = client.post(response.request["PATH_INFO"], data).content.decode()
    assert "Nhập một tỷ lệ phần trăm từ 0 đến 100" in page
    assert "chữ số" not in page  # Django's generic "digits before the decimal point"
    criteria_set.refresh_from_db()
    assert criteria_set.quota_ratio == Decimal("0.200")


def test_class_codes_are_not_shown_and_new_classes_get_one(client, adam, criteria_set):
    login(client, adam)
    response, data = _rules(client, criteria_set)
    html = response.content.decode()
    assert 'name="tiers-0-code"' not in html
    for code in criteria_set.tiers.values_list("code", flat=True):
        assert f'value="{code}"' not in html
    # Add a class below "Trung bình": the last one must start at 0.
    forms = int(data["tiers-TOTAL_FORMS"])
    last = _tier_row(data, criteria_set.tiers.order_by("-order").first().name)
    data[f"tiers-{last}-min_total"] = "30"
    new = forms - 1  # the empty extra row
    data.update(
        {
            f"tiers-{new}-order": "9",
            f"tiers-{new}-name": "Không đạt",
            f"tiers-{new}-min_total": "0",
        }
    )
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    tier = ClassTier.objects.get(criteria_set=criteria_set, name="Không đạt")
    assert tier.code == "khong-dat"


def test_a_refused_change_keeps_the_saved_value_in_sight(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    response, data = _rules(client, criteria_set)
    excellent = criteria_set.tiers.get(is_top=True)
    row = _tier_row(data, excellent.name)
    data[f"tiers-{row}-min_total"] = "85"
    data["quota_ratio"] = "30"
    page = client.post(response.request["PATH_INFO"], data).content.decode()
    assert "Các thay đổi bị từ chối" in page
    assert "Giá trị đã lưu: 90" in page
    assert "Giá trị đã lưu: 20%" in page
    assert "is-invalid" in _input(page, f"tiers-{row}-min_total")
    excellent.refresh_from_db()
    assert excellent.min_total == 90
