from django.core.management import call_command

from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data
from units.models import Unit


def test_demo_data_shows_one_import_in_the_history(db, settings):
    settings.DEBUG = True  # seed_demo is for trying only (tests run with DEBUG off)
    ensure_reference_data()
    call_command("seed_demo")
    call_command("seed_demo")
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.DONE and batch.created_by.username == "adam"
    assert batch.unchanged_count == Unit.objects.count() >= 40
