"""Importing and exporting the unit list. Views, the admin and the Celery task call these."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, record
from danvan import importing, jobs, locks, xlsx_writer
from danvan.celery import report_progress
from danvan.models import ImportBatch

from .importing import COLUMNS, UnitImporter, type_label, yes_no

# The history keeps this many error messages per batch; the page says how many more there were.
MAX_STORED_ERRORS = 1000
Status = ImportBatch.Status
KIND = "units"
JOB = "units.import"


def batches():
    """The unit imports; the same table also keeps the people and award imports."""
    return ImportBatch.objects.filter(kind=KIND)


def start_import(upload, user):
    """Store the uploaded file and check it; the batch awaits confirmation unless it has errors."""
    batch = ImportBatch.objects.create(
        kind=KIND, file=upload, file_name=upload.name[:255], created_by=user
    )
    outcome = preview(batch)
    store_counts(batch, outcome)
    if not outcome.ok:
        finish(batch, Status.FAILED)
    else:
        batch.save()
    return batch


def preview(batch):
    """What confirming `batch` would do, row by row. Writes nothing."""
    if not batch.file:
        return missing_file()
    with batch.file.open("rb") as handle:
        return importing.preview(UnitImporter(), handle)


def runs_in_background(batch):
    return batch.total_rows > settings.IMPORT_ASYNC_ROWS


def confirm_import(batch):
    """Write the batch now, or queue it for the worker when the file is large.

    Raises QueueUnavailable when the broker is down: the batch then waits, queued, and beat
    sends it once the broker is back (see danvan.jobs); the view says so.
    """
    if batch.status != Status.PREVIEW:
        return batch
    if not runs_in_background(batch):
        return run_import(batch.pk)
    batch.status = Status.QUEUED
    batch.save(update_fields=["status"])
    try:
        with transaction.atomic():
            jobs.submit(JOB, batch.pk)
    finally:
        batch.refresh_from_db()
    return batch


def waiting_batches():
    """Confirmed large imports no worker has taken yet (see danvan.jobs)."""
    return batches().filter(status=Status.QUEUED)


def orphaned_batches():
    """Imports "running" while no live worker holds their lock: the worker was killed (Redis
    would redeliver the message only after an hour)."""
    alive = locks.held(KIND)
    if alive is None:
        return []
    running = batches().filter(status=Status.RUNNING).values_list("pk", flat=True)
    return [pk for pk in running if pk not in alive]


def run_import(batch_id, task=None):
    """Check the file again and write it in one transaction; record what happened.

    Safe to run twice (a redelivered or re-sent task): a finished batch is left alone, and
    while one worker runs a batch (it holds the batch's lock) another does nothing.
    """
    with locks.holding(KIND, batch_id) as mine:
        batch = ImportBatch.objects.get(pk=batch_id)
        if not mine or batch.status in (Status.DONE, Status.FAILED, Status.CANCELLED):
            return batch
        return _run_import(batch, task)


def _run_import(batch, task):
    task_id = (task.request.id or "") if task is not None else batch.task_id
    ImportBatch.objects.filter(pk=batch.pk).update(status=Status.RUNNING, task_id=task_id)

    def progress(done, total):
        report_progress(task, done, total)

    if not batch.file:
        outcome = missing_file()
    else:
        try:
            with batch.file.open("rb") as handle:
                outcome = importing.apply(UnitImporter(), handle, progress=progress)
        except IntegrityError:
            # Another import wrote the same codes meanwhile; the transaction was rolled back.
            message = _("The unit list changed while this file was imported. Upload it again.")
            outcome = importing.Outcome(errors=[importing.RowError(None, "", message)])
    batch.refresh_from_db()
    store_counts(batch, outcome)
    finish(batch, Status.DONE if outcome.written else Status.FAILED)
    return batch


def record_batch(file_name, user, total, created, updated, unchanged):
    """Record an import done elsewhere (the Django admin's import-export) in the history."""
    batch = ImportBatch.objects.create(
        kind=KIND,
        file_name=file_name[:255],
        created_by=user,
        total_rows=total,
        created_count=created,
        updated_count=updated,
        unchanged_count=unchanged,
        progress_done=total,
    )
    finish(batch, Status.DONE)
    return batch


def record_refused(file_name, user, outcome):
    """Record a file refused elsewhere (the Django admin's import-export) in the history and
    the audit log: nothing written, its errors counted."""
    batch = ImportBatch(kind=KIND, file_name=file_name[:255], created_by=user)
    store_counts(batch, outcome)
    finish(batch, Status.FAILED)
    return batch


def cancel_import(batch):
    if batch.status == Status.PREVIEW:
        batch.status = Status.CANCELLED
        batch.finished_at = timezone.now()
        _drop_file(batch)
        batch.save(update_fields=["status", "finished_at", "file"])


def _drop_file(batch):
    """Delete the uploaded file of `batch` (the row stays in the history). A refused file may
    be hostile (a zip bomb, a macro workbook): nothing of it is kept."""
    if batch.file:
        batch.file.delete(save=False)


def purge_old_files(days=None, now=None):
    """Delete the uploaded files of imports older than `days` (settings IMPORT_FILES_KEEP_DAYS),
    counted from when the import finished, or from the upload for one never finished (a
    preview nobody confirmed). The history keeps each batch's counts, errors and file name, and
    an expired preview says the file is gone. Every kind of import (units, people, awards) keeps
    its file in the same table. Returns how many files were deleted."""
    days = settings.IMPORT_FILES_KEEP_DAYS if days is None else days
    limit = (now or timezone.now()) - timedelta(days=days)
    old = (
        ImportBatch.objects.annotate(since=Coalesce("finished_at", "created_at"))
        .filter(since__lt=limit)
        .exclude(file="")
    )
    purged = 0
    for batch in old:
        _drop_file(batch)
        batch.save(update_fields=["file"])
        purged += 1
    return purged


def missing_file():
    message = _("The uploaded file is no longer available. Upload it again.")
    return importing.Outcome(errors=[importing.RowError(None, "", message)])


def store_counts(batch, outcome):
    counts = outcome.counts
    batch.total_rows = outcome.total_rows
    batch.created_count = counts["created"]
    batch.updated_count = counts["updated"]
    batch.unchanged_count = counts["unchanged"]
    batch.rejected_count = counts["rejected"]
    batch.error_count = counts["errors"]
    batch.progress_done = outcome.total_rows if outcome.written else 0
    batch.errors = outcome.error_messages()[:MAX_STORED_ERRORS]
    if len(outcome.errors) > MAX_STORED_ERRORS:
        more = len(outcome.errors) - MAX_STORED_ERRORS
        batch.errors.append(_("… and %(n)s more errors.") % {"n": more})


def finish(batch, status, user=None):
    """Close `batch` with `status` and write its audit entry; every kind of import (units,
    people, awards) ends here, so the history and the audit log say the same thing."""
    batch.status = status
    batch.finished_at = timezone.now()
    if status in (Status.FAILED, Status.CANCELLED):
        _drop_file(batch)
    batch.save()
    record(
        Action.IMPORT,
        user=user or batch.created_by,
        obj=batch,
        kind=batch.kind,
        file=batch.file_name,
        status=status,
        created=batch.created_count,
        updated=batch.updated_count,
        unchanged=batch.unchanged_count,
        rejected=batch.rejected_count,
        errors=batch.error_count,
    )


def export_units(queryset):
    """The units as .xlsx bytes with the import's columns, so that importing the export back
    changes nothing."""
    units = queryset.select_related("group", "parent").order_by("code")
    rows = (
        [
            unit.code,
            unit.name,
            unit.short_name,
            type_label(unit.type),
            unit.group.name if unit.group_id else "",
            unit.parent.code if unit.parent_id else "",
            unit.email,
            unit.head_name,
            unit.head_title,
            unit.active_from,
            unit.active_to,
            yes_no(unit.is_evaluated),
        ]
        for unit in units.iterator(chunk_size=2000)
    )
    widths = {"name": 50, "short_name": 24, "group": 28, "email": 28, "head_name": 24}
    columns = [xlsx_writer.Column(c.label, widths.get(c.key)) for c in COLUMNS]
    return xlsx_writer.xlsx_bytes(xlsx_writer.Table("Danh sách đơn vị", columns, rows))
