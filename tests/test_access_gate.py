"""The one access gate (danvan/access.py): the guard every model gets, rules that are not
there, and the one fetch helper. The URL x role matrix (tests/security) is the test of record
for who sees what; this pins the gate's own behaviour."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from danvan.access import get_for_request
from reports import services
from reports.models import AnnualReport
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_an_inactive_or_anonymous_user_sees_no_rows_of_any_model(alice, unit_a):
    assert Unit.objects.restrict(alice).filter(pk=unit_a.pk).exists()
    alice.is_active = False
    # Units had no active-user guard of their own before the gate; now every model has it.
    for model in (Unit, AnnualReport, User):
        assert not model.objects.restrict(alice).exists()
        assert not model.objects.restrict(AnonymousUser()).exists()


def test_a_model_without_a_change_rule_is_an_error_not_a_fallback(alice):
    with pytest.raises(LookupError, match="'change' access rule"):
        AnnualReport.objects.restrict(alice, "change")


def test_who_may_change_an_account_is_narrower_than_who_may_see_it(alice, hana, bob, adam):
    # A unit's head sees the people of their unit, themselves included, but manages its staff.
    assert set(User.objects.restrict(hana)) == {alice, hana}
    assert set(User.objects.restrict(hana, "change")) == {alice}
    assert set(User.objects.restrict(adam, "change")) >= {alice, hana, bob, adam}


def test_get_for_request_answers_404_for_another_units_object(alice, bob, criteria_set):
    report = services.start_report(bob.unit, criteria_set, bob)
    assert get_for_request(bob, AnnualReport, pk=report.pk) == report
    with pytest.raises(Http404):
        get_for_request(alice, AnnualReport, pk=report.pk)
    with pytest.raises(Http404):
        get_for_request(alice, User, "change", pk=bob.pk)
