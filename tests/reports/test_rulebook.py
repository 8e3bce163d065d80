"""The year's classes and rules are cached per process (criteria.rulebook); an edit of them takes
effect on the very next autosave, since every edit gives the set a new rulebook version that the
autosave reads with the report."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from criteria import rulebook
from criteria.models import ClassTier, CriteriaSet, IndicatorRule
from criteria.services import copy_to_year
from tests.conftest import login
from tests.criteria.conftest import page_data

pytestmark = pytest.mark.django_db


def _score(client, report, number, points, version, base=""):
    criterion = report.criteria_set.criteria.get(number=number)
    return client.post(
        reverse("reports:save_criterion", args=[report.pk, criterion.pk]),
        {"self_score": points, "base-self_score": base, "version": version},
        HTTP_HX_REQUEST="true",
        HTTP_X_AUTOSAVE="1",
    )


def _admin_page(adam, name, criteria_set):
    admin = login(Client(), adam)
    response = admin.get(reverse(name, kwargs={"year": criteria_set.year}))
    assert response.status_code == 200
    return admin, response.request["PATH_INFO"], page_data(response)


def _row(data, prefix, field, value):
    for key, current in data.items():
        if key.startswith(prefix + "-") and key.endswith("-" + field) and str(current) == value:
            return key.split("-")[1]
    raise AssertionError(f"no row with {field}={value}")


def test_a_class_edited_on_its_page_shows_on_the_next_autosave(client, report, alice, adam):
    login(client, alice)
    client.get(reverse("reports:edit", args=[report.pk]))  # the rulebook is now cached
    response = _score(client, report, 2, "10", 1)
    assert response.context["totals"]["tier"].name == "Trung bình"

    admin, url, data = _admin_page(adam, "criteria:edit_rules", report.criteria_set)
    good = _row(data, "tiers", "name", "Tốt")
    average = _row(data, "tiers", "name", "Trung bình")
    data[f"tiers-{good}-min_total"] = "5"
    data[f"tiers-{average}-name"] = "Đạt"
    assert admin.post(url, data).status_code == 302

    response = _score(client, report, 2, "11", 2, base="10")
    assert response.status_code == 200
    assert response.context["totals"]["tier"].name == "Tốt"
    assert "Tốt" in response.content.decode()
    response = _score(client, report, 2, "1", 3, base="11")
    assert response.context["totals"]["tier"].name == "Đạt"


def test_a_rule_edited_on_its_page_shows_on_the_next_autosave(client, report, alice, adam):
    # Criterion 1 above 90 % of its 10 points expects at least 1 training participant.
    report.indicators.filter(indicator__code="training_participants").update(value=0)
    login(client, alice)
    client.get(reverse("reports:edit", args=[report.pk]))
    response = _score(client, report, 1, "10", 1)
    assert len(response.context["warnings"]) == 1
    assert response.context["score_marks"][report.criteria_set.criteria.get(number=1).pk]

    admin, url, data = _admin_page(adam, "criteria:edit_indicator_rules", report.criteria_set)
    row = _row(data, "rules", "left_codes", "training_participants")
    data[f"rules-{row}-right_constant"] = "0"
    assert admin.post(url, data).status_code == 302

    response = _score(client, report, 1, "9,5", 2, base="10")
    assert response.status_code == 200 and response.context["warnings"] == []


def _renewed(criteria_set, change):
    before = CriteriaSet.objects.get(pk=criteria_set.pk).rulebook_version
    change()
    return CriteriaSet.objects.get(pk=criteria_set.pk).rulebook_version != before


def test_every_change_of_the_rulebook_renews_its_version(criteria_set):
    tier = criteria_set.tiers.get(code="good")
    rule = criteria_set.rules.first()
    criterion = criteria_set.criteria.get(number=9)

    def edit(obj, **fields):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()

    changes = {
        "class edited": lambda: edit(tier, min_total=Decimal("60")),
        "class added": lambda: ClassTier.objects.create(
            criteria_set=criteria_set, code="weak", name="Yếu", min_total=0, order=9
        ),
        "class removed": lambda: ClassTier.objects.get(code="weak").delete(),
        "rule edited": lambda: edit(rule, tolerance=Decimal("1")),
        "rule added": lambda: IndicatorRule.objects.create(
            criteria_set=criteria_set, left_codes="initiatives", operator=">=", right_constant=2
        ),
        "rule removed": lambda: criteria_set.rules.filter(right_constant=2).delete(),
        "criterion edited": lambda: edit(criterion, max_points=Decimal("9")),
        "set saved in part": lambda: criteria_set.save(update_fields=["title"]),
        "set saved": lambda: criteria_set.save(),
    }
    assert [name for name, change in changes.items() if not _renewed(criteria_set, change)] == []


def test_a_stale_copy_of_the_set_saved_later_gets_a_version_of_its_own(criteria_set):
    stale = CriteriaSet.objects.get(pk=criteria_set.pk)
    old = stale.rulebook_version
    edited = criteria_set.tiers.get(code="good")
    edited.min_total = Decimal("60")
    edited.save()
    renewed = CriteriaSet.objects.get(pk=criteria_set.pk).rulebook_version
    stale.save()
    assert CriteriaSet.objects.get(pk=criteria_set.pk).rulebook_version not in (old, renewed)


def test_the_rulebook_is_read_again_once_the_version_moved(criteria_set, django_assert_num_queries):
    rulebook.of(criteria_set)
    with django_assert_num_queries(0):
        book = rulebook.of(criteria_set)
    assert [t.code for t in book.tiers] == ["excellent", "good", "average"]
    tier = criteria_set.tiers.get(code="good")
    tier.min_total = Decimal("60")
    tier.save()
    fresh = CriteriaSet.objects.get(pk=criteria_set.pk)
    with django_assert_num_queries(2):  # the classes, the rules with their criteria
        book = rulebook.of(fresh)
    assert next(t for t in book.tiers if t.code == "good").min_total == Decimal("60")
    assert book.has_rule_tied_to(criteria_set.criteria.get(number=1).pk)
    assert not book.has_rule_tied_to(criteria_set.criteria.get(number=2).pk)


def test_a_copied_year_has_its_own_rulebook(criteria_set):
    copy = copy_to_year(criteria_set, criteria_set.year + 1)
    assert copy.rulebook_version != criteria_set.rulebook_version
    assert [t.code for t in rulebook.of(copy).tiers] == ["excellent", "good", "average"]
    assert {r.criteria_set_id for r in rulebook.of(copy).rules} == {copy.pk}
