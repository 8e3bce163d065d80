"""A unit's dashboard: its totals over the years and its criteria against the province."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from criteria.services import copy_to_year
from reports.models import CriterionScore, ReportState
from reports.services import start_report
from tests.conftest import login
from tests.dashboards.factories import build_province, fill_report
from tests.dashboards.page import body, chart, number, series


@pytest.fixture
def two_years(criteria_set, unit_a, alice):
    """Unit A's accepted report of last year and its report under review this year."""
    last_year = copy_to_year(criteria_set, criteria_set.year - 1)
    old = fill_report(start_report(unit_a, last_year, alice), 0)
    current = fill_report(start_report(unit_a, criteria_set, alice), 2)
    return old, current


def total(report, field):
    return sum(getattr(s, field) for s in report.scores.all())


def test_unit_people_see_their_totals_over_the_years(client, alice, two_years):
    old, current = two_years
    response = login(client, alice).get(reverse("dashboards:unit", args=[old.unit.pk]))
    assert response.status_code == 200
    rows = body(response, "history-table")
    assert [int(r[0]) for r in rows] == [old.criteria_set.year, current.criteria_set.year]
    assert number(rows[0][2]) == total(old, "self_score")
    assert number(rows[0][3]) == total(old, "review_score")
    assert number(rows[1][2]) == total(current, "self_score")
    # This year's report is still under review: its review scores are not final, not shown.
    assert rows[1][3] == "—"
    assert series(chart(response, "history"), 1) == [float(total(old, "review_score")), None]


def test_criteria_against_the_province_average(client, alice, unit_a, criteria_set):
    build_province(criteria_set, 12)
    report = fill_report(start_report(unit_a, criteria_set, alice), 1)
    response = login(client, alice).get(reverse("dashboards:unit", args=[unit_a.pk]))
    rows = body(response, "unit-criteria-table")
    data = chart(response, "unit-criteria")
    scores = {s.criterion_id: s for s in report.scores.all()}
    for index, criterion in enumerate(criteria_set.criteria.order_by("order", "number")):
        mine = scores[criterion.pk]
        accepted = CriterionScore.objects.filter(
            criterion=criterion, report__state=ReportState.ACCEPTED
        )
        average = sum(s.review_score for s in accepted) / accepted.count()
        expected = float(average * 100 / criterion.max_points)
        assert number(rows[index][7]) == pytest.approx(expected, abs=0.05)
        assert series(data, 3)[index] == pytest.approx(expected, abs=0.05)
        assert number(rows[index][4]) == float(mine.review_score)
        assert series(data, 1)[index] == pytest.approx(
            float(mine.review_score * 100 / criterion.max_points), abs=0.05
        )


def test_another_units_people_get_404(client, bob, unit_a, two_years):
    login(client, bob)
    assert client.get(reverse("dashboards:unit", args=[unit_a.pk])).status_code == 404
    assert client.get(reverse("dashboards:unit_xlsx", args=[unit_a.pk])).status_code == 404


def test_reviewers_see_only_submitted_reports(client, rita, unit_a, alice, criteria_set):
    fill_report(start_report(unit_a, criteria_set, alice), 3)  # a draft
    response = login(client, rita).get(reverse("dashboards:unit", args=[unit_a.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Đơn vị chưa có báo cáo nào." in content
    assert "history-table" not in content and "unit-criteria-table" not in content


def test_year_can_be_chosen(client, alice, two_years):
    old, _current = two_years
    url = reverse("dashboards:unit", args=[old.unit.pk])
    response = login(client, alice).get(url, {"year": old.criteria_set.year})
    assert response.context["year"] == old.criteria_set.year
    assert str(old.criteria_set.year) in chart(response, "unit-criteria")["title"]
    assert client.get(url, {"year": "x"}).context["year"] == date.today().year


def test_query_count_does_not_grow_with_the_province(
    client, alice, unit_a, criteria_set, django_assert_num_queries
):
    fill_report(start_report(unit_a, criteria_set, alice), 0)
    build_province(criteria_set, 5)
    login(client, alice)
    url = reverse("dashboards:unit", args=[unit_a.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    build_province(criteria_set, 25, start=5)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
