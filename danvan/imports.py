"""The life of every import, whatever it brings in: start -> preview -> confirm -> run -> finish.

An app registers an `ImportKind` (its `danvan.importing.Importer`, its pages, whether large
files go to the worker); the `ImportBatch` row keeps the file, the counts and the errors, and
`finish` closes it the same way for every kind, so the history and the audit log agree
(`import_finished` is sent there; the audit app writes the entry).

One guard against a double confirm, for every kind: the batch row is locked
(`select_for_update`) inside the confirming transaction and its status read again, so of two
clicks only the first writes. A worker holds the batch's advisory lock (`danvan.locks`) while
it runs it, which is how `orphaned` tells a killed worker from a slow one.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Coalesce
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import importing, jobs, locks
from .celery import report_progress
from .models import ImportBatch

Status = ImportBatch.Status
# The history keeps this many error messages per batch; the page says how many more there were.
MAX_STORED_ERRORS = 1000
# The advisory lock class a worker holds while it runs a batch (one for every kind: batch ids
# are unique across kinds).
LOCK = "imports"
CLOSED = (Status.DONE, Status.FAILED, Status.CANCELLED)

# Sent by `finish` with `batch`, `status` and `user`: every import, whatever its kind.
import_finished = Signal()


class AlreadyConfirmed(Exception):
    """The batch was confirmed (or cancelled) already: a second click writes nothing."""


@dataclass(frozen=True)
class ImportKind:
    """One kind of import.

    `importer(user)` makes the `Importer` that checks and writes the rows for `user`;
    `job`, when set, is the `danvan.jobs` kind that writes files over IMPORT_ASYNC_ROWS rows
    in the worker (the others are written in the request); `urls` the view names the shared
    import templates link to, `templates` the prefix of the kind's templates
    ("units/import_" -> units/import_form.html, ..._detail.html, ..._history.html);
    `queue_unavailable` what the person is told when the broker is down after confirming;
    `changed_meanwhile` what they are told when another import wrote the same keys first.
    """

    name: str
    importer: Callable
    job: str = ""
    urls: dict = field(default_factory=dict)
    templates: str = ""
    queue_unavailable: str = jobs.WAITS_FOR_SERVICE
    changed_meanwhile: str = gettext_lazy(
        "The data changed while this file was imported, so nothing was written. Upload it again."
    )

    @property
    def columns(self):
        return self.importer(None).columns


KINDS = {}


def register(kind):
    KINDS[kind.name] = kind
    return kind


def kind_of(what):
    """The registered kind of a batch, a kind's name, or the kind itself."""
    if isinstance(what, ImportKind):
        return what
    return KINDS[getattr(what, "kind", what)]


def batches(kind):
    return ImportBatch.objects.filter(kind=getattr(kind, "name", kind))


def start(kind, upload, user, file_name=None):
    """Store the uploaded file and check it; the batch awaits confirmation unless it has errors."""
    kind = kind_of(kind)
    batch = ImportBatch(kind=kind.name, file_name=upload.name[:255], created_by=user)
    batch.file.save(file_name or upload.name, upload, save=False)
    outcome = preview(batch)
    store_counts(batch, outcome)
    if outcome.ok:
        batch.save()
    else:
        finish(batch, Status.FAILED)
    return batch


def preview(batch, user=None):
    """What confirming `batch` would do, row by row. Writes nothing."""
    if not batch.file:
        return missing_file()
    kind = kind_of(batch)
    importer = kind.importer(user or batch.created_by)
    with batch.file.open("rb") as handle:
        return importing.preview(importer, handle)


def runs_in_background(batch):
    return bool(kind_of(batch).job) and batch.total_rows > settings.IMPORT_ASYNC_ROWS


def confirm(batch, user=None):
    """Write the batch now, or queue it for the worker when its kind says so and it is large.

    Raises AlreadyConfirmed for a batch no longer awaiting confirmation, and QueueUnavailable
    when the broker is down after the transaction committed: a queued batch then waits and
    beat sends it once the broker is back (see danvan.jobs); what the rows queued (invitations)
    waits the same way.
    """
    kind = kind_of(batch)
    try:
        with transaction.atomic():
            locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if locked.status != Status.PREVIEW:
                raise AlreadyConfirmed(
                    _("This import has already been confirmed or cannot be confirmed.")
                )
            if runs_in_background(locked):
                locked.status = Status.QUEUED
                locked.save(update_fields=["status"])
                jobs.submit(kind.job, locked.pk)
            else:
                _write(locked, user, task=None)
    finally:
        batch.refresh_from_db()
    return batch


def waiting(kind):
    """Confirmed large imports no worker has taken yet (see danvan.jobs)."""
    return batches(kind).filter(status=Status.QUEUED)


def orphaned(kind):
    """Imports "running" while no live worker holds their lock: the worker was killed (Redis
    would redeliver the message only after an hour)."""
    alive = locks.held(LOCK)
    if alive is None:
        return []
    running = batches(kind).filter(status=Status.RUNNING).values_list("pk", flat=True)
    return [pk for pk in running if pk not in alive]


def run(batch_id, task=None):
    """The worker's part: check the file again and write it in one transaction.

    Safe to run twice (a redelivered or re-sent task): a finished batch is left alone, and
    while one worker runs a batch (it holds the batch's lock) another does nothing.
    """
    with locks.holding(LOCK, batch_id) as mine:
        batch = ImportBatch.objects.get(pk=batch_id)
        if mine and batch.status not in CLOSED:
            # Seen by the progress page while the rows are written in their own transaction.
            task_id = (task.request.id or "") if task is not None else batch.task_id
            ImportBatch.objects.filter(pk=batch.pk).update(status=Status.RUNNING, task_id=task_id)
            _write(batch, None, task)
        return batch


def _write(batch, user, task):
    def progress(done, total):
        report_progress(task, done, total)

    kind = kind_of(batch)
    importer = kind.importer(user or batch.created_by)
    if not batch.file:
        outcome = missing_file()
    else:
        try:
            with batch.file.open("rb") as handle:
                outcome = importing.apply(importer, handle, progress=progress)
        except IntegrityError:
            # Another import wrote the same keys meanwhile; the transaction was rolled back.
            message = str(kind.changed_meanwhile)
            outcome = importing.Outcome(errors=[importing.RowError(None, "", message)])
        except importing.Conflict as conflict:
            outcome = importing.Outcome(errors=[importing.RowError(None, "", str(conflict))])
    batch.refresh_from_db()
    store_counts(batch, outcome)
    finish(batch, Status.DONE if outcome.written else Status.FAILED, user=user)


def record_done(kind, file_name, user, total, created, updated, unchanged):
    """Record an import done elsewhere (the Django admin's import-export) in the history."""
    batch = ImportBatch.objects.create(
        kind=kind,
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


def record_refused(kind, file_name, user, outcome):
    """Record a file refused elsewhere (the Django admin's import-export) in the history and
    the audit log: nothing written, its errors counted."""
    batch = ImportBatch(kind=kind, file_name=file_name[:255], created_by=user)
    store_counts(batch, outcome)
    finish(batch, Status.FAILED)
    return batch


def cancel(batch):
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
    an expired preview says the file is gone. Returns how many files were deleted."""
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
    """Close `batch` with `status`; every kind of import ends here, so the history and the
    audit log (a receiver of `import_finished`) say the same thing."""
    batch.status = status
    batch.finished_at = timezone.now()
    if status in (Status.FAILED, Status.CANCELLED):
        _drop_file(batch)
    batch.save()
    import_finished.send(ImportBatch, batch=batch, status=status, user=user or batch.created_by)
