"""Every kind of background job, asked for while the broker is down, waits instead of failing,
and beat's next round sends it (danvan.jobs). The PostgreSQL + Redis version with real
processes is tests/faults/test_jobs_wait_for_the_broker.py."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from danvan import jobs
from danvan.celery import QueueUnavailable, app
from danvan.models import ImportBatch
from documents import kinds as document_kinds
from documents import pdf as documents_pdf
from documents.models import PdfCopy
from ratings.models import ClassificationRun, RunStatus
from reports import services as report_services
from reports.models import Notification
from tests.conftest import login
from tests.review.factories import submitted_report
from tests.units_import.files import unit_row, upload, xlsx_bytes

KINDS = {
    "units.import",
    "ratings.classification",
    "reports.notification",
    "accounts.invitation",
    "documents.pdf",
}


def _timed(call):
    start = time.monotonic()
    response = call()
    elapsed = time.monotonic() - start
    assert response.status_code == 200
    assert elapsed < 3, f"{elapsed:.1f} s"
    return response.content.decode()


def _ask_for_every_kind(adam, lena, rita, report, criteria_set, settings):
    """Each kind of job asked for through its page; returns what each page said."""
    admin, lead, reviewer = Client(), Client(), Client()
    login(admin, adam), login(lead, lena), login(reviewer, rita)
    settings.IMPORT_ASYNC_ROWS = 5
    rows = [unit_row(f"J{i:03}", f"Đơn vị {i}") for i in range(10)]
    admin.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows))})
    batch = ImportBatch.objects.latest("pk")
    url = reverse("units:import_confirm", args=[batch.pk])
    said = {"units.import": _timed(lambda: admin.post(url, {"action": "confirm"}, follow=True))}
    url = reverse("ratings:start", args=[criteria_set.year])
    said["ratings.classification"] = _timed(lambda: lead.post(url, follow=True))
    report_services.start_review(report, rita)
    url = reverse("review:decide", args=[report.pk])
    said["reports.notification"] = _timed(
        lambda: reviewer.post(url, {"action": "return", "comment": "Bổ sung"}, follow=True)
    )
    url = reverse("accounts:user_invite")
    data = {"full_name": "Phạm Thị Hoa", "email": "hoa@example.vn", "role": "reviewer"}
    said["accounts.invitation"] = _timed(lambda: admin.post(url, data, follow=True))
    # A PDF copy (issue 16): asked for through its service, the page shows `label`.
    with pytest.raises(QueueUnavailable):
        documents_pdf.request("report", document_kinds.sample("report"))
    said["documents.pdf"] = documents_pdf.label(PdfCopy.objects.get())
    return said


@pytest.mark.django_db(transaction=True)
def test_jobs_asked_for_while_the_broker_is_down_wait_then_run(
    adam, lena, rita, hana, unit_a, criteria_set, broker_down, settings, mailoutbox
):
    report = submitted_report(unit_a, hana, criteria_set)
    said = _ask_for_every_kind(adam, lena, rita, report, criteria_set, settings)
    assert set(jobs.KINDS) == KINDS
    assert "không cần tải tệp lên lại" in said["units.import"]
    assert "tự bắt đầu khi hệ thống hoạt động lại" in said["ratings.classification"]
    assert "sẽ được tự động gửi lại" in said["reports.notification"]
    assert "sẽ tự được gửi khi hệ thống hoạt động lại" in said["accounts.invitation"]
    assert "tự bắt đầu khi hệ thống hoạt động lại" in said["documents.pdf"]
    for page in said.values():
        assert "sửa các dòng" not in page.lower()  # nobody blames the file

    # Nothing failed; each row waits, never sent.
    batch = ImportBatch.objects.get(kind="units", status=ImportBatch.Status.QUEUED)
    assert batch.errors == [] and batch.enqueued_at is None
    run = ClassificationRun.objects.get(status=RunStatus.QUEUED)
    assert run.error == "" and run.enqueued_at is None
    assert not Notification.objects.exclude(status=Notification.Status.PENDING).exists()
    invitation = Invitation.objects.get(user__email="hoa@example.vn")
    assert invitation.error == "" and invitation.enqueued_at is None
    waiting = {name: jobs.due(kind) for name, kind in jobs.KINDS.items()}
    assert all(waiting.values()), waiting

    # The broker is back (eager here: the tasks run in this process): one round sends all.
    app.conf.task_always_eager = True
    sent = jobs.recover()
    assert all(sent[name] >= 1 for name in KINDS), sent
    batch.refresh_from_db()
    run.refresh_from_db()
    invitation.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert run.status == RunStatus.DONE
    assert not Notification.objects.exclude(status=Notification.Status.SENT).exists()
    assert invitation.sent_at is not None
    assert PdfCopy.objects.get().status in (PdfCopy.Status.DONE, PdfCopy.Status.FAILED)
    assert {name: jobs.due(kind) for name, kind in jobs.KINDS.items()} == dict.fromkeys(KINDS, [])


@pytest.mark.django_db
def test_a_job_sent_before_the_broker_restarted_is_sent_again(alice, hana, unit_a, criteria_set):
    """Redis keeps nothing on disk: what it had before its restart is lost and sent again,
    what was sent after it is left to its message."""
    submitted_report(unit_a, hana, criteria_set)  # its sign-off mail is a pending row
    kind = jobs.KINDS["reports.notification"]
    restart = timezone.now()
    Notification.objects.update(enqueued_at=restart - timezone.timedelta(seconds=30))
    assert jobs.due(kind, broker_started_at=restart) != []
    Notification.objects.update(enqueued_at=restart + timezone.timedelta(seconds=1))
    assert jobs.due(kind, broker_started_at=restart) == []


def test_the_mail_tasks_keep_no_result():
    """Their results are never read; with a Redis result backend each publish from a web
    process would otherwise subscribe it to the task's result channel for good."""
    from accounts.tasks import send_invitation
    from reports.tasks import send_notifications

    assert send_notifications.ignore_result and send_invitation.ignore_result
