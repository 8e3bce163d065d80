"""Publishing needs a real number, a date and a signer, shows the first page and asks for a
confirmation that the decision is final (issue 12, item 6). The browser journey is in
tests/browser/test_publish_confirmation.py."""

import re
from html import unescape

import pytest
from django.urls import reverse

from ratings import services
from ratings.models import Decision
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit
from tests.ratings.test_publishing import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(criteria_set, group_departments):
    for code, total in (("SNV", 96), ("STP", 84)):
        accepted_report(make_unit(code, group_departments, f"Sở {code}"), criteria_set, total)
    return services.run_now(criteria_set.year)


@pytest.fixture
def admin_client(client, adam):
    return login(client, adam)


def post(client, run, step, **changes):
    data = FORM | changes | {"step": step}
    return client.post(reverse("ratings:publish", args=[run.pk]), data)


def field_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return unescape(match.group(1)) if match else None


def test_the_form_is_prefilled_without_a_number(admin_client, run):
    html = admin_client.get(reverse("ratings:publish", args=[run.pk])).content.decode()
    assert field_value(html, "number") == "/QĐ-UBND"


@pytest.mark.parametrize("number", ["/QĐ-UBND", "QĐ-UBND", "…/QĐ-UBND", "125", "125/", "Số 12"])
def test_a_decision_without_a_real_number_is_refused_and_what_was_typed_stays(
    admin_client, run, number
):
    for step in ("preview", "confirm"):
        data = {"final": "on"} if step == "confirm" else {}
        response = post(admin_client, run, step, number=number, **data)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Hãy ghi số của quyết định trước ký hiệu" in html
        assert field_value(html, "number") == number
        assert field_value(html, "signer_name") == FORM["signer_name"]
        assert field_value(html, "place") == FORM["place"]
    assert not Decision.objects.exists()


@pytest.mark.parametrize("number", ["125/QĐ-UBND", "3012/QĐ-UBND", "25/2026/QĐ-UBND"])
def test_real_numbers_reach_the_preview(admin_client, run, number):
    html = post(admin_client, run, "preview", number=number).content.decode()
    assert f"Số: {number}" in html
    assert not Decision.objects.exists()


def test_a_date_and_a_signer_are_required(admin_client, run):
    html = post(admin_client, run, "preview", date="", signer_name="  ").content.decode()
    assert "Hãy nhập ngày ký quyết định." in html
    assert "Hãy nhập họ và tên người ký." in html
    assert field_value(html, "number") == FORM["number"]
    html = post(admin_client, run, "preview", date="2025-12-31").content.decode()
    assert f"Ngày của quyết định không thể trước năm được xếp loại ({run.year})" in html
    assert not Decision.objects.exists()


def test_the_preview_shows_the_first_page_and_says_it_is_final(admin_client, run):
    html = post(admin_client, run, "preview").content.decode()
    preview = html.split('id="decision-preview"', 1)[1].split("</article>", 1)[0]
    assert "Số: 125/QĐ-UBND" in preview
    assert "Đồng Nai, ngày 28 tháng 12 năm 2026" in preview
    assert (
        "QUYẾT ĐỊNH" in preview
        and f"xếp loại công tác dân vận chính quyền năm {run.year}" in preview
    )
    assert "TM. ỦY BAN NHÂN DÂN" in preview and "Nguyễn Văn An" in preview
    assert "Điều 1." in preview and "Điều 3." in preview
    assert "Đây là bước cuối cùng." in html and "không bao giờ sửa hay xóa được" in html
    assert not Decision.objects.exists()


def test_publishing_needs_the_box_ticked(admin_client, run):
    html = post(admin_client, run, "confirm").content.decode()
    assert "Hãy đánh dấu vào ô xác nhận rằng quyết định là bản cuối cùng." in html
    assert 'id="decision-preview"' in html
    assert not Decision.objects.exists()
    response = post(admin_client, run, "confirm", final="on")
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.number, decision.signer_name) == ("125/QĐ-UBND", "Nguyễn Văn An")


def test_going_back_keeps_every_field(admin_client, run):
    html = post(admin_client, run, "edit", number="77/QĐ-UBND", signer_name="Lê Thị B").content
    html = html.decode()
    assert field_value(html, "number") == "77/QĐ-UBND"
    assert field_value(html, "signer_name") == "Lê Thị B"
    assert 'id="decision-preview"' not in html
    assert not Decision.objects.exists()


def test_the_service_refuses_a_decision_without_number_whatever_the_path(adam, run):
    fields = {name: FORM[name] for name in services.DECISION_FIELDS} | {"number": "/QĐ-UBND"}
    with pytest.raises(services.PublishError, match="Hãy ghi số của quyết định"):
        services.publish(run, adam, **fields)
    assert not Decision.objects.exists()


def test_a_second_version_previews_what_it_replaces(admin_client, run, criteria_set):
    post(admin_client, run, "confirm", final="on")
    newer = services.run_now(criteria_set.year)
    html = post(admin_client, newer, "preview", number="140/QĐ-UBND").content.decode()
    assert "thay thế Quyết định số 125/QĐ-UBND ngày 28 tháng 12 năm 2026" in html
    assert "phiên bản 2" in html
