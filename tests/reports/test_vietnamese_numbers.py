"""One reading of numbers for every form (issue 14, item 4): comma decimal, dot thousands,
nothing else. The unit's form and the review form read the same text the same way, and an
invalid review score is 422 (invalid input), not 409 (a conflict)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reports import services
from tests.conftest import login
from tests.review.factories import submitted_report

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
NOT_NUMBERS = ["1e1", "1_0", "５", "٣", "7.5.", "1.25", "1,2,3", "1 000", "0x10", "NaN", "Infinity"]


@pytest.mark.parametrize(
    "typed, value",
    [
        ("7,5", Decimal("7.5")),
        ("7.500", Decimal("7500")),
        ("1.250.000", Decimal("1250000")),
        ("1.250,75", Decimal("1250.75")),
        (" 642 ", Decimal("642")),
        ("-2", Decimal("-2")),
        ("", None),
    ],
)
def test_vietnamese_numbers_are_read(typed, value):
    from danvan.parse import parse_number

    assert parse_number(typed) == value


@pytest.mark.parametrize("typed", NOT_NUMBERS)
def test_anything_else_is_not_a_number(typed):
    from danvan.parse import parse_number

    with pytest.raises(ValidationError):
        parse_number(typed)


@pytest.fixture
def reviewed(unit_a, hana, criteria_set, rita):
    report = submitted_report(unit_a, hana, criteria_set)
    services.start_review(report, rita)
    report.refresh_from_db()
    return report


def review_score(client, report, typed):
    report.refresh_from_db()
    first = report.scores.order_by("criterion__number").first()
    return client.post(
        reverse("review:score", args=[report.pk, first.pk]),
        {"version": report.version, "review_score": typed, "review_comment": ""},
        **HTMX,
    )


def self_score(client, report, typed):
    report.refresh_from_db()
    criterion = report.criteria_set.criteria.get(number=1)
    return client.post(
        reverse("reports:save_criterion", args=[report.pk, criterion.pk]),
        {"self_score": typed, "version": report.version},
    )


@pytest.mark.parametrize("typed", ["1e1", "1_0", "５", "٣", "7.125", "7.500", "abc"])
def test_an_invalid_review_score_is_422_and_nothing_is_saved(client, rita, reviewed, typed):
    login(client, rita)
    response = review_score(client, reviewed, typed)
    assert response.status_code == 422
    assert reviewed.scores.filter(review_score__isnull=False).count() == 0


@pytest.mark.parametrize("typed", ["11", "-1", "7,3"])
def test_a_review_score_out_of_range_or_step_is_422(client, rita, reviewed, typed):
    login(client, rita)
    assert review_score(client, reviewed, typed).status_code == 422


@pytest.mark.parametrize("typed", ["1e1", "1_0", "５", "٣", "7.125", "7.500"])
def test_the_unit_form_refuses_the_same_scores(client, alice, report, typed):
    login(client, alice)
    response = self_score(client, report, typed)
    assert response.status_code == 422
    assert report.scores.filter(self_score__isnull=False).count() == 0


def test_7_125_gets_the_step_message_on_the_review_form(client, rita, reviewed):
    login(client, rita)
    body = review_score(client, reviewed, "7.125").content.decode()
    assert "bước 0,25" in body and "từ 0 đến" not in body


def test_7_125_gets_the_step_message_on_the_unit_form(client, alice, report):
    login(client, alice)
    body = self_score(client, report, "7.125").content.decode()
    assert "bước 0,25" in body and "từ 0 đến" not in body


def test_a_locked_report_is_still_409(client, rita, lena, reviewed):
    login(client, rita)
    assert review_score(client, reviewed, "8").status_code == 200
    from reports.models import AnnualReport, ReportState

    AnnualReport.objects.filter(pk=reviewed.pk).update(state=ReportState.ACCEPTED)
    assert review_score(client, reviewed, "9").status_code == 409
