import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from audit.services import record
from tests.conftest import PASSWORD, login


def test_login_and_failed_login_are_recorded_with_ip(client, alice):
    client.post(reverse("login"), {"username": "alice", "password": "sai"}, REMOTE_ADDR="10.1.2.3")
    client.post(
        reverse("login"), {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.1.2.4"
    )
    failed = AuditEntry.objects.get(action=Action.LOGIN_FAILED)
    assert (failed.username, failed.ip, failed.user) == ("alice", "10.1.2.3", None)
    ok = AuditEntry.objects.get(action=Action.LOGIN)
    assert (ok.user, ok.ip) == (alice, "10.1.2.4")


def test_permission_change_records_who_changed_whom(client, adam, alice, unit_b):
    login(client, adam)
    AuditEntry.objects.all().delete()
    response = client.post(
        reverse("admin:accounts_user_change", args=[alice.pk]),
        {
            "username": "alice",
            "full_name": "Alice",
            "email": "alice@example.vn",
            "role": "head",
            "unit": alice.unit_id,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action=Action.PERMISSION_CHANGE)
    assert entry.user == adam
    assert entry.object_id == str(alice.pk)
    assert entry.details["changes"]["role"] == ["staff", "head"]
    assert entry.ip == "10.9.9.9"


def test_admin_filters_and_exports_the_log(client, adam, alice):
    record(Action.IMPORT, user=adam, obj=alice, rows=3)
    record(Action.PUBLICATION, user=adam)
    login(client, adam)
    page = client.get(reverse("audit:list"), {"action": "import"})
    entries = list(page.context["page_obj"])
    assert [e.action for e in entries] == ["import"]
    export = client.get(reverse("audit:export"), {"action": "import"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Thời gian"
    assert len(rows) == 2 and rows[1][3] == "Nhập dữ liệu"


def test_only_admins_read_the_log(client, rita, alice):
    assert login(client, rita).get(reverse("audit:list")).status_code == 403
    assert login(client, alice).get(reverse("audit:export")).status_code == 403


def test_log_page_queries_do_not_grow_with_entries(client, adam):
    login(client, adam)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("audit:list"))
        return len(ctx)

    record(Action.PUBLICATION, user=adam)
    few = count()
    for _ in range(30):
        record(Action.PUBLICATION, user=adam)
    assert count() == few
