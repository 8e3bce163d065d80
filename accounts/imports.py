"""Running the people import: the upload is kept as a `units.ImportBatch` (kind "users") so
admins see what every import did; the rows are checked and written by `accounts.importing`."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, record
from danvan import importing
from units.models import ImportBatch

from .importing import UserImporter

KIND = "users"
MAX_STORED_ERRORS = 1000
Status = ImportBatch.Status


def batches():
    return ImportBatch.objects.filter(kind=KIND)


def start_import(upload, by):
    """Store the file and check it; the batch awaits confirmation unless it has errors."""
    batch = ImportBatch.objects.create(
        kind=KIND, file=upload, file_name=upload.name[:255], created_by=by
    )
    outcome = preview(batch)
    _store_counts(batch, outcome)
    if outcome.ok:
        batch.save()
    else:
        _finish(batch, Status.FAILED)
    return batch


def preview(batch):
    """What confirming `batch` would do, row by row. Writes nothing."""
    if not batch.file:
        return _missing_file()
    with batch.file.open("rb") as handle:
        return importing.preview(UserImporter(by=batch.created_by), handle)


def confirm_import(batch, by):
    """Check the file again and write every row or none; new accounts get their invitation
    once the transaction commits (QueueUnavailable reaches the caller if the queue is down,
    after the accounts are saved)."""
    if batch.status != Status.PREVIEW:
        return batch
    # One transaction for the rows and the batch's result, so the invitations are queued
    # only once both are committed.
    with transaction.atomic():
        if batch.file:
            with batch.file.open("rb") as handle:
                outcome = importing.apply(UserImporter(by=by), handle)
        else:
            outcome = _missing_file()
        _store_counts(batch, outcome)
        _finish(batch, Status.DONE if outcome.written else Status.FAILED)
    return batch


def cancel_import(batch):
    if batch.status == Status.PREVIEW:
        batch.status = Status.CANCELLED
        batch.finished_at = timezone.now()
        batch.save(update_fields=["status", "finished_at"])


def _missing_file():
    message = _("The uploaded file is no longer available. Upload it again.")
    return importing.Outcome(errors=[importing.RowError(None, "", message)])


def _store_counts(batch, outcome):
    counts = outcome.counts
    batch.total_rows = outcome.total_rows
    batch.created_count = counts["created"]
    batch.updated_count = counts["updated"]
    batch.unchanged_count = counts["unchanged"]
    batch.rejected_count = counts["rejected"]
    batch.progress_done = outcome.total_rows if outcome.written else 0
    messages = outcome.error_messages()
    batch.errors = messages[:MAX_STORED_ERRORS]
    if len(messages) > MAX_STORED_ERRORS:
        more = len(messages) - MAX_STORED_ERRORS
        batch.errors.append(_("… and %(n)s more errors.") % {"n": more})


def _finish(batch, status):
    batch.status = status
    batch.finished_at = timezone.now()
    batch.save()
    record(
        Action.IMPORT,
        user=batch.created_by,
        obj=batch,
        kind=KIND,
        file=batch.file_name,
        status=status,
        created=batch.created_count,
        updated=batch.updated_count,
        unchanged=batch.unchanged_count,
        rejected=batch.rejected_count,
    )
