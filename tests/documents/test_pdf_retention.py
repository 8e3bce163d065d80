"""PDF copies are a cache: made or failed more than PDF_COPIES_KEEP_DAYS ago, they are deleted
with their files every night; those waiting for or on the worker stay."""

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from documents.models import PdfCopy

Status = PdfCopy.Status


def _copy(digest, status, days_ago):
    copy = PdfCopy(digest=digest, kind="decision", status=status)
    copy.source.save(f"{digest}.docx", ContentFile(b"docx"), save=False)
    if status == Status.DONE:
        copy.pdf.save(f"{digest}.pdf", ContentFile(b"%PDF"), save=False)
    if days_ago is not None:
        copy.finished_at = timezone.now() - timedelta(days=days_ago)
    copy.save()
    return copy


def test_old_copies_and_their_files_are_deleted_the_others_stay(db, settings):
    settings.PDF_COPIES_KEEP_DAYS = 30
    old = _copy("a" * 64, Status.DONE, 31)
    failed = _copy("b" * 64, Status.FAILED, 45)
    recent = _copy("c" * 64, Status.DONE, 2)
    waiting = _copy("d" * 64, Status.QUEUED, None)
    files = [old.source.path, old.pdf.path, failed.source.path]
    call_command("purge_pdf_copies")
    assert set(PdfCopy.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not any(os.path.exists(path) for path in files)
    assert os.path.exists(recent.pdf.path) and os.path.exists(waiting.source.path)
    assert settings.CELERY_BEAT_SCHEDULE["purge-pdf-copies"]["task"] == (
        "documents.purge_pdf_copies"
    )


def test_the_task_has_the_name_beat_sends_and_purges(db, settings):
    from documents.tasks import purge_pdf_copies

    settings.PDF_COPIES_KEEP_DAYS = 30
    _copy("e" * 64, Status.DONE, 40)
    assert purge_pdf_copies.name == "documents.purge_pdf_copies"
    assert purge_pdf_copies() == 1
    assert not PdfCopy.objects.exists()
