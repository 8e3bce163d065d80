"""Celery tasks of the units app: thin, they load ids and call a service."""

from celery import shared_task

from danvan import imports, jobs

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_unit_import(self, batch_id):
    """Write a large unit list; one transaction, so a killed worker leaves nothing behind."""
    imports.run(batch_id, task=self)


@shared_task(name="units.purge_import_files")
def purge_import_files():
    """Uploaded import files (of every kind) expire after IMPORT_FILES_KEEP_DAYS (beat runs
    this daily)."""
    return imports.purge_old_files()


jobs.register(
    jobs.JobKind(
        name=services.JOB,
        task=run_unit_import,
        waiting=lambda: imports.waiting(services.KIND),
        dead=services.orphaned_batches,
    )
)
