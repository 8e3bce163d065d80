"""The worker keeps logging after beat's requeue round: a failure after it is in its log.

Before, the round re-ran `django.setup()` inside the worker, the project's LOGGING replaced the
worker's handlers, and everything after it went nowhere.
"""

import time

from tests.live import WorkerProcess, free_port, site_env

from .conftest import needs_services, set_up_site, shell

pytestmark = needs_services

REQUEUE_ON_THE_WORKER = """
from danvan.celery import app
print("REQUEUED", app.send_task("danvan.requeue_stale_jobs").get(timeout=60))
"""

FAILING_MAIL = """
from reports.models import AnnualReport, Notification
from reports.tasks import send_notifications
report = AnnualReport.objects.get()
n = Notification.objects.create(
    criteria_set=report.criteria_set, unit=report.unit, report=report, kind="reminder",
    recipients=["alice@example.vn"], subject="Nhắc hạn", body="...",
)
send_notifications.apply_async(args=[[n.pk]], retry=False)
print("NOTIFICATION", n.pk)
"""

STATUS = """
from reports.models import Notification
n = Notification.objects.get(pk={pk})
print("STATUS", n.status, "|", n.error)
"""


def test_a_task_after_the_requeue_round_still_logs(pg, redis, tmp_path):
    # Mail goes to a port where nothing listens: the send fails and the worker logs it.
    env, _site = set_up_site(pg, broker_url=redis.url, EMAIL_URL=f"smtp://127.0.0.1:{free_port()}")
    worker_env = site_env(pg.url, redis.url, EMAIL_URL=env["EMAIL_URL"])
    log_path = tmp_path / "worker.log"
    worker = WorkerProcess(worker_env, log_path=log_path)
    worker.start()
    try:
        assert "REQUEUED" in shell(worker_env, REQUEUE_ON_THE_WORKER)
        out = shell(worker_env, FAILING_MAIL)
        pk = int(out.split("NOTIFICATION")[1].split()[0])
        deadline = time.monotonic() + 60
        status = ""
        while time.monotonic() < deadline:
            status = shell(worker_env, STATUS.format(pk=pk))
            if "STATUS failed" in status:
                break
            time.sleep(0.5)
        assert "STATUS failed" in status, status
        time.sleep(1)  # let the log line reach the file
        log = log_path.read_text(errors="replace")
        assert f"notification {pk} failed" in log, log[-3000:]
        # The page gets Vietnamese; the technical reason stays in the log.
        page_error = status.split("|", 1)[1]
        assert "Connection refused" not in page_error and "Errno" not in page_error
        assert "thư" in page_error.lower(), page_error
    finally:
        worker.stop()
