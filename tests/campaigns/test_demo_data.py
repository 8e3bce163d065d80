from datetime import date

from campaigns.models import Award, DanVanModel, ModelEvent, TypicalExample
from campaigns.services import recognised_model_counts
from demo.seed import seed


def test_demo_province_has_campaign_data_and_seeding_twice_changes_nothing(db):
    seed()
    counts = (
        DanVanModel.objects.count(),
        ModelEvent.objects.count(),
        TypicalExample.objects.count(),
        Award.objects.count(),
    )
    seed()
    assert (
        DanVanModel.objects.count(),
        ModelEvent.objects.count(),
        TypicalExample.objects.count(),
        Award.objects.count(),
    ) == counts
    assert counts[0] >= 5 and counts[2] >= 3 and counts[3] >= 3
    levels = {lvl for by in recognised_model_counts(date.today().year).values() for lvl in by}
    assert "province" in levels
