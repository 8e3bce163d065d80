"""Uploaded import files are kept IMPORT_FILES_KEEP_DAYS after their import, then deleted;
the history row stays."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from danvan.models import ImportBatch


def _batch(kind, days_ago):
    batch = ImportBatch(kind=kind, file_name="ds.xlsx", status=ImportBatch.Status.DONE)
    batch.file.save("ds.xlsx", ContentFile(b"x"), save=False)
    batch.finished_at = timezone.now() - timedelta(days=days_ago)
    batch.save()
    return batch


def test_old_import_files_are_deleted_and_the_history_stays(db, settings):
    settings.IMPORT_FILES_KEEP_DAYS = 90
    old, people, recent = _batch("units", 91), _batch("people", 200), _batch("units", 10)
    old_path = old.file.path
    call_command("purge_import_files")
    old.refresh_from_db()
    people.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and not people.file and recent.file
    assert old.file_name == "ds.xlsx" and old.status == ImportBatch.Status.DONE
    assert not os.path.exists(old_path)
    assert settings.CELERY_BEAT_SCHEDULE["purge-import-files"]["task"] == (
        "units.purge_import_files"
    )
