"""Redis stops under a running portal, and comes back having forgotten its queue.

Pages keep working, starting a job says the queue is unavailable (no 500), and a job queued
before the restart is sent again by `requeue_stale_jobs` and completes on a real worker.
"""

import time

from tests.conftest import WorkerProcess
from tests.live import Gunicorn, Session, site_env

from .conftest import PASSWORD, needs_services, set_up_site, shell

pytestmark = needs_services

QUEUE_DOWN = "Hệ thống xử lý nền hiện không kết nối được nên chưa thể chạy xếp loại"

RUN_STATUS = """
from ratings.models import ClassificationRun
for run in ClassificationRun.objects.order_by("pk"):
    print("RUN", run.pk, run.status)
"""


def runs(env):
    out = shell(env, RUN_STATUS)
    return [line.split()[1:] for line in out.splitlines() if line.startswith("RUN ")]


def test_pages_work_without_redis_and_lost_jobs_resume(pg, redis):
    env, site = set_up_site(pg, broker_url=redis.url)
    server = Gunicorn(env, workers=2)
    server.start()
    worker = None
    try:
        staff, lead = Session(server.url), Session(server.url)
        staff.log_in("alice", PASSWORD)
        lead.log_in("lena", PASSWORD)

        redis.stop()
        for path in ("/", f"/reports/{site.report}/", f"/reports/{site.report}/edit/"):
            assert staff.get(path)[0] == 200, path
        for path in ("/", "/units/", f"/ratings/{site.year}/"):
            assert lead.get(path)[0] == 200, path
        status, body = lead.post(f"/ratings/{site.year}/run/")
        assert status == 200 and QUEUE_DOWN in body
        assert [status for _pk, status in runs(env)] == ["failed"]

        # Redis is back but no worker runs: the job waits in Redis, which then restarts empty.
        redis.start()
        status, body = lead.post(f"/ratings/{site.year}/run/")
        assert status == 200 and QUEUE_DOWN not in body
        assert [status for _pk, status in runs(env)] == ["failed", "queued"]
        redis.stop()
        redis.start()

        worker_env = site_env(pg.url, redis.url, JOB_STALE_AFTER_SECONDS=0)
        worker_env["RATINGS_RUN_STALE_SECONDS"] = "0"
        worker = WorkerProcess(worker_env)
        worker.start()
        shell(worker_env, "from danvan.celery import requeue_stale_jobs; requeue_stale_jobs()")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            states = runs(env)
            if states[-1][1] in ("done", "failed"):
                break
            time.sleep(0.5)
        assert len(states) == 3, states
        assert states[-1][1] == "done", states
        assert states[1][1] != "queued", states  # the lost run was given up, not left waiting
    finally:
        if worker is not None:
            worker.stop()
        server.stop()
