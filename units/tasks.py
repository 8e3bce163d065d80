"""Celery tasks of the units app: thin, they load ids and call a service."""

from celery import shared_task

from . import services


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def run_unit_import(self, batch_id):
    """Write a large unit list; one transaction, so a killed worker leaves nothing behind."""
    services.run_import(batch_id, task=self)
