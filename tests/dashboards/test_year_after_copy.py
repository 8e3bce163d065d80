"""Copying a criteria set to next year never moves anyone (issue 13, item 1): every role's home
page, the unit's reports, the "Thẩm định" menu and the dashboards stay on this year's work, with
next year one click away. Only the admin's "open for filing" moves the units."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from criteria.models import CriteriaSet
from tests.conftest import login
from tests.review.factories import submitted_report

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


def test_every_home_page_stays_on_the_open_year_after_a_copy(
    client, criteria_set, next_year, january, alice, hana, rita, lena, adam, unit_a
):
    report = submitted_report(unit_a, hana, criteria_set)
    for user in (alice, hana, rita, lena, adam):
        _response, html = page(client, user, reverse("home"))
        assert criteria_set.title in html, user
        assert next_year.title not in html, user
    # The unit's reports page shows this year's report, not a new year's "start" button.
    _response, html = page(client, alice, reverse("reports:index"))
    assert reverse("reports:detail", args=[report.pk]) in html
    assert reverse("reports:start") not in html


def test_the_review_menu_opens_the_board_of_the_open_year(client, criteria_set, next_year, rita):
    response, html = page(client, rita, reverse("review:index"))
    assert response.redirect_chain[-1][0] == reverse("review:board", args=[criteria_set.year])
    # Next year is one click away on the board.
    assert f'href="{reverse("review:board", args=[next_year.year])}"' in html


def test_the_province_dashboard_defaults_to_the_open_year(
    client, criteria_set, next_year, january, rita
):
    response, html = page(client, rita, reverse("dashboards:province"))
    assert response.context["year"] == criteria_set.year
    assert f'href="{reverse("dashboards:province_year", args=[next_year.year])}"' in html
