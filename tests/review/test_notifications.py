"""E-mails about the review: one Notification row per mail, sent by Celery after commit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu import pools

from danvan import jobs
from danvan.celery import app
from reports import notifications, services
from reports.models import Notification, ReportState
from review import services as review
from tests.conftest import login
from tests.review.factories import submitted_report
from units.models import Unit, UnitType

Status, Kind = Notification.Status, Notification.Kind


def decide(client, report, action, comment=""):
    return client.post(
        reverse("review:decide", args=[report.pk]),
        {"action": action, "comment": comment},
        follow=True,
    )


@pytest.mark.django_db
def test_returned_and_accepted_mail_the_unit_staff_and_head(
    client, rita, alice, hana, report, django_capture_on_commit_callbacks
):
    login(client, rita)
    decide(client, report, "start")
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, report, "return", "Bổ sung số liệu tiêu chí 5")
    note = Notification.objects.get(kind=Kind.RETURNED)
    assert note.status == Status.SENT and note.sent_at is not None
    assert sorted(note.recipients) == ["alice@example.vn", "hana@example.vn"]
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["alice@example.vn", "hana@example.vn"]
    assert "trả lại" in mail.outbox[0].subject

    services.send_to_head(report, alice)
    services.submit(report, hana)
    services.start_review(report, rita)
    report.scores.update(review_score=Decimal("9"))
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, report, "accept")
    accepted = Notification.objects.get(kind=Kind.ACCEPTED)
    assert accepted.status == Status.SENT and "chấp nhận" in mail.outbox[-1].subject
    # The review screen lists what was sent.
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    assert "Báo cáo được chấp nhận" in html and "alice@example.vn" in html


@pytest.mark.django_db
def test_resubmission_mails_the_assigned_reviewer(
    rita, lena, alice, hana, report, django_capture_on_commit_callbacks
):
    review.assign(report.criteria_set, [report.unit], rita, lena)
    services.start_review(report, rita)
    with django_capture_on_commit_callbacks(execute=True):
        services.return_for_revision(report, rita, "Sửa lại")
        services.send_to_head(report, alice)
        services.submit(report, hana)
    note = Notification.objects.get(kind=Kind.RESUBMITTED)
    assert note.recipients == ["rita@example.vn"] and note.status == Status.SENT
    assert mail.outbox[-1].to == ["rita@example.vn"]
    assert reverse("review:report", args=[report.pk]) in mail.outbox[-1].body
    # A first submission mails nobody.
    assert Notification.objects.filter(kind=Kind.RESUBMITTED).count() == 1


def _reset_pools():
    """Celery caches its connection and producer pools; drop them so the broker URL counts."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_broker_down_keeps_the_return_and_the_mail_waits_for_the_queue(
    client, rita, alice, hana, unit_a, criteria_set, broker_down
):
    report = submitted_report(unit_a, hana, criteria_set)
    services.start_review(report, rita)
    response = decide(login(client, rita), report, "return", "Bổ sung số liệu")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa gửi được thư thông báo" in html
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    note = Notification.objects.get(kind=Kind.RETURNED)
    # It waits (beat sends it once the broker is back): nothing failed, no error to show.
    assert note.status == Status.PENDING and note.error == "" and note.enqueued_at is None
    assert "Chờ gửi" in html


@pytest.mark.django_db
def test_reminders_pick_units_without_a_submitted_report_once_a_day(
    alice, hana, bob, unit_a, unit_b, group_communes, criteria_set
):
    submitted_report(unit_a, hana, criteria_set)
    draft_unit = Unit.objects.create(
        code="XA9", name="UBND xã Chín", type=UnitType.COMMUNE, group=group_communes
    )
    services.start_report(draft_unit, criteria_set, bob)
    Unit.objects.create(
        code="OLD", name="Huyện cũ", type=UnitType.DISTRICT, active_from=2000, active_to=2020
    )
    today = timezone.localdate()
    criteria_set.submission_deadline = today + timedelta(days=7)
    criteria_set.save()

    sent = notifications.send_deadline_reminders(today)
    assert sorted(n.unit.code for n in sent) == ["STP", "XA9"]
    by_unit = {n.unit.code: n for n in sent}
    assert by_unit["STP"].recipients == ["bob@example.vn"] and by_unit["STP"].status == Status.SENT
    assert by_unit["XA9"].status == Status.FAILED  # nobody to mail: recorded, not lost
    assert len(mail.outbox) == 1 and "Nhắc hạn" in mail.outbox[0].subject
    # Beat firing twice the same day sends nothing more.
    assert notifications.send_deadline_reminders(today) == []
    assert len(mail.outbox) == 1
    # 1 day before it reminds again; 3 days before it does not.
    assert len(notifications.send_deadline_reminders(today + timedelta(days=6))) == 2
    assert notifications.send_deadline_reminders(today + timedelta(days=4)) == []


def test_beat_runs_the_reminders_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["deadline-reminders"]
    assert entry["task"] == "reports.send_deadline_reminders"
    assert app.tasks[entry["task"]] is not None


@pytest.mark.django_db
def test_pending_mails_are_sent_again_by_beat(rita, alice, hana, report):
    """A mail that never reached the broker goes out on beat's next round; one sent a moment
    ago is left to its message, one sent long ago (Redis lost it) is sent again."""
    services.start_review(report, rita)
    services.return_for_revision(report, rita, "Sửa lại")  # no commit here: nothing queued
    note = Notification.objects.get(kind=Kind.RETURNED)
    assert note.status == Status.PENDING and note.enqueued_at is None
    # No commit in this test: none of the report's mails left; as if they all had just now.
    Notification.objects.update(enqueued_at=timezone.now())
    assert jobs.recover()[notifications.JOB] == 0  # their own messages are on the way
    Notification.objects.filter(pk=note.pk).update(enqueued_at=timezone.now() - timedelta(hours=1))
    assert jobs.recover()[notifications.JOB] == 1
    note.refresh_from_db()
    assert note.status == Status.SENT and len(mail.outbox) == 1
    assert jobs.recover()[notifications.JOB] == 0


@pytest.mark.django_db
def test_the_returned_mail_carries_every_comment_and_links_to_the_form(
    client, rita, report, django_capture_on_commit_callbacks
):
    login(client, rita)
    decide(client, report, "start")
    third = report.scores.get(criterion__number=3)
    third.review_comment = "Thiếu minh chứng hội nghị"
    third.save()
    with django_capture_on_commit_callbacks(execute=True):
        decide(client, report, "return", "Bổ sung số liệu tiêu chí 5")
    body = mail.outbox[0].body
    assert "Bổ sung số liệu tiêu chí 5" in body
    assert "Tiêu chí 3: Thiếu minh chứng hội nghị" in body
    assert reverse("reports:edit", args=[report.pk]) in body
