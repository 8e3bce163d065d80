"""The audit log's "Chi tiết" column and its .xlsx read as Vietnamese sentences, not as Python
dictionaries or raw keys."""

import io
import re

from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from audit.services import record
from tests.conftest import login

RAW = re.compile(r"\b(criterion|old|new|None|from_state|to_state|action_name|review_score)\b|[{}]")


def _details(client, adam):
    login(client, adam)
    page = client.get(reverse("audit:list")).content.decode()
    cells = re.findall(r'<td class="small text-muted">(.*?)</td>', page, re.S)
    export = client.get(reverse("audit:export"))
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)[1:]
    # The admin's own login is an entry too, without details.
    return [c.strip() for c in cells if c.strip()], [row[5] for row in rows if row[5]]


def test_a_score_change_reads_as_a_sentence(client, adam, alice):
    AuditEntry.objects.all().delete()
    record(Action.SCORE_CHANGE, user=adam, criterion=3, field="review_score", old=None, new="9.00")
    cells, sheet = _details(client, adam)
    assert cells == ["Tiêu chí 3, điểm thẩm định: — → 9,00"]
    assert sheet == cells


def test_a_state_change_names_the_states_in_vietnamese(client, adam, alice):
    AuditEntry.objects.all().delete()
    record(
        Action.STATE_CHANGE,
        user=adam,
        action_name="sent_to_head",
        from_state="draft",
        to_state="awaiting_signoff",
    )
    record(
        Action.STATE_CHANGE,
        user=adam,
        action_name="accepted",
        from_state="under_review",
        to_state="accepted",
    )
    cells, sheet = _details(client, adam)
    assert "Trình thủ trưởng ký duyệt: Bản nháp → Chờ thủ trưởng ký duyệt" in cells
    assert sheet == cells
    for text in cells:
        assert not RAW.search(text), text


def test_an_import_and_a_permission_change_have_no_raw_keys(client, adam, alice):
    AuditEntry.objects.all().delete()
    record(
        Action.IMPORT,
        user=adam,
        kind="units",
        file="don-vi.xlsx",
        status="done",
        created=3,
        updated=1,
        unchanged=0,
        rejected=0,
        errors=0,
    )
    record(
        Action.PERMISSION_CHANGE,
        user=adam,
        obj=alice,
        changes={"role": ["staff", "head"], "is_active": ["True", "False"]},
        created=False,
    )
    cells, sheet = _details(client, adam)
    assert sheet == cells
    for text in cells:
        assert not re.search(
            r"\b(kind|file|status|created|updated|role|is_active|staff|head)\b", text
        ), text
