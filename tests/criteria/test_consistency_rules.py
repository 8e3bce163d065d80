"""The consistency rules of a set, one test per rule of the evaluator, then the set's pages.

Read as the specification of criteria/consistency.py: sums on both sides, =, ≤, ≥ within a
tolerance, a constant, rules that apply only above a share of a criterion's self-score, and
each rule stated in Vietnamese.
"""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.urls import reverse

from criteria import consistency, defaults
from criteria.models import Criterion, IndicatorRule
from criteria.services import copy_to_year
from tests.conftest import login

from .conftest import page_data

pytestmark = pytest.mark.django_db


def rule(left, operator, right="", constant=None, tolerance=0, criterion=None, above=None):
    return IndicatorRule(
        left_codes=left,
        operator=operator,
        right_codes=right,
        right_constant=None if constant is None else Decimal(constant),
        tolerance=Decimal(tolerance),
        criterion=criterion,
        score_above=None if above is None else Decimal(above),
    )


def broken(rules, values, self_scores=None):
    values = {code: None if v is None else Decimal(v) for code, v in values.items()}
    return consistency.evaluate(rules, values, self_scores or {})


def test_equal_sums_hold_within_the_tolerance_and_break_beyond_it():
    sums = rule("a b", "==", "c d", tolerance=2)
    assert broken([sums], {"a": 10, "b": 5, "c": 12, "d": 1}) == []  # 15 against 13
    found = broken([sums], {"a": 10, "b": 5, "c": 12, "d": 0})  # 15 against 12
    assert [(b.left, b.right) for b in found] == [(Decimal(15), Decimal(12))]


def test_at_most_and_at_least_compare_with_indicators_plus_a_constant():
    at_most = rule("a", "<=", "b", constant=5)
    at_least = rule("a", ">=", constant=95, tolerance="0.5")
    assert broken([at_most], {"a": 15, "b": 10}) == []
    assert len(broken([at_most], {"a": 16, "b": 10})) == 1
    assert broken([at_least], {"a": "94.5"}) == []
    assert len(broken([at_least], {"a": "94.4"})) == 1


def test_a_side_without_any_figure_is_not_judged_and_a_blank_in_a_sum_counts_as_nothing():
    sums = rule("received", "==", "resolved pending")
    assert broken([sums], {"received": 10, "resolved": None, "pending": None}) == []
    assert broken([sums], {"received": None, "resolved": 3}) == []
    found = broken([sums], {"received": 10, "resolved": 4, "pending": None})
    assert found and found[0].codes == ["received", "resolved"]  # the blank one is not marked


def test_a_self_score_rule_applies_only_above_the_share_of_the_criterion_maximum(criteria_set):
    criterion = criteria_set.criteria.get(number=3)  # 10 points
    on_time = rule("on_time", ">=", constant=95, criterion=criterion, above=90)
    values = {"on_time": 80}
    assert broken([on_time], values, {criterion.pk: Decimal("9")}) == []  # 90 %: not above
    assert broken([on_time], values, {criterion.pk: None}) == []
    found = broken([on_time], values, {criterion.pk: Decimal("9.25")})
    assert len(found) == 1 and found[0].criterion_id == criterion.pk


def test_the_rules_are_stated_in_vietnamese(criteria_set):
    words = {r.left_codes: w for r, w in consistency.stated(criteria_set)}
    assert words["petitions_received"] == (
        "Số đơn thư tiếp nhận bằng tổng của số đơn đã giải quyết, số đơn chuyển cấp có thẩm "
        "quyền, số đơn trả lại, hướng dẫn, số đơn lưu, số đơn đang xem xét và số đơn rút "
        "(sai lệch cho phép 0)."
    )
    assert words["dossiers_on_time"] == (
        "Khi điểm tự chấm tiêu chí 3 trên 90% điểm tối đa (9 điểm), tỷ lệ hồ sơ giải quyết "
        "đúng hạn không dưới 95% (sai lệch cho phép 0)."
    )


def test_the_default_set_has_a_rule_for_every_indicator(criteria_set):
    named = {code for r in criteria_set.rules.all() for code in r.codes}
    assert named == set(criteria_set.indicators.values_list("code", flat=True))
    tied = criteria_set.rules.filter(criterion__isnull=False)
    assert {r.criterion.number for r in tied} == {1, 3, 5, 8}


def test_default_rules_are_added_once_and_the_old_petition_rule_becomes_the_sum_rule(
    criteria_set,
):
    criteria_set.rules.all().delete()
    old = IndicatorRule.objects.create(
        criteria_set=criteria_set,
        left_codes=defaults.PETITION_DISPOSITIONS,
        operator="<=",
        right_codes="petitions_received",
        message="Tổng số đơn đã xử lý vượt quá số đơn tiếp nhận.",
    )
    migration = importlib.import_module("criteria.migrations.0006_default_rules")
    migration.add_default_rules(django_apps, None)
    migration.add_default_rules(django_apps, None)
    assert criteria_set.rules.count() == len(defaults.RULES)
    old.refresh_from_db()
    assert (old.left_codes, old.operator, old.message) == ("petitions_received", "==", "")


def test_copying_a_set_copies_its_rules_with_their_criterion(criteria_set):
    copy = copy_to_year(criteria_set, criteria_set.year + 1)
    tied = copy.rules.get(left_codes="dossiers_on_time")
    assert tied.criterion.criteria_set == copy and tied.criterion.number == 3
    assert copy.rules.count() == criteria_set.rules.count()


def _rules_page(client, criteria_set):
    url = reverse("criteria:edit_indicator_rules", kwargs={"year": criteria_set.year})
    response = client.get(url)
    return url, page_data(response)


def test_the_admin_adds_a_sum_rule_and_a_self_score_rule_and_reads_them_in_words(
    client, adam, rita, criteria_set
):
    login(client, adam)
    url, data = _rules_page(client, criteria_set)
    new = criteria_set.rules.count()
    criterion_5 = Criterion.objects.get(criteria_set=criteria_set, number=5)
    data.update(
        {
            f"rules-{new}-left_codes": "petitions_pending  petitions_withdrawn",
            f"rules-{new}-operator": "<=",
            f"rules-{new}-right_codes": "petitions_resolved",
            f"rules-{new}-tolerance": "2",
            "rules-TOTAL_FORMS": str(new + 2),
            f"rules-{new + 1}-left_codes": "petitions_resolved",
            f"rules-{new + 1}-operator": ">=",
            f"rules-{new + 1}-right_constant": "1",
            f"rules-{new + 1}-tolerance": "0",
            f"rules-{new + 1}-criterion": str(criterion_5.pk),
            f"rules-{new + 1}-score_above": "80",
        }
    )
    assert client.post(url, data).status_code == 302
    added = criteria_set.rules.filter(left_codes="petitions_pending petitions_withdrawn").get()
    assert added.tolerance == 2 and added.criterion is None
    login(client, rita)
    html = client.get(reverse("criteria:detail", kwargs={"year": criteria_set.year})).content
    html = html.decode()
    assert (
        "Tổng của số đơn đang xem xét và số đơn rút không vượt quá số đơn đã giải quyết "
        "(sai lệch cho phép 2)." in html
    )
    assert (
        "Khi điểm tự chấm tiêu chí 5 trên 80% điểm tối đa (12 điểm), số đơn đã giải quyết "
        "không dưới 1 đơn (sai lệch cho phép 0)." in html
    )


@pytest.mark.parametrize(
    "change, error",
    [
        ({"criterion": "C3"}, "Nhập tỷ lệ so với điểm tối đa của tiêu chí"),
        ({"score_above": "90"}, "Hãy chọn tiêu chí có điểm tự chấm được xét."),
        ({"right_codes": ""}, "Hãy so sánh với mã chỉ số, với một con số, hoặc cả hai."),
        ({"score_above": "120", "criterion": "C3"}, "100"),
    ],
)
def test_an_incomplete_rule_is_refused_with_a_clear_message(
    client, adam, criteria_set, change, error
):
    login(client, adam)
    url, data = _rules_page(client, criteria_set)
    new = criteria_set.rules.count()
    criterion_3 = criteria_set.criteria.get(number=3)
    row = {"left_codes": "dossiers_on_time", "operator": ">=", "right_codes": "online_full"}
    row.update(change)
    if row.get("criterion") == "C3":
        row["criterion"] = str(criterion_3.pk)
    data.update({f"rules-{new}-{name}": value for name, value in row.items()})
    response = client.post(url, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert criteria_set.rules.count() == new


def test_rule_numbers_are_shown_and_read_the_vietnamese_way(client, adam, criteria_set):
    login(client, adam)
    url, data = _rules_page(client, criteria_set)
    html = client.get(url).content.decode()
    assert 'value="95"' in html and 'value="95.00"' not in html and 'value="0.00"' not in html
    new = criteria_set.rules.count()
    data.update(
        {
            "rules-TOTAL_FORMS": str(new + 1),
            f"rules-{new}-left_codes": "dossiers_received",
            f"rules-{new}-operator": ">=",
            f"rules-{new}-right_constant": "1.250,5",
            f"rules-{new}-tolerance": "0,5",
        }
    )
    assert client.post(url, data).status_code == 302
    added = criteria_set.rules.get(left_codes="dossiers_received", right_constant__gt=1000)
    assert added.right_constant == Decimal("1250.5") and added.tolerance == Decimal("0.5")
    assert 'value="1.250,5"' in client.get(url).content.decode()
