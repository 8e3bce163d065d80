"""The unit import through the real pages: upload -> preview -> confirm -> result."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data, login
from tests.units_import.files import nfd, sample_upload, unit_row, upload, xlsx_bytes
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, adam):
    ensure_reference_data()
    return login(client, adam)


def upload_file(client, file):
    response = client.post(reverse("units:import"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk"), response


def import_file(client, file):
    """Upload, look at the preview, confirm; return the batch and the result page."""
    batch, response = upload_file(client, file)
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    return batch, client.get(reverse("units:import_detail", args=[batch.pk]))


def test_sample_file_imports_all_its_units(admin_client, adam):
    batch, response = upload_file(admin_client, sample_upload())
    assert batch.status == ImportBatch.Status.PREVIEW
    preview = admin_client.get(response["Location"]).content.decode()
    assert "48" in preview and "Mới" in preview
    assert Unit.objects.count() == 0, "the preview writes nothing"

    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.updated_count, batch.rejected_count) == (48, 0, 0)
    assert batch.created_by == adam and batch.file_name == "units_sample.xlsx"
    assert Unit.objects.count() == 48
    snv = Unit.objects.get(code="SNV")
    assert snv.name == "Sở Nội vụ" and snv.parent.code == "UBNDT"
    assert snv.group.name == "Khối sở, ban, ngành" and snv.type == UnitType.DEPARTMENT
    hlt = Unit.objects.get(code="HLT")
    assert hlt.type == UnitType.DISTRICT and (hlt.active_from, hlt.active_to) == (2015, 2025)
    assert Unit.objects.search("so noi vu").get() == snv
    entry = AuditEntry.objects.get(action="import")
    assert entry.user == adam and entry.details["created"] == 48

    listing = admin_client.get(reverse("units:list"), {"q": "long thanh"}).content.decode()
    assert "Ủy ban nhân dân xã Long Thành" in listing


def test_importing_the_sample_again_changes_nothing(admin_client):
    import_file(admin_client, sample_upload())
    before = list(Unit.objects.values().order_by("code"))
    batch, page = import_file(admin_client, sample_upload())
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 48)
    assert list(Unit.objects.values().order_by("code")) == before
    history = admin_client.get(reverse("units:import_history")).content.decode()
    assert history.count("units_sample.xlsx") == 2


def test_reimport_updates_by_code_and_previews_the_changed_fields(admin_client):
    import_file(admin_client, sample_upload())
    rows = [
        unit_row(
            "UBNDT",
            "Ủy ban nhân dân tỉnh Đồng Nai",
            "UBND tỉnh",
            "",
            email="ubnd@dongnai.example.vn",
            head_name="Nguyễn Văn An",
            head_title="Chủ tịch",
            short_name="UBND tỉnh",
        ),
        unit_row(
            "SNV",
            "Sở Nội vụ tỉnh Đồng Nai",
            parent="UBNDT",
            short_name="SNV",
            email="snv@dongnai.example.vn",
            head_name="Trần Thị D",
        ),
    ]
    batch, response = upload_file(admin_client, upload(xlsx_bytes(rows)))
    preview = admin_client.get(response["Location"]).content.decode()
    assert "Sở Nội vụ tỉnh Đồng Nai" in preview and "Tên đơn vị" in preview
    assert batch.updated_count == 1 and batch.unchanged_count == 1
    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    assert Unit.objects.count() == 48
    assert Unit.objects.get(code="SNV").name == "Sở Nội vụ tỉnh Đồng Nai"


def test_reimport_changes_parent_group_years_and_blanks(admin_client):
    import_file(admin_client, sample_upload())
    header = ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Khối", "Mã đơn vị cấp trên", "Email"]
    header += ["Hoạt động từ năm", "Ngừng từ năm"]
    rows = [["SNV", "Sở Nội vụ", "Sở, ban, ngành", "Khối xã, phường", "VPUB", "", 2020, 2030]]
    batch, _ = import_file(admin_client, upload(xlsx_bytes(rows, header=header)))
    assert batch.updated_count == 1
    snv = Unit.objects.get(code="SNV")
    assert (snv.parent.code, snv.group.code, snv.email) == ("VPUB", "xa-phuong", "")
    assert (snv.active_from, snv.active_to) == (2020, 2030)
    assert snv.head_name == "Trần Thị D", "columns absent from the file keep their values"
    rows = [["SNV", "Sở Nội vụ", "Sở, ban, ngành", "Khối sở, ban, ngành", "", "", "", ""]]
    import_file(admin_client, upload(xlsx_bytes(rows, header=header)))
    snv.refresh_from_db()
    assert (snv.parent, snv.active_from, snv.active_to) == (None, None, None)


def test_a_file_with_errors_writes_nothing_and_names_each_bad_row_and_column(admin_client):
    Unit.objects.create(code="OLD", name="Đơn vị cũ", type=UnitType.DEPARTMENT)
    rows = [
        unit_row("A1", "Đơn vị tốt", parent=""),
        unit_row("", "Thiếu mã"),  # row 3
        unit_row("A1", "Trùng mã"),  # row 4
        unit_row("A2", "Cấp trên lạ", parent="KHONGCO"),  # row 5
        unit_row("A3", "Loại lạ", type_="Bộ"),  # row 6
        unit_row("A4", "Khối lạ", group="Khối không có"),  # row 7
        unit_row("A5", "Thư sai", email="khong-phai-email"),  # row 8
        unit_row("A6", "Năm sai", active_from="hai nghìn"),  # row 9
        unit_row("A7", "Năm ngược", active_from=2025, active_to=2020),  # row 10
        unit_row("A8", "x" * 300),  # row 11
        unit_row("C1", "Vòng 1", parent="C2"),  # row 12
        unit_row("C2", "Vòng 2", parent="C1"),  # row 13
        unit_row("A9", ""),  # row 14
    ]
    batch, response = upload_file(admin_client, upload(xlsx_bytes(rows)))
    assert batch.status == ImportBatch.Status.FAILED
    page = admin_client.get(response["Location"]).content.decode()
    expected = [
        "Dòng 3, cột Mã đơn vị:",
        "Dòng 4, cột Mã đơn vị:",
        "Dòng 5, cột Mã đơn vị cấp trên:",
        "Dòng 6, cột Loại đơn vị:",
        "Dòng 7, cột Khối:",
        "Dòng 8, cột Email:",
        "Dòng 9, cột Hoạt động từ năm:",
        "Dòng 10, cột Ngừng từ năm:",
        "Dòng 11, cột Tên đơn vị:",
        "Dòng 12, cột Mã đơn vị cấp trên:",
        "Dòng 13, cột Mã đơn vị cấp trên:",
        "Dòng 14, cột Tên đơn vị:",
    ]
    for message in expected:
        assert message in page, message
    assert "Dòng 2," not in page
    assert batch.rejected_count == 12
    assert list(Unit.objects.values_list("code", flat=True)) == ["OLD"]
    # A failed file cannot be confirmed afterwards.
    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    assert list(Unit.objects.values_list("code", flat=True)) == ["OLD"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "trống"),
        (b"Ma don vi;Ten don vi\nA;B\n", ".xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xlsx"),
    ],
)
def test_empty_or_non_xlsx_files_are_refused(admin_client, data, message):
    batch, response = upload_file(admin_client, upload(data, "don-vi.xlsx"))
    assert batch.status == ImportBatch.Status.FAILED
    assert message in admin_client.get(response["Location"]).content.decode()
    assert Unit.objects.count() == 0


def test_header_below_title_rows(admin_client):
    data = xlsx_bytes(
        [unit_row("T1", "Sở Tài chính")],
        title_rows=["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "DANH SÁCH ĐƠN VỊ"],
    )
    batch, _ = import_file(admin_client, upload(data))
    assert batch.status == ImportBatch.Status.DONE
    assert Unit.objects.get(code="T1").name == "Sở Tài chính"


def test_decomposed_vietnamese_is_stored_composed_and_found(admin_client):
    header = [nfd(h) for h in ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Khối"]]
    rows = [
        ["D1", nfd("Ủy ban nhân dân phường Biên Hòa "), nfd("UBND phường"), nfd("Khối xã, phường")]
    ]
    batch, _ = import_file(admin_client, upload(xlsx_bytes(rows, header=header)))
    unit = Unit.objects.get(code="D1")
    assert unit.name == "Ủy ban nhân dân phường Biên Hòa" and unit.type == UnitType.WARD
    assert Unit.objects.search("bien hoa").get() == unit
    again, _ = import_file(admin_client, upload(xlsx_bytes(rows, header=header)))
    assert again.unchanged_count == 1


def test_numeric_codes_are_read_as_text(admin_client):
    rows = [unit_row(101, "Sở Một"), unit_row(102, "Sở Hai", parent=101)]
    import_file(admin_client, upload(xlsx_bytes(rows)))
    assert Unit.objects.get(code="102").parent.code == "101"


def test_parent_may_come_after_its_child(admin_client):
    rows = [
        unit_row("XA1", "UBND xã Một", "UBND xã", "Khối xã, phường", parent="TINH"),
        unit_row("TINH", "UBND tỉnh", "UBND tỉnh", ""),
    ]
    batch, _ = import_file(admin_client, upload(xlsx_bytes(rows)))
    assert batch.status == ImportBatch.Status.DONE
    assert Unit.objects.get(code="XA1").parent == Unit.objects.get(code="TINH")


def test_a_cycle_through_units_already_in_the_portal_is_refused(admin_client):
    import_file(
        admin_client, upload(xlsx_bytes([unit_row("P", "Cha"), unit_row("C", "Con", parent="P")]))
    )
    batch, _ = upload_file(admin_client, upload(xlsx_bytes([unit_row("P", "Cha", parent="C")])))
    assert batch.status == ImportBatch.Status.FAILED
    assert any("Dòng 2, cột Mã đơn vị cấp trên" in e for e in batch.errors)
    assert Unit.objects.get(code="P").parent is None


def test_export_then_reimport_reports_all_unchanged(admin_client):
    import_file(admin_client, sample_upload())
    response = admin_client.get(reverse("units:export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    header = next(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert header[:3] == ("Mã đơn vị", "Tên đơn vị", "Tên viết tắt")
    batch, _ = upload_file(admin_client, upload(data, "xuat.xlsx"))
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 48)


def test_cancelled_preview_writes_nothing(admin_client):
    batch, _ = upload_file(admin_client, sample_upload())
    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "cancel"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED and Unit.objects.count() == 0


@pytest.mark.parametrize("user", ["alice", "rita", "lena"])
def test_non_admins_get_403_on_import(client, user, request):
    login(client, request.getfixturevalue(user))
    assert client.get(reverse("units:import")).status_code == 403
    assert client.post(reverse("units:import"), {"file": sample_upload()}).status_code == 403
    assert client.get(reverse("units:export")).status_code == 403
    assert ImportBatch.objects.count() == 0


def test_large_files_go_through_the_task_with_a_progress_bar(
    admin_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_ASYNC_ROWS = 10
    rows = [unit_row(f"U{i:03}", f"Đơn vị {i}", parent="U000" if i else "") for i in range(30)]
    batch, response = upload_file(admin_client, upload(xlsx_bytes(rows)))
    assert "nền" in admin_client.get(response["Location"]).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED and Unit.objects.count() == 0
    page = admin_client.get(reverse("units:import_detail", args=[batch.pk])).content.decode()
    assert "data-poll-url" in page
    polled = admin_client.get(reverse("units:import_progress", args=[batch.pk])).json()
    assert polled["finished"] is False and polled["total"] == 30
    for callback in callbacks:
        callback()  # the eager task runs here
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and Unit.objects.count() == 30
    polled = admin_client.get(reverse("units:import_progress", args=[batch.pk])).json()
    assert polled["finished"] is True


def test_queries_do_not_grow_with_the_number_of_rows(admin_client):
    """Lookups are loaded once and rows written in bulk: 10 rows or 60, the same queries."""
    counts = []
    for start, n in ((0, 10), (100, 60)):
        rows = [
            unit_row(f"Q{start + i}", f"Đơn vị {i}", parent=f"Q{start}" if i else "")
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as queries:
            import_file(admin_client, upload(xlsx_bytes(rows)))
        counts.append(len(queries))
    assert Unit.objects.count() == 70
    assert counts[0] == counts[1]


def test_a_queued_import_whose_message_was_lost_is_sent_again(
    admin_client, settings, django_capture_on_commit_callbacks
):
    """Redis restarted without saving: the batch stays queued until beat's round sends it."""
    from danvan.jobs import requeue_stale_jobs
    from units.services import JOB

    settings.IMPORT_ASYNC_ROWS = 10
    rows = [unit_row(f"L{i:03}", f"Đơn vị {i}", parent="L000" if i else "") for i in range(20)]
    batch, _response = upload_file(admin_client, upload(xlsx_bytes(rows)))
    with django_capture_on_commit_callbacks(execute=False):
        admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.QUEUED  # the message was dropped
    ImportBatch.objects.filter(pk=batch.pk).update(enqueued_at=timezone.now())  # as if sent
    settings.JOB_STALE_AFTER_SECONDS = 3600
    assert requeue_stale_jobs()[JOB] == 0
    settings.JOB_STALE_AFTER_SECONDS = 0
    assert requeue_stale_jobs()[JOB] == 1
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and Unit.objects.count() == 20
    assert requeue_stale_jobs()[JOB] == 0


def test_other_kinds_of_import_are_not_reachable_through_the_unit_pages(admin_client, adam):
    """The people and award imports share the table; the unit pages neither show nor run them."""
    people = ImportBatch.objects.create(
        kind="users", file_name="nguoi-dung.xlsx", created_by=adam, status="preview"
    )
    for name in ("units:import_detail", "units:import_progress"):
        assert admin_client.get(reverse(name, args=[people.pk])).status_code == 404, name
    confirm = reverse("units:import_confirm", args=[people.pk])
    assert admin_client.post(confirm, {"action": "cancel"}).status_code == 404
    people.refresh_from_db()
    assert people.status == "preview"
    for name in ("units:import", "units:import_history"):
        assert "nguoi-dung.xlsx" not in admin_client.get(reverse(name)).content.decode(), name
