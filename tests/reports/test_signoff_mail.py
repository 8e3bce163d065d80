"""Sign-off inside the unit tells the next person: the head when staff send the report, the
staff when the head sends it back. One `Notification` row per mail, sent by Celery after commit."""

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from reports.models import AnnualReport, Notification, ReportState
from tests.conftest import login, make_user

Kind, Status = Notification.Kind, Notification.Status


def post(client, name, report, data=None):
    return client.post(reverse(f"reports:{name}", args=[report.pk]), data or {}, follow=True)


@pytest.mark.django_db
def test_sending_for_sign_off_mails_the_head_only(
    client, report, alice, hana, bob, django_capture_on_commit_callbacks
):
    make_user("son", Role.STAFF, report.unit)
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "send_to_head", report, {"comment": "Kính trình anh chị xem."})
    assert "Đã trình báo cáo để thủ trưởng ký duyệt." in response.content.decode()
    note = Notification.objects.get(kind=Kind.SIGNOFF_REQUESTED)
    assert note.status == Status.SENT and note.recipients == ["hana@example.vn"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hana@example.vn"]
    assert "chờ ký duyệt" in message.subject and str(report.year) in message.subject
    assert "Alice" in message.body and "Kính trình anh chị xem." in message.body
    assert reverse("reports:detail", args=[report.pk]) in message.body


@pytest.mark.django_db
def test_sending_back_mails_the_staff_with_the_heads_comment(
    client, report, alice, hana, django_capture_on_commit_callbacks
):
    son = make_user("son", Role.STAFF, report.unit)
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "send_to_head", report)
    login(client, hana)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "send_back", report, {"comment": "Bổ sung số liệu tiêu chí 5."})
    assert "Đã trả lại báo cáo cho chuyên viên" in response.content.decode()
    note = Notification.objects.get(kind=Kind.SENT_BACK)
    assert note.status == Status.SENT
    assert sorted(note.recipients) == sorted([alice.email, son.email])
    message = mail.outbox[-1]
    assert sorted(message.to) == ["alice@example.vn", "son@example.vn"]
    assert "trả lại" in message.subject
    assert "Hana" in message.body and "Bổ sung số liệu tiêu chí 5." in message.body
    assert reverse("reports:edit", args=[report.pk]) in message.body


@pytest.mark.django_db
def test_a_unit_without_a_head_address_records_who_was_not_told(
    client, report, alice, django_capture_on_commit_callbacks
):
    login(client, alice)
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "send_to_head", report)
    note = Notification.objects.get(kind=Kind.SIGNOFF_REQUESTED)
    assert note.status == Status.FAILED and note.recipients == []
    assert mail.outbox == []
    assert AnnualReport.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGNOFF


@pytest.mark.django_db(transaction=True)
def test_broker_down_keeps_the_sending_and_says_the_mail_waits(
    client, unit_a, criteria_set, alice, hana, broker_down
):
    from reports import services

    report = services.start_report(unit_a, criteria_set, alice)
    response = post(login(client, alice), "send_to_head", report)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đã trình báo cáo để thủ trưởng ký duyệt." in html
    assert "sẽ được gửi lại tự động" in html
    assert AnnualReport.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGNOFF
    note = Notification.objects.get(kind=Kind.SIGNOFF_REQUESTED)
    # It waits for beat (danvan.jobs); nothing failed, so no error is written on it.
    assert note.status == Status.PENDING and note.error == "" and note.enqueued_at is None
