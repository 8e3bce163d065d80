"""Celery tasks of the units app: thin, they load ids and call a service."""

from celery import shared_task

from danvan.celery import requeuer

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_unit_import(self, batch_id):
    """Write a large unit list; one transaction, so a killed worker leaves nothing behind."""
    services.run_import(batch_id, task=self)


@requeuer
def requeue_lost_imports():
    """Send again the large imports no worker is running (see services.lost_batches); a batch
    that already ran, or is running after all, is left alone by run_import."""
    ids = services.lost_batches()
    for batch_id in ids:
        run_unit_import.apply_async(args=[batch_id], retry=False)
    return len(ids)


@shared_task(name="units.purge_import_files")
def purge_import_files():
    """Uploaded import files expire after IMPORT_FILES_KEEP_DAYS (beat runs this daily)."""
    return services.purge_old_files()
