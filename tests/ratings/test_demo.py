from datetime import date

from dashboards.demo import seed
from ratings import services
from ratings.models import UnitResult


def test_demo_data_has_a_classification_this_year_and_last(db):
    seed()
    seed()  # safe to run twice
    year = date.today().year
    for y in (year, year - 1):
        run = services.current_run(y)
        assert run is not None and run.status == "done"
        assert UnitResult.objects.filter(run=run, classified=True).count() >= 20
    capped = UnitResult.objects.filter(run=services.current_run(year), violation__gt="")
    assert capped.get().tier_code == "average"
