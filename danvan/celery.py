"""The Celery app. Tasks take ids, are sent after commit, and report progress to the database."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

app = Celery("danvan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class QueueUnavailable(Exception):
    """The broker cannot be reached; the job was not queued."""


def send_after_commit(task, *args, on_failure=None):
    """Queue `task(*args)` once the surrounding transaction commits.

    If the broker is down, `on_failure(exc)` marks the job row (so no page waits for it
    forever) and QueueUnavailable reaches the view, which tells the user instead of a 500.
    """
    from django.db import transaction

    def send():
        try:
            task.apply_async(args=args, retry=False)
        except QueueUnavailable:
            raise
        except Exception as exc:
            if task.app.conf.task_always_eager:
                raise
            if on_failure is not None:
                on_failure(exc)
            raise QueueUnavailable(str(exc)) from exc

    transaction.on_commit(send)


def report_progress(task, done, total):
    """Publish progress through the result backend when there is one (a real worker)."""
    if task is None or task.request.is_eager or task.request.id is None:
        return
    if app.conf.result_backend:
        task.update_state(state="PROGRESS", meta={"done": done, "total": total})


# --- Jobs whose message was lost ---------------------------------------------------------------
# Redis keeps nothing on disk here: a restart drops queued messages, and a killed worker's task
# only comes back after the visibility timeout. Every job has a row in the database, so each app
# registers a function that re-sends its jobs that are still waiting or whose heartbeat stopped;
# beat calls them all every few minutes. Jobs must therefore be safe to run twice.
REQUEUERS = []


def requeuer(func):
    """Register `func()` -> number of jobs re-sent; used by `requeue_stale_jobs`."""
    REQUEUERS.append(func)
    return func


@app.task(name="danvan.requeue_stale_jobs")
def requeue_stale_jobs():
    # Outside a worker (a shell, a management command) the apps' task modules, where the
    # requeuers register, are only imported on demand.
    app.loader.import_default_modules()
    return {f"{f.__module__}.{f.__name__}": f() for f in REQUEUERS}
