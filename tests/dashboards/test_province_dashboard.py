"""The province dashboard's numbers match the database of a seeded province."""

from collections import Counter
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from campaigns.models import DanVanModel, Field, RecognitionLevel
from reports.models import AnnualReport, CriterionScore, ReportState
from tests.conftest import login
from tests.dashboards.factories import build_province, final_scores
from tests.dashboards.page import body, chart, number, series
from units.models import Unit


@pytest.fixture
def province(criteria_set):
    build_province(criteria_set, 23)
    return criteria_set


def open_dashboard(client, user, year):
    response = login(client, user).get(reverse("dashboards:province_year", args=[year]))
    assert response.status_code == 200
    return response


def test_burn_up_counts_first_submissions_per_day(client, rita, province):
    response = open_dashboard(client, rita, province.year)
    submitted = AnnualReport.objects.for_year(province.year).exclude(first_submitted_at=None)
    per_day = Counter(timezone.localdate(r.first_submitted_at) for r in submitted)
    must_report = Unit.objects.active_in(province.year).count()

    rows = body(response, "filing-table")
    assert [(r[0], int(r[1])) for r in rows] == [
        (day.strftime("%d/%m/%Y"), n) for day, n in sorted(per_day.items())
    ]
    assert int(rows[-1][2]) == submitted.count() == 15
    data = chart(response, "filing")
    assert series(data, 0)[-1] == submitted.count()
    assert set(series(data, 1)) == {must_report}
    deadline = province.submission_deadline.strftime("%d/%m")
    assert data["labels"][data["marker"]["index"]] == deadline
    late = submitted.filter(is_late=True).count()
    assert late == 3
    summary = response.context["summary"]
    assert (summary["submitted"], summary["late"], summary["total"]) == (15, late, must_report)
    assert summary["missing"] == must_report - 15


def test_criterion_averages_are_shares_of_the_maximum(client, rita, province):
    response = open_dashboard(client, rita, province.year)
    rows = body(response, "criteria-table")
    data = chart(response, "criteria")
    criteria = list(province.criteria.order_by("order", "number"))
    assert len(rows) == len(criteria) == 9
    for row, criterion, self_pct, review_pct in zip(
        rows, criteria, series(data, 0), series(data, 1), strict=True
    ):
        submitted = CriterionScore.objects.filter(
            criterion=criterion, report__first_submitted_at__isnull=False
        )
        selfs = [s.self_score for s in submitted]
        reviews = [s.review_score for s in final_scores().filter(criterion=criterion)]
        expected_self = sum(selfs) / len(selfs) * 100 / criterion.max_points
        expected_review = sum(reviews) / len(reviews) * 100 / criterion.max_points
        assert self_pct == pytest.approx(float(expected_self), abs=0.05)
        assert review_pct == pytest.approx(float(expected_review), abs=0.05)
        assert number(row[3]) == pytest.approx(float(expected_self), abs=0.05)
        assert number(row[6]) == pytest.approx(float(expected_review), abs=0.05)
        assert int(row[4]) == len(selfs) == 15
        assert int(row[7]) == len(reviews) == 10


def test_models_by_field_and_level(client, rita, province):
    response = open_dashboard(client, rita, province.year)
    rows = body(response, "models-table")
    data = chart(response, "models")
    assert [r[0] for r in rows] == [*Field.labels, "Tất cả lĩnh vực"]
    for row, field in zip(rows, Field.values, strict=False):
        models = DanVanModel.objects.filter(year=province.year, field=field)
        recognised = models.filter(recognition_level=RecognitionLevel.PROVINCE).count()
        assert int(row[-1]) == models.count()
        assert int(row[1]) == models.filter(recognition_level="").count()
        assert int(row[4]) == recognised
    assert int(rows[-1][-1]) == DanVanModel.objects.count() == 23
    province_level = [d for d in data["datasets"] if d["label"] == "Cấp tỉnh"][0]
    assert sum(province_level["data"]) == 8


def test_top_and_bottom_units_by_review_total(client, rita, province):
    response = open_dashboard(client, rita, province.year)
    totals = (
        AnnualReport.objects.filter(state=ReportState.ACCEPTED)
        .annotate(total=Sum("scores__review_score"))
        .values_list("unit__name", "total")
    )
    ranked = sorted(totals, key=lambda t: (-t[1], t[0]))
    top = body(response, "top-table")
    assert [(r[1], Decimal(r[3].replace(",", "."))) for r in top] == ranked[:10]
    bottom = body(response, "bottom-table")
    assert [r[1] for r in bottom] == [
        name for name, _t in sorted(totals, key=lambda t: (t[1], t[0]))
    ][:10]
    assert chart(response, "top")["labels"] == [name for name, _t in ranked[:10]]


def test_a_year_without_data_shows_notes_instead_of_charts(client, rita, criteria_set):
    response = open_dashboard(client, rita, criteria_set.year)
    content = response.content.decode()
    assert "canvas" not in content
    assert "Chưa có báo cáo nào" in content or "No report" in content


def test_unit_people_may_not_open_the_province_dashboard(client, alice, criteria_set):
    response = login(client, alice).get(reverse("dashboards:province"))
    assert response.status_code == 403


def test_query_count_does_not_grow_with_the_province(
    client, rita, criteria_set, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_province(criteria_set, 6)
    login(client, rita)
    url = reverse("dashboards:province_year", args=[criteria_set.year])
    xlsx = reverse("dashboards:province_xlsx", args=[criteria_set.year])
    with CaptureQueriesContext(connection) as small_page:
        client.get(url)
    with CaptureQueriesContext(connection) as small_xlsx:
        client.get(xlsx)
    build_province(criteria_set, 30, start=6)
    with django_assert_num_queries(len(small_page)):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(len(small_xlsx)):
        assert client.get(xlsx).status_code == 200
