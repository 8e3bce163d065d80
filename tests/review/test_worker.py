"""Review e-mails on a real Celery worker (the PostgreSQL + Redis pass of .ci/run).

How we know the mail "landed in the outbox": the worker is a separate process, so Django's
in-memory test outbox (`mail.outbox`) of this process never sees what it sends. The test
restarts the worker with a file-based e-mail backend (`EMAIL_URL=filemail://<tmp dir>`, read by
`danvan/settings.py` through django-environ), waits for the worker to mark the `Notification`
row sent, and then reads the message file the worker wrote: recipients and subject as sent.
"""

import time
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from reports import services
from reports.models import Notification
from tests.conftest import login
from tests.review.factories import submitted_report

pytestmark = pytest.mark.worker


def wait_for(condition, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail("the condition was not reached in time")


@pytest.fixture
def worker_outbox(real_worker, tmp_path):
    """The worker restarted with e-mail written to files in a directory we can read."""
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    saved = real_worker.env.get("EMAIL_URL")  # the session worker's own mail folder
    real_worker.stop()
    real_worker.env["EMAIL_URL"] = f"filemail:///{outbox}"  # four slashes: absolute path
    real_worker.start()
    yield outbox
    real_worker.stop()
    if saved is None:
        real_worker.env.pop("EMAIL_URL", None)
    else:
        real_worker.env["EMAIL_URL"] = saved
    real_worker.start()


def test_return_mail_is_sent_by_the_worker_after_commit(
    worker_outbox, client, rita, alice, hana, unit_a, criteria_set
):
    report = submitted_report(unit_a, hana, criteria_set)
    services.start_review(report, rita)
    login(client, rita).post(
        reverse("review:decide", args=[report.pk]),
        {"action": "return", "comment": "Bổ sung số liệu tiêu chí 5"},
    )
    note = Notification.objects.get(report=report, kind=Notification.Kind.RETURNED)
    wait_for(lambda: Notification.objects.get(pk=note.pk).status != Notification.Status.PENDING)
    note.refresh_from_db()
    assert note.status == Notification.Status.SENT, note.error
    # The file backend writes each message followed by a separator line of dashes. The head
    # was asked to sign the report off first: that mail is there too, to hana alone.
    messages = [
        message_from_bytes(path.read_bytes().split(b"\n" + b"-" * 79)[0])
        for path in sorted(worker_outbox.iterdir())
    ]
    assert [m["To"] for m in messages].count("hana@example.vn") == 1
    (message,) = [m for m in messages if "alice@example.vn" in m["To"]]
    assert sorted(a.strip() for a in message["To"].split(",")) == [
        "alice@example.vn",
        "hana@example.vn",
    ]
    assert str(make_header(decode_header(message["Subject"]))) == note.subject
    assert "trả lại" in note.subject
