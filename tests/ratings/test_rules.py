"""Each rule of the classification, read from the year's criteria set."""

from datetime import timedelta
from decimal import Decimal

from criteria.models import ClassTier
from ratings import services
from ratings.models import UnitResult
from reports.models import ReportState
from tests.ratings.factories import BASE_TIME, accepted_report, make_unit, recognised_models


def _results(run):
    return {r.unit.code: r for r in UnitResult.objects.filter(run=run).select_related("unit")}


def test_weak_criterion_vetoes_the_top_class_but_not_at_exactly_half(
    criteria_set, group_departments
):
    accepted_report(make_unit("LOW", group_departments), criteria_set, 92, fixed={2: 7})
    accepted_report(make_unit("HALF", group_departments), criteria_set, 95, fixed={1: 5})
    results = _results(services.run_now(criteria_set.year))
    assert results["LOW"].tier_code == "good" and results["LOW"].weak_criteria == [2]
    assert results["HALF"].tier_code == "excellent" and results["HALF"].weak_criteria == []


def test_serious_violation_caps_at_average_with_the_reason(criteria_set, group_departments):
    accepted_report(
        make_unit("VIO", group_departments),
        criteria_set,
        98,
        violation="Kỷ luật người đứng đầu",
    )
    accepted_report(
        make_unit("LOWVIO", group_departments), criteria_set, 60, violation="Tham nhũng"
    )
    results = _results(services.run_now(criteria_set.year))
    assert results["VIO"].tier_code == "average"
    assert results["VIO"].violation == "Kỷ luật người đứng đầu"
    assert results["LOWVIO"].tier_code == "average"


def test_quota_ties_break_on_fewer_criteria_below_full_then_earlier_submission(
    criteria_set, group_departments
):
    # 10 units: quota 2. Three units at 95: A has 2 criteria below full, B and C one each;
    # C submitted before B. So C and B stay Xuất sắc, A is capped.
    a = make_unit("A", group_departments)
    b = make_unit("B", group_departments)
    c = make_unit("C", group_departments)
    accepted_report(a, criteria_set, scores=_with({1: 8, 2: 12}))
    accepted_report(b, criteria_set, scores=_with({2: 10}), submitted_at=BASE_TIME)
    accepted_report(c, criteria_set, scores=_with({5: 10}), submitted_at=BASE_TIME - timedelta(1))
    for i in range(7):
        accepted_report(make_unit(f"F{i}", group_departments), criteria_set, 75)
    results = _results(services.run_now(criteria_set.year))
    assert results["A"].total == results["B"].total == results["C"].total == Decimal("95.00")
    assert results["C"].tier_code == "excellent" and results["C"].rank == 1
    assert results["B"].tier_code == "excellent" and results["B"].rank == 2
    assert results["A"].tier_code == "good" and results["A"].capped and results["A"].rank == 3


def test_small_group_keeps_at_least_one_top_unit(criteria_set, group_departments):
    accepted_report(make_unit("ONE", group_departments), criteria_set, 96)
    accepted_report(make_unit("TWO", group_departments), criteria_set, 94)
    results = _results(services.run_now(criteria_set.year))
    assert results["ONE"].tier_code == "excellent"
    assert results["TWO"].tier_code == "good" and results["TWO"].capped


def test_quota_is_per_group(criteria_set, group_departments, group_communes):
    accepted_report(make_unit("D1", group_departments), criteria_set, 96)
    accepted_report(make_unit("X1", group_communes), criteria_set, 95)
    results = _results(services.run_now(criteria_set.year))
    assert results["D1"].tier_code == results["X1"].tier_code == "excellent"
    assert results["D1"].rank == results["X1"].rank == 1


def test_bonus_and_penalty_are_capped_and_total_clamped(criteria_set, group_departments):
    full = make_unit("FULL", group_departments)
    accepted_report(full, criteria_set, 99)
    recognised_models(full, criteria_set.year, 8)  # +8 capped to +5, total clamped to 100
    late = make_unit("LATE", group_departments)
    accepted_report(
        late, criteria_set, scores={c.number: 0 for c in criteria_set.criteria.all()}, late=True
    )
    unit_level = make_unit("UNITLVL", group_departments)
    accepted_report(unit_level, criteria_set, 80)
    recognised_models(unit_level, criteria_set.year, 3, level="unit")  # below provincial level
    results = _results(services.run_now(criteria_set.year))
    assert results["FULL"].bonus == Decimal("5.00") and results["FULL"].total == Decimal("100.00")
    assert results["LATE"].penalty == Decimal("2.00") and results["LATE"].total == Decimal("0.00")
    assert results["UNITLVL"].bonus == 0 and results["UNITLVL"].total == Decimal("80.00")


def test_review_scores_outside_zero_to_max_are_clamped(criteria_set, group_departments):
    scores = {c.number: c.max_points for c in criteria_set.criteria.all()}
    scores[1] = Decimal("14")  # above its maximum of 10
    accepted_report(make_unit("OVER", group_departments), criteria_set, scores=scores)
    result = _results(services.run_now(criteria_set.year))["OVER"]
    assert result.scores["1"] == "10.00" and result.total == Decimal("100.00")


def test_units_without_an_accepted_report_are_not_classified(criteria_set, group_departments):
    accepted_report(make_unit("OK", group_departments), criteria_set, 80)
    accepted_report(
        make_unit("REVIEW", group_departments), criteria_set, 99, state=ReportState.UNDER_REVIEW
    )
    make_unit("NONE", group_departments)
    results = _results(services.run_now(criteria_set.year))
    assert results["OK"].classified and results["OK"].tier_code == "good"
    for code, reason in (("REVIEW", "not_accepted"), ("NONE", "no_report")):
        assert not results[code].classified
        assert results[code].tier_code == "" and results[code].rank is None
        assert results[code].unclassified_reason == reason
    # Not classified units do not count for the quota: one classified unit, quota 1.
    assert results["OK"].rank == 1


def test_a_fourth_class_configured_for_the_year(criteria_set, group_departments):
    ClassTier.objects.filter(criteria_set=criteria_set, code="average").update(
        min_total=Decimal("50")
    )
    ClassTier.objects.create(
        criteria_set=criteria_set, code="weak", name="Yếu", min_total=0, order=3
    )
    accepted_report(make_unit("W", group_departments), criteria_set, 52, fixed={1: 0, 2: 0})
    accepted_report(make_unit("Y", group_departments), criteria_set, 45, fixed={1: 0, 2: 0, 3: 0})
    results = _results(services.run_now(criteria_set.year))
    assert results["W"].tier_code == "average"
    assert results["Y"].tier_code == "weak"
    assert [t["code"] for t in services.current_run(criteria_set.year).rules["tiers"]] == [
        "excellent",
        "good",
        "average",
        "weak",
    ]


def test_changing_the_rules_in_the_criteria_set_changes_the_result(criteria_set, group_departments):
    for i, total in enumerate((96, 92, 91, 88, 70)):
        accepted_report(make_unit(f"R{i}", group_departments), criteria_set, total)
    first = _results(services.run_now(criteria_set.year))
    assert [first[f"R{i}"].tier_code for i in range(5)] == [
        "excellent",
        "good",
        "good",
        "good",
        "good",
    ]
    criteria_set.quota_ratio = Decimal("0.6")  # quota 3
    criteria_set.save()
    ClassTier.objects.filter(criteria_set=criteria_set, code="good").update(min_total=75)
    second = _results(services.run_now(criteria_set.year))
    assert [second[f"R{i}"].tier_code for i in range(5)] == [
        "excellent",
        "excellent",
        "excellent",
        "good",
        "average",
    ]


def test_rerunning_gives_the_same_result_and_moves_current(criteria_set, group_departments):
    for i, total in enumerate((96, 92, 75)):
        accepted_report(make_unit(f"S{i}", group_departments), criteria_set, total)
    first = services.run_now(criteria_set.year)
    second = services.run_now(criteria_set.year)
    first.refresh_from_db()
    assert first.fingerprint == second.fingerprint
    assert second.is_current and not first.is_current
    assert second.rules["quota_ratio"] == "0.200"


def _with(missing):
    from criteria.defaults import CRITERIA

    scores = {number: Decimal(points) for number, _title, points in CRITERIA}
    total_missing = 0
    for number, score in missing.items():
        total_missing += scores[number] - score
        scores[number] = Decimal(score)
    assert total_missing == 5
    return scores
