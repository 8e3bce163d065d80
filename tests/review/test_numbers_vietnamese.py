"""Scores, totals, counts and dates on the review screens and their .xlsx read the Vietnamese
way (danvan/formats.py): "9,8", "67,5", "48 thủ tục", "02/12/2026"; Excel cells are numbers."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from danvan import formats
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_review_screen_writes_scores_and_counts_the_vietnamese_way(client, rita, report):
    score = report.scores.order_by("criterion__number").first()
    score.self_score = Decimal("9.80")
    score.save()
    value = report.indicators.filter(indicator__criterion=score.criterion).first()
    assert value is not None, "the default set has an indicator under criterion 1"
    value.value = Decimal("48.00")
    value.save()
    html = login(client, rita).get(reverse("review:report", args=[report.pk])).content.decode()
    assert "9,80" in html and "9.80" not in html
    assert f"48 {value.indicator.unit_of_measure}" in html
    assert "48,00" not in html
    assert f"{formats.short_datetime(report.submitted_at)}" in html


def test_board_totals_and_export_cells(client, rita, report, criteria_set):
    report.scores.update(review_score=Decimal("7.5"))
    login(client, rita)
    html = client.get(reverse("review:board", args=[criteria_set.year])).content.decode()
    assert ">67,50<" in html and "67.5" not in html
    response = client.get(reverse("review:export", args=[criteria_set.year]))
    row = load_workbook(BytesIO(response.content)).active[2]
    self_total, review_total = row[5], row[6]
    assert (self_total.value, self_total.number_format) == (72, "#,##0.00")
    assert (review_total.value, review_total.number_format) == (67.5, "#,##0.00")


def test_audit_export_time_is_a_local_date_cell(client, adam, report):
    response = login(client, adam).get(reverse("audit:export"))
    first = load_workbook(BytesIO(response.content)).active[2][0]
    assert first.number_format == "dd/mm/yyyy hh:mm"
    assert first.value.tzinfo is None
    assert abs(first.value - timezone.localtime().replace(tzinfo=None)).total_seconds() < 600
