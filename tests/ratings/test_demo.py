from datetime import date

from demo.seed import seed
from ratings import services
from ratings.models import UnitResult


def test_demo_data_has_a_classification_this_year_and_last(db):
    seed()
    seed()  # safe to run twice
    year = date.today().year
    # Last year is complete; this year the filing demo keeps many reports in progress.
    for y, at_least in ((year, 5), (year - 1, 20)):
        run = services.current_run(y)
        assert run is not None and run.status == "done"
        assert UnitResult.objects.filter(run=run, classified=True).count() >= at_least
    capped = UnitResult.objects.filter(run=services.current_run(year - 1), violation__gt="")
    assert capped.get().tier_code == "average"
