"""Redis stops under a running portal (gunicorn, a worker and beat), then comes back empty.

Pages keep working; every kind of job asked for meanwhile (a large unit import, a
classification, a review decision's mail, an invitation) answers within 3 s, is kept waiting
and nothing is marked failed; once Redis is back, beat's next round sends them all and the
worker does them. A job that was in Redis when it restarted (and so was forgotten) is sent
again within one round too.
"""

import time

from tests.live import Gunicorn, Session, WorkerProcess, site_env

from .conftest import PASSWORD, needs_services, set_up_site, shell

pytestmark = needs_services

ROUND = 5  # beat's round in this test (JOBS_ROUND_SECONDS)
SLACK = 20  # the worker reconnecting to Redis and doing the work

MORE = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import Role
from demo.factories import make_user
from reports import services
from reports.models import AnnualReport
from tests.review.factories import fill
from tests.units_import.files import unit_row, xlsx_bytes
from units import services as unit_services

def person(username, role, unit=None):
    return make_user(username, role, unit, password="Faults-2026-pass")

adam = person("adam", Role.ADMIN)
rita = person("rita", Role.REVIEWER)
report = AnnualReport.objects.get()
hana = person("hana", Role.HEAD, report.unit)
fill(report)
try:
    services.send_to_head(report, report.unit.users.get(username="alice"))
except Exception:
    pass
report = services.submit(report, hana)
services.start_review(report, rita)
rows = [unit_row(f"J{i:03}", f"Đơn vị {i}") for i in range(10)]
batch = unit_services.start_import(SimpleUploadedFile("don-vi.xlsx", xlsx_bytes(rows)), adam)
print("MORE", batch.pk, report.pk, batch.status)
"""

STATE = """
from accounts.models import Invitation
from ratings.models import ClassificationRun
from reports.models import Notification
from danvan.models import ImportBatch
for b in ImportBatch.objects.filter(kind="units").order_by("pk"):
    print("IMPORT", b.pk, b.status, repr(b.errors))
for r in ClassificationRun.objects.order_by("pk"):
    print("RUN", r.pk, r.status, repr(r.error))
for n in Notification.objects.order_by("pk"):
    print("MAIL", n.pk, n.kind, n.status, repr(n.error))
for i in Invitation.objects.order_by("pk"):
    print("INVITATION", i.pk, "sent" if i.sent_at else "unsent", repr(i.error))
"""


def state(env):
    rows = {}
    for line in shell(env, STATE).splitlines():
        kind, _sep, rest = line.partition(" ")
        if kind in ("IMPORT", "RUN", "MAIL", "INVITATION"):
            rows.setdefault(kind, []).append(rest)
    return rows


def all_done(rows):
    return (
        all(" done " in r for r in rows.get("IMPORT", []))
        and rows.get("RUN")
        and all(" done " in r for r in rows["RUN"])
        and rows.get("MAIL")
        and all(" sent " in r for r in rows["MAIL"])
        and rows.get("INVITATION")
        and all(" sent " in r for r in rows["INVITATION"])
    )


def wait_until_done(env, seconds):
    deadline = time.monotonic() + seconds
    rows = state(env)
    while not all_done(rows) and time.monotonic() < deadline:
        time.sleep(1)
        rows = state(env)
    return rows


def timed_post(session, path, data=None):
    start = time.monotonic()
    status, body = session.post(path, data)
    elapsed = time.monotonic() - start
    assert status == 200, (path, status)
    assert elapsed < 3, f"{path} took {elapsed:.1f} s"
    return body


class Beat:
    def __init__(self, env, schedule):
        self.env, self.schedule, self.proc = env, schedule, None

    def start(self):
        import subprocess
        import sys

        from tests.live import ROOT

        self.proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "danvan", "beat", "-l", "warning"],
            cwd=ROOT,
            env={**self.env, "BEAT_SCHEDULE_FILE": str(self.schedule)},
            start_new_session=True,
        )

    def stop(self):
        import os

        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=30)


def test_jobs_asked_for_while_redis_is_down_wait_and_run_within_a_round(pg, redis, tmp_path):
    mail_dir = tmp_path / "mail"
    extra = {
        "IMPORT_ASYNC_ROWS": 5,
        "JOBS_ROUND_SECONDS": ROUND,
        "EMAIL_URL": f"filemail:///{mail_dir}",
        "MEDIA_ROOT": tmp_path / "media",
    }
    env, site = set_up_site(pg, broker_url=redis.url, **extra)
    batch_pk, report_pk, batch_status = shell(env, MORE).split("MORE")[1].split()
    assert batch_status == "preview"
    server = Gunicorn(env, workers=2)
    server.start()
    worker = WorkerProcess(site_env(pg.url, redis.url, **extra), log_path=tmp_path / "worker.log")
    beat = Beat(env, tmp_path / "beat-schedule")
    try:
        worker.start()
        beat.start()
        staff, lead, reviewer, admin = (Session(server.url) for _ in range(4))
        staff.log_in("alice", PASSWORD)
        lead.log_in("lena", PASSWORD)
        reviewer.log_in("rita", PASSWORD)
        admin.log_in("adam", PASSWORD)

        redis.stop()
        for path in ("/", f"/reports/{site.report}/"):
            assert staff.get(path)[0] == 200, path
        for path in ("/", "/units/", f"/ratings/{site.year}/"):
            assert lead.get(path)[0] == 200, path
        said = [
            timed_post(admin, f"/units/import/{batch_pk}/confirm/", {"action": "confirm"}),
            timed_post(lead, f"/ratings/{site.year}/run/"),
            timed_post(
                reviewer,
                f"/review/report/{report_pk}/decide/",
                {"action": "return", "comment": "Bổ sung số liệu"},
            ),
            timed_post(
                admin,
                "/people/invite/",
                {"full_name": "Phạm Thị Hoa", "email": "hoa@example.vn", "role": "reviewer"},
            ),
        ]
        assert "không cần tải tệp lên lại" in said[0]
        assert "tự bắt đầu khi hệ thống hoạt động lại" in said[1]
        assert "tự động gửi lại" in said[2]
        assert "sẽ tự được gửi khi hệ thống hoạt động lại" in said[3]
        rows = state(env)
        assert [r.split()[1] for r in rows["IMPORT"]] == ["queued"], rows
        assert [r.split()[1] for r in rows["RUN"]] == ["queued"], rows
        assert "failed" not in " ".join(rows["MAIL"]), rows
        assert rows["INVITATION"] == [rows["INVITATION"][0]] and "''" in rows["INVITATION"][0]

        redis.start()  # empty: it kept nothing
        rows = wait_until_done(env, ROUND + SLACK)
        assert all_done(rows), rows

        # A job that was in Redis when it restarted: queued with no worker, then forgotten.
        worker.stop()
        lead.post(f"/ratings/{site.year}/run/")
        assert [r.split()[1] for r in state(env)["RUN"]] == ["done", "queued"]
        redis.stop()
        redis.start()
        worker.start()
        rows = wait_until_done(env, ROUND + SLACK)
        assert all_done(rows), rows
        log = (tmp_path / "worker.log").read_text(errors="replace")
        assert "Traceback" not in log, log[-3000:]
    finally:
        beat.stop()
        worker.stop()
        server.stop()
