"""Running the people import: the upload is kept as a `units.ImportBatch` (kind "users") so
admins see what every import did; the rows are checked and written by `accounts.importing`."""

from django.db import transaction

from danvan import importing
from danvan.models import ImportBatch
from units import services as unit_imports

from .importing import UserImporter

KIND = "users"
Status = ImportBatch.Status


def batches():
    return ImportBatch.objects.filter(kind=KIND)


def start_import(upload, by):
    """Store the file and check it; the batch awaits confirmation unless it has errors."""
    batch = ImportBatch.objects.create(
        kind=KIND, file=upload, file_name=upload.name[:255], created_by=by
    )
    outcome = preview(batch)
    unit_imports.store_counts(batch, outcome)
    if outcome.ok:
        batch.save()
    else:
        unit_imports.finish(batch, Status.FAILED)
    return batch


def preview(batch):
    """What confirming `batch` would do, row by row. Writes nothing."""
    if not batch.file:
        return unit_imports.missing_file()
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
            outcome = unit_imports.missing_file()
        unit_imports.store_counts(batch, outcome)
        unit_imports.finish(batch, Status.DONE if outcome.written else Status.FAILED)
    return batch
