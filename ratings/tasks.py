"""The yearly aggregation on the worker: thin, it calls `services`."""

from celery import shared_task

from danvan import jobs
from danvan.celery import report_progress

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


def _messages(run_ids):
    years = dict(services.waiting_runs().filter(pk__in=run_ids).values_list("pk", "year"))
    return [[years[pk], pk] for pk in run_ids if pk in years]


jobs.register(
    jobs.JobKind(
        name=services.JOB,
        task=aggregate_year,
        waiting=services.waiting_runs,
        messages=_messages,
        dead=lambda: [run.pk for run in services.replace_stale_runs()],
    )
)
