"""The Celery app. Tasks take ids, are sent after commit, and report progress to the database.

Which jobs exist and how a job that waits or was lost is sent: see `danvan.jobs`.
"""

import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

log = logging.getLogger(__name__)
app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["danvan"], related_name="jobs")
app.autodiscover_tasks()


class QueueUnavailable(Exception):
    """The broker cannot be reached; the job waits in the database until it is back."""


def report_progress(task, done, total):
    """Publish progress through the result backend when there is one (a real worker). The
    bar is only for the eye: a broker that went away meanwhile must not stop the job."""
    if task is None or task.request.is_eager or task.request.id is None:
        return
    if app.conf.result_backend:
        try:
            task.update_state(state="PROGRESS", meta={"done": done, "total": total})
        except Exception as exc:
            log.warning("progress of %s not published: %s", task.request.id, exc)


@worker_ready.connect
def send_waiting_jobs(**kwargs):
    """The first worker to start sends what waited while there was none (or no broker)."""
    app.send_task("danvan.requeue_stale_jobs")
