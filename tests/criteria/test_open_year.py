"""The open year is a state the admin sets: preparing next year's set never moves anyone.

A set is prepared, then opened for filing, closed for filing and classified
(`criteria.models.YearState`); `CriteriaSet.objects.current(user)` is the one answer to "which
year is this person working on", and every page that shows a year links to the other years.
"""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from criteria.models import CriteriaSet, YearState
from criteria.services import YearStateError, copy_to_year, set_state
from reports import services
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(client, adam, criteria_set):
    """The admin copies this year's set to next year, through the page."""
    response = login(client, adam).post(
        reverse("criteria:copy", args=[criteria_set.year]),
        {"year": criteria_set.year + 1, "confirm": "on"},
    )
    assert response.status_code == 302
    client.logout()
    return CriteriaSet.objects.get(year=criteria_set.year + 1)


@pytest.fixture
def january(monkeypatch, criteria_set):
    """Early next year, while this year's reports are still being reviewed."""
    day = date(criteria_set.year + 1, 1, 12)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    return day


def page(client, user, url):
    response = login(client, user).get(url, follow=True)
    assert response.status_code == 200
    return response, response.content.decode()


def test_a_copy_is_prepared_and_the_open_year_stays(criteria_set, next_year):
    criteria_set.refresh_from_db()
    assert criteria_set.state == YearState.OPEN
    assert next_year.state == YearState.PREPARED
    assert CriteriaSet.objects.current() == criteria_set


def test_opening_next_year_moves_units_but_reviewers_finish_the_closed_year(
    client, criteria_set, next_year, adam, alice, rita
):
    set_state(criteria_set, YearState.CLOSED, adam)
    set_state(next_year, YearState.OPEN, adam)
    assert CriteriaSet.objects.current(alice) == next_year
    assert CriteriaSet.objects.current(rita) == criteria_set
    set_state(criteria_set, YearState.CLASSIFIED, adam)
    assert CriteriaSet.objects.current(rita) == next_year


def test_state_moves_one_step_at_a_time(criteria_set, next_year, adam):
    with pytest.raises(YearStateError):
        set_state(next_year, YearState.CLASSIFIED, adam)
    set_state(next_year, YearState.OPEN, adam)
    next_year.refresh_from_db()
    assert next_year.state == YearState.OPEN


def test_the_admin_changes_the_state_on_the_criteria_page(client, criteria_set, next_year, adam):
    html = page(client, adam, reverse("criteria:detail", args=[next_year.year]))[1]
    assert "Đang chuẩn bị" in html and "Mở nhận báo cáo" in html
    url = reverse("criteria:state", args=[next_year.year])
    response = login(client, adam).post(url, {"state": YearState.OPEN})
    assert response.status_code == 302
    next_year.refresh_from_db()
    assert next_year.state == YearState.OPEN


def test_reviewers_may_not_change_the_state(client, criteria_set, rita):
    url = reverse("criteria:state", args=[criteria_set.year])
    response = login(client, rita).post(url, {"state": YearState.CLOSED})
    assert response.status_code == 403
    criteria_set.refresh_from_db()
    assert criteria_set.state == YearState.OPEN


def test_a_unit_cannot_start_a_report_of_a_prepared_year(criteria_set, unit_a, alice):
    prepared = copy_to_year(criteria_set, criteria_set.year + 1)
    with pytest.raises(services.ReportError):
        services.start_report(unit_a, prepared, alice)


def test_a_closed_year_refuses_submissions(criteria_set, unit_a, hana, adam):
    criteria_set.submission_deadline = timezone.localdate() + timedelta(days=5)
    criteria_set.save()
    report = services.start_report(unit_a, criteria_set, hana)
    set_state(criteria_set, YearState.CLOSED, adam)
    with pytest.raises(services.ReportError):
        services.submit(report, hana)
