"""Celery tasks of the units app: thin, they load ids and call a service."""

from celery import shared_task

from danvan import jobs

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_unit_import(self, batch_id):
    """Write a large unit list; one transaction, so a killed worker leaves nothing behind."""
    services.run_import(batch_id, task=self)


@shared_task(name="units.purge_import_files")
def purge_import_files():
    """Uploaded import files expire after IMPORT_FILES_KEEP_DAYS (beat runs this daily)."""
    return services.purge_old_files()


jobs.register(
    jobs.JobKind(
        name=services.JOB,
        task=run_unit_import,
        waiting=services.waiting_batches,
        dead=services.orphaned_batches,
    )
)
