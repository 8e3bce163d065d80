"""The Celery app. Tasks take ids, are sent after commit, and report progress to the database."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def report_progress(task, done, total):
    """Publish progress through the result backend when there is one (a real worker)."""
    if task is None or task.request.is_eager or task.request.id is None:
        return
    if app.conf.result_backend:
        task.update_state(state="PROGRESS", meta={"done": done, "total": total})
