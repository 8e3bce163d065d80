"""The worked example of domain.md, through the aggregation service."""

from decimal import Decimal

from ratings import services
from ratings.models import UnitResult
from tests.ratings.factories import accepted_report, make_unit, recognised_models


def test_worked_example_of_domain_md(criteria_set, group_departments):
    year = criteria_set.year
    totals = {"U95": 95, "U93": 93, "U92": 92, "U91": 91, "U88": 88, "U85": 85, "U80": 80}
    totals |= {"U72": 72, "U65": 65}
    for code, total in totals.items():
        accepted_report(make_unit(code, group_departments), criteria_set, total)
    # 93 with criterion 5 at 6/15: 91 from the criteria and +2 for two recognised models.
    weak = make_unit("U93W", group_departments)
    accepted_report(weak, criteria_set, 91, fixed={5: 6})
    recognised_models(weak, year, 2)

    run = services.run_now(year)

    results = {r.unit.code: r for r in UnitResult.objects.filter(run=run).select_related("unit")}
    assert results["U93W"].total == Decimal("93.00")
    assert results["U93W"].bonus == Decimal("2.00")
    classes = {code: r.tier_code for code, r in results.items()}
    assert classes == {
        "U95": "excellent",
        "U93": "excellent",
        "U93W": "good",
        "U92": "good",
        "U91": "good",
        "U88": "good",
        "U85": "good",
        "U80": "good",
        "U72": "good",
        "U65": "average",
    }
    assert results["U93W"].weak_criteria == [5]
    assert not results["U93W"].capped
    assert results["U92"].capped and results["U91"].capped
    assert not results["U95"].capped and not results["U88"].capped
    assert run.is_current and run.status == "done"
    assert results["U95"].rank == 1
    assert results["U65"].rank == 10
