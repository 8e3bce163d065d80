"""The yearly aggregation on the worker: thin, it calls `services`."""

from celery import shared_task

from danvan.celery import report_progress, requeuer, send_after_commit

from . import services


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    throws=(services.RunAlreadyGoing,),
)
def aggregate_year(self, year, run_id=None):
    """Classify `year`. The page creates the run first and passes its id; without one (from a
    shell or a schedule) the task requests its own run, refused if one is already going."""
    if run_id is None:
        run_id = services.start_run(year, None).pk
    run = services.execute(run_id, progress=lambda done, total: report_progress(self, done, total))
    return {"run": run_id, "done": run is not None}


@requeuer
def requeue_stale_runs():
    """Runs whose worker died are replaced by a new run (see services.replace_stale_runs)."""
    runs = services.replace_stale_runs()
    for run in runs:
        send_after_commit(aggregate_year, run.year, run.pk)
    return len(runs)
