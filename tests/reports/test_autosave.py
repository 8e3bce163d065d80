"""The report form saves each field as it changes, through the real views."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import AnnualReport
from tests.conftest import login

pytestmark = pytest.mark.django_db


def criterion_url(report, number):
    criterion = report.criteria_set.criteria.get(number=number)
    return reverse("reports:save_criterion", args=[report.pk, criterion.pk]), criterion


def test_a_field_is_saved_and_shown_again_after_reload_and_logout(client, report, alice):
    login(client, alice)
    url, criterion = criterion_url(report, 1)
    response = client.post(url, {"narrative": "Đã tổ chức 3 hội nghị.", "version": report.version})
    assert response.status_code == 200
    assert "Đã lưu lúc" in response.content.decode()
    assert response["X-Report-Version"] == str(report.version + 1)
    response = client.post(url, {"self_score": "7,5", "version": report.version + 1})
    assert response.status_code == 200
    client.logout()
    login(client, alice)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Đã tổ chức 3 hội nghị." in page
    assert 'value="7,50"' in page
    score = report.scores.get(criterion=criterion)
    assert score.self_score == Decimal("7.5")
    assert score.history.filter(self_score=Decimal("7.5"), history_user=alice).exists()


def test_general_part_and_indicators_are_saved(client, report, alice):
    login(client, alice)
    response = client.post(
        reverse("reports:save_general", args=[report.pk]),
        {"general_situation": "Đơn vị có 182 công chức.", "version": report.version},
    )
    assert response.status_code == 200
    indicator = report.criteria_set.indicators.get(code="petitions_received")
    response = client.post(
        reverse("reports:save_indicators", args=[report.pk]),
        {f"ind-{indicator.pk}": "35", "version": report.version + 1},
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.general_situation == "Đơn vị có 182 công chức."
    assert report.indicators.get(indicator=indicator).value == 35
    assert report.version == 3


# The default set's petition rule in words (criteria/defaults.py RULES).
PETITIONS = "Số đơn thư tiếp nhận bằng tổng của số đơn đã giải quyết"


def test_inconsistent_indicators_warn_but_are_saved(client, report, alice):
    login(client, alice)
    codes = {i.code: i for i in report.criteria_set.indicators.all()}
    data = {
        f"ind-{codes['petitions_received'].pk}": "35",
        f"ind-{codes['petitions_resolved'].pk}": "30",
        f"ind-{codes['petitions_pending'].pk}": "10",
        "version": report.version,
    }
    response = client.post(reverse("reports:save_indicators", args=[report.pk]), data)
    assert response.status_code == 200
    assert PETITIONS in response.content.decode()
    assert report.indicators.get(indicator=codes["petitions_pending"]).value == 10
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert PETITIONS in page


def test_stale_save_is_refused_with_both_versions(client, report, alice, hana):
    url, criterion = criterion_url(report, 2)
    opened_at = report.version
    login(client, hana)
    first = client.post(url, {"narrative": "Bản của thủ trưởng", "version": opened_at})
    assert first.status_code == 200
    login(client, alice)
    second = client.post(url, {"narrative": "Bản của chuyên viên", "version": opened_at})
    assert second.status_code == 409
    body = second.content.decode()
    assert "Bản của chuyên viên" in body and "Bản của thủ trưởng" in body
    assert f"{opened_at + 1}" in body
    assert report.scores.get(criterion=criterion).narrative == "Bản của thủ trưởng"
    again = client.post(url, {"narrative": "Bản của chuyên viên", "version": opened_at + 1})
    assert again.status_code == 200
    assert report.scores.get(criterion=criterion).narrative == "Bản của chuyên viên"


@pytest.mark.parametrize(
    "typed, reason",
    [("10,5", "từ 0 đến 10"), ("7.3", "0,25"), ("-1", "từ 0 đến 10"), ("bảy", "số")],
)
def test_invalid_score_is_refused_and_the_typed_value_kept(client, report, alice, typed, reason):
    login(client, alice)
    url, criterion = criterion_url(report, 1)
    response = client.post(
        url, {"self_score": typed, "narrative": "Vẫn được lưu", "version": report.version}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert reason in body
    # The status line answers out of band: the input itself, with what was typed, is untouched.
    assert 'id="f-' not in body
    score = report.scores.get(criterion=criterion)
    assert score.self_score is None
    assert score.narrative == "Vẫn được lưu"


def test_a_save_without_change_claims_no_version(client, report, alice):
    login(client, alice)
    url, _ = criterion_url(report, 1)
    client.post(url, {"narrative": "A", "version": report.version})
    response = client.post(url, {"narrative": "A", "version": report.version})
    assert response.status_code == 200
    assert AnnualReport.objects.get(pk=report.pk).version == report.version + 1


def test_a_save_without_version_is_a_bad_request(client, report, alice):
    login(client, alice)
    url, _ = criterion_url(report, 1)
    assert client.post(url, {"narrative": "A"}).status_code == 400


@pytest.mark.parametrize(
    "typed, stored",
    [("1.250", 1250), ("1.250.000", 1250000), ("94,7", Decimal("94.7")), ("642", 642)],
)
def test_indicators_read_vietnamese_number_writing(client, report, alice, typed, stored):
    login(client, alice)
    indicator = report.criteria_set.indicators.get(code="dossiers_received")
    if isinstance(stored, Decimal):
        indicator = report.criteria_set.indicators.get(code="dossiers_on_time")
    response = client.post(
        reverse("reports:save_indicators", args=[report.pk]),
        {f"ind-{indicator.pk}": typed, "version": report.version},
    )
    assert response.status_code == 200
    assert report.indicators.get(indicator=indicator).value == stored


def test_indicator_bounds_and_kind_are_checked(client, report, alice):
    login(client, alice)
    whole = report.criteria_set.indicators.get(code="dossiers_received")
    percent = report.criteria_set.indicators.get(code="dossiers_on_time")
    url = reverse("reports:save_indicators", args=[report.pk])
    for field, typed, message in [
        (whole, "12,5", "số nguyên"),
        (percent, "104", "từ 0 đến 100"),
        (whole, "99999999999999999", "từ 0 đến"),
    ]:
        response = client.post(url, {f"ind-{field.pk}": typed, "version": report.version})
        assert response.status_code == 422
        assert message in response.content.decode()
    assert not report.indicators.filter(value__isnull=False).exists()
