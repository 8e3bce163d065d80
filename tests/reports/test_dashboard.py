"""The unit dashboard and what the form shows beside the fields."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DanVanModel
from criteria.services import create_default_set
from reports import services
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db


def test_dashboard_shows_state_total_countdown_and_last_year(
    client, report, unit_a, alice, hana, criteria_set
):
    criteria_set.submission_deadline = timezone.localdate() + timedelta(days=12)
    criteria_set.save()
    last_set = create_default_set(criteria_set.year - 1)
    last = services.start_report(unit_a, last_set, alice)
    complete(last)
    last.indicators.filter(indicator__code="petitions_received").update(value=642)
    services.send_to_head(last, alice)
    services.submit(last, hana)
    report.indicators.filter(indicator__code="petitions_received").update(value=35)
    report.scores.filter(criterion__number=1).update(self_score=9)
    login(client, alice)
    page = client.get(reverse("reports:index")).content.decode()
    assert "còn 12 ngày" in page
    assert "Bản nháp" in page and "Đã nộp" in page
    assert f"So sánh năm {criteria_set.year} với năm {criteria_set.year - 1}" in page
    assert "642" in page and "35" in page
    # Totals: 9 this year so far; last year 9 criteria x 8 points.
    assert "<td>9,00</td><td>72,00</td></tr>" in page


def test_form_shows_last_years_value_and_running_class(client, report, unit_a, alice, hana):
    report.scores.update(self_score=10)
    login(client, alice)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "dự kiến xếp loại <strong>Xuất sắc</strong>" in page
    report.scores.filter(criterion__number__lte=2).update(self_score=0)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "dự kiến xếp loại <strong>Tốt</strong>" in page


def test_criterion_8_lists_the_units_models_of_the_year(client, report, unit_a, unit_b, alice):
    DanVanModel.objects.create(
        unit=unit_a,
        year=report.year,
        name="Dân vận khéo trong cải cách hành chính",
        field="economy",
    )
    DanVanModel.objects.create(
        unit=unit_b, year=report.year, name="Mô hình của Sở Tư pháp", field="economy"
    )
    login(client, alice)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Dân vận khéo trong cải cách hành chính" in page
    assert "Mô hình của Sở Tư pháp" not in page


def test_score_history_lists_self_score_changes(client, report, alice):
    login(client, alice)
    criterion = report.criteria_set.criteria.get(number=3)
    url = reverse("reports:save_criterion", args=[report.pk, criterion.pk])
    client.post(url, {"self_score": "6", "version": report.version})
    client.post(url, {"self_score": "7,25", "version": report.version + 1})
    page = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    assert "7,25" in page and "Alice" in page
