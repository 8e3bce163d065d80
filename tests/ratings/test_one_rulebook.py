"""One rulebook (criteria/rules.py): every page and the classification say the same total and
class for the same report, and rank follows the final class (issue 13, item 2)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ratings import services
from ratings.models import UnitResult
from reports.models import CriterionScore
from tests.conftest import login
from tests.dashboards.test_classes import DECISION
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.django_db


def _results(run):
    return {r.unit.code: r for r in UnitResult.objects.filter(run=run).select_related("unit")}


def test_a_unit_capped_for_a_violation_ranks_after_the_groups_excellent_unit(
    criteria_set, group_departments
):
    accepted_report(make_unit("XS", group_departments), criteria_set, 93)
    accepted_report(make_unit("TOT", group_departments), criteria_set, 80)
    accepted_report(
        make_unit("VIO", group_departments), criteria_set, 98, violation="Kỷ luật người đứng đầu"
    )
    results = _results(services.run_now(criteria_set.year))
    assert [results[code].tier_code for code in ("XS", "TOT", "VIO")] == [
        "excellent",
        "good",
        "average",
    ]
    assert [results[code].rank for code in ("XS", "TOT", "VIO")] == [1, 2, 3]


def test_the_same_report_has_the_same_total_and_class_on_every_page(
    client, criteria_set, unit_a, alice, rita
):
    # Full marks everywhere, and criterion 1 stored above its maximum of 10 (a score kept from
    # before the maximum was lowered): every page counts it as 10, as the classification does.
    scores = {c.number: c.max_points for c in criteria_set.criteria.all()}
    report = accepted_report(unit_a, criteria_set, scores=scores)
    CriterionScore.objects.filter(report=report, criterion__number=1).update(
        review_score=Decimal("12"), self_score=Decimal("12")
    )
    result = UnitResult.objects.get(run=services.run_now(criteria_set.year), unit=unit_a)
    expected = Decimal("100.00")
    assert result.total == expected and result.tier_code == "excellent"

    login(client, rita)
    review = client.get(reverse("review:report", args=[report.pk])).context["totals"]
    assert review["review_total"] == expected and review["tier"].code == result.tier_code

    board = client.get(reverse("review:board", args=[criteria_set.year])).context["page_obj"]
    row = next(u for u in board if u.pk == unit_a.pk)
    assert row.review_total == expected and row.self_total == expected

    history = client.get(reverse("dashboards:unit", args=[unit_a.pk])).context["history"]
    line = next(r for r in history.rows if r[0] == criteria_set.year)
    assert Decimal(str(line[3])) == expected  # review total column

    login(client, alice)
    page = client.get(reverse("reports:detail", args=[report.pk])).context["page"]
    assert page.total == expected and page.provisional_class.code == result.tier_code
    mine = client.get(reverse("reports:index")).context["reports"]
    assert next(r for r in mine if r.pk == report.pk).review_total == expected


def test_an_accepted_report_shows_the_review_scores_and_the_published_class(
    client, criteria_set, unit_a, alice, adam
):
    scores = {c.number: c.max_points for c in criteria_set.criteria.all()}
    report = accepted_report(unit_a, criteria_set, scores=scores)
    CriterionScore.objects.filter(report=report, criterion__number=2).update(
        review_score=Decimal("9")
    )
    url = reverse("reports:detail", args=[report.pk])
    html = login(client, alice).get(url).content.decode()
    assert 'id="review-total"' in html and "94" in html
    assert 'class="review-score">9,00<' in html
    assert 'id="forecast-class"' in html and "dự kiến" in html

    run = services.run_now(criteria_set.year)
    services.publish(run, adam, **DECISION)
    html = client.get(url).content.decode()
    assert 'id="published-class"' in html and "Xuất sắc" in html
    assert "dự kiến" not in html
