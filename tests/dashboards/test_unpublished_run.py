"""Product decision (issue 13): a classification run that is not published is seen by the
review lead and the admins only; reviewers and units see the published decision's classes."""

import pytest
from django.urls import reverse

from ratings import services as ratings
from tests.conftest import login
from tests.ratings.factories import accepted_report

pytestmark = pytest.mark.django_db


def classes_on_dashboard(client, user, year):
    response = login(client, user).get(reverse("dashboards:province_year", args=[year]))
    return response.context["classes"].rows


def test_an_unpublished_run_is_for_the_lead_only(client, criteria_set, unit_a, rita, lena):
    accepted_report(unit_a, criteria_set, 95)
    ratings.run_now(criteria_set.year)
    assert classes_on_dashboard(client, lena, criteria_set.year)
    assert not classes_on_dashboard(client, rita, criteria_set.year)
    unit_page = login(client, rita).get(reverse("dashboards:unit", args=[unit_a.pk]))
    assert "Xuất sắc" not in unit_page.content.decode()
