"""Copying a year's set to the next year (or a chosen one) through the admin page."""

from decimal import Decimal

from django.urls import reverse

from audit.models import Action, AuditEntry
from criteria.models import CriteriaSet
from tests.conftest import login

from .test_xlsx import snapshot


def test_copy_to_next_year(client, adam, criteria_set, submitted_report):
    login(client, adam)
    url = reverse("criteria:copy", kwargs={"year": criteria_set.year})
    response = client.get(url)
    assert response.context["form"]["year"].value() == criteria_set.year + 1
    response = client.post(url, {"year": criteria_set.year + 1, "confirm": "on"})
    copy = CriteriaSet.objects.get(year=criteria_set.year + 1)
    assert response.status_code == 302 and response["Location"].endswith(f"/{copy.year}/")
    assert snapshot(copy) == snapshot(criteria_set)
    assert str(copy.year) in copy.title and str(criteria_set.year) not in copy.title
    assert copy.submission_deadline.year == copy.year
    # The copy is not locked by the submitted report of the source year.
    assert not copy.is_locked
    entry = AuditEntry.objects.get(action=Action.CRITERIA_CHANGE)
    assert entry.details == {"part": "copy", "copied_from": criteria_set.year}


def test_copy_to_a_chosen_year_keeps_edited_rules(client, adam, criteria_set):
    criteria_set.late_penalty = Decimal("3")
    criteria_set.save()
    login(client, adam)
    url = reverse("criteria:copy", kwargs={"year": criteria_set.year})
    client.post(url, {"year": criteria_set.year + 3, "confirm": "on"})
    assert CriteriaSet.objects.get(year=criteria_set.year + 3).late_penalty == Decimal("3")


def test_copy_needs_confirmation_and_a_free_year(client, adam, criteria_set):
    login(client, adam)
    url = reverse("criteria:copy", kwargs={"year": criteria_set.year})
    response = client.post(url, {"year": criteria_set.year + 1})
    assert response.status_code == 200 and response.context["form"].errors["confirm"]
    response = client.post(url, {"year": criteria_set.year, "confirm": "on"})
    assert "đã có bộ tiêu chí" in response.content.decode()
    assert CriteriaSet.objects.count() == 1
    assert not AuditEntry.objects.filter(action=Action.CRITERIA_CHANGE).exists()
