"""Awards through .xlsx: preview first, then all rows or none; errors name line and column."""

from datetime import date
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.models import Award, CampaignPeriod
from danvan.models import ImportBatch
from tests.conftest import login
from units.models import Unit

HEADER = [
    "STT",
    "Hình thức khen thưởng",
    "Đối tượng",
    "Mã đơn vị",
    "Họ và tên",
    "Chức vụ",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Năm",
    "Giai đoạn",
    "Lý do, thành tích",
]


def _xlsx(rows, title=True):
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["DANH SÁCH KHEN THƯỞNG NĂM 2026"])
        sheet.append(["(kèm theo Quyết định số 55/QĐ-UBND)"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, data, name="khen-thuong.xlsx"):
    response = client.post(
        reverse("campaigns:award_import"), {"file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 302
    return ImportBatch.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def _row(n, unit="SNV", **changes):
    row = {
        "kind": "Bằng khen của Chủ tịch UBND tỉnh",
        "recipient": "Cá nhân",
        "unit": unit,
        "name": f"Nguyễn Văn {n}",
        "title": "Chuyên viên",
        "number": "55/QĐ-UBND",
        "date": "20/12/2026",
        "issuer": "Chủ tịch UBND tỉnh",
        "year": 2026,
        "period": "",
        "reason": "Có thành tích xuất sắc trong phong trào Dân vận khéo",
        **changes,
    }
    return [n, *row.values()]


def test_bad_rows_write_nothing_and_every_error_is_listed(client, adam, unit_a, unit_b):
    login(client, adam)
    data = _xlsx(
        [
            _row(1),  # line 4
            _row(2, unit="KHONGCO"),  # line 5
            _row(3, date="31/02/2026", kind="Huân chương"),  # line 6
            _row(4, unit="STP", recipient="Cá nhân", name=""),  # line 7
        ]
    )
    batch = _upload(client, data)
    assert Award.objects.count() == 0
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == [
        "Dòng 5, cột Mã đơn vị: không có đơn vị nào mang mã “KHONGCO”; "
        "kiểm tra lại mã trong danh mục đơn vị",
        "Dòng 6, cột Hình thức khen thưởng: “Huân chương” không thuộc các giá trị: "
        "Bằng khen của Thủ tướng Chính phủ; Bằng khen của bộ, ban, ngành Trung ương; "
        "Bằng khen của Chủ tịch UBND tỉnh; Giấy khen; Cờ thi đua; Hình thức khác",
        "Dòng 6, cột Ngày quyết định: “31/02/2026” không phải là ngày; "
        "hãy ghi theo dạng ngày/tháng/năm (dd/mm/yyyy)",
        "Dòng 7, cột Họ và tên: nhập họ và tên cá nhân được khen thưởng",
    ]
    page = client.get(reverse("campaigns:award_import_batch", args=[batch.pk])).content.decode()
    assert "Dòng 5, cột Mã đơn vị" in page
    assert "Xác nhận nhập dữ liệu" not in page
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert Award.objects.count() == 0


def test_preview_writes_nothing_and_confirm_writes_all(client, adam, unit_a, unit_b):
    login(client, adam)
    batch = _upload(client, _xlsx([_row(1), _row(2, unit="STP", number=101.0)]))
    assert batch.status == ImportBatch.Status.PREVIEW
    assert (batch.total_rows, batch.created_count, batch.errors) == (2, 2, [])
    assert Award.objects.count() == 0
    response = client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert response.status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE
    award = Award.objects.get(unit=unit_b)
    assert (award.decision_number, award.decision_date, award.person_name) == (
        "101",
        date(2026, 12, 20),
        "Nguyễn Văn 2",
    )
    assert Award.objects.count() == 2
    # Confirming twice does not import twice.
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert Award.objects.count() == 2


def test_confirm_writes_nothing_when_a_row_went_bad_since_the_preview(
    client, adam, unit_a, group_departments
):
    extra = Unit.objects.create(code="SXD", name="Sở Xây dựng", type="department")
    login(client, adam)
    batch = _upload(client, _xlsx([_row(1), _row(2, unit="SXD")], title=False))
    assert batch.status == ImportBatch.Status.PREVIEW
    extra.delete()
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors[0].startswith("Dòng 3, cột Mã đơn vị")
    assert Award.objects.count() == 0


def test_export_then_reimport_changes_nothing_and_a_known_key_updates(client, adam, unit_a, unit_b):
    period = CampaignPeriod.objects.create(
        code="2021-2025",
        name="Giai đoạn 2021-2025",
        kind="final",
        start_year=2021,
        end_year=2025,
    )
    Award.objects.create(
        kind="province_chair_merit",
        recipient_type="unit",
        unit=unit_a,
        decision_number="12/QĐ-UBND",
        decision_date=date(2025, 12, 30),
        issuer="Chủ tịch UBND tỉnh",
        period=period,
        reason="Tổng kết giai đoạn",
    )
    Award.objects.create(
        kind="certificate",
        recipient_type="person",
        unit=unit_b,
        person_name="Lê Thị Hoa",
        person_title="Phó Chánh Văn phòng",
        decision_number="7/QĐ-STP",
        decision_date=date(2026, 1, 5),
        issuer="Giám đốc Sở Tư pháp",
        year=2025,
    )
    before = list(Award.objects.order_by("pk").values())
    login(client, adam)
    response = client.get(reverse("campaigns:award_export"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    exported = response.content
    sheet = load_workbook(BytesIO(exported)).active
    assert [c.value for c in sheet[1]][:4] == [
        "Hình thức khen thưởng",
        "Đối tượng",
        "Mã đơn vị",
        "Tên đơn vị",
    ]
    batch = _upload(client, exported)
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 2)
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert list(Award.objects.order_by("pk").values()) == before

    workbook = load_workbook(BytesIO(exported))
    workbook.active.cell(row=3, column=12).value = "Thành tích tiêu biểu"
    buffer = BytesIO()
    workbook.save(buffer)
    batch = _upload(client, buffer.getvalue())
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 1, 1)
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert Award.objects.count() == 2
    assert Award.objects.filter(reason="Thành tích tiêu biểu").count() == 1


def test_a_file_that_is_not_excel_is_refused(client, adam):
    login(client, adam)
    batch = _upload(client, b"not a workbook", "khen-thuong.xlsx")
    assert batch.status == ImportBatch.Status.FAILED
    assert "không phải là bảng tính Excel" in batch.errors[0]


def test_other_column_names_numbers_and_excel_dates_are_understood(client, adam, unit_a):
    from datetime import datetime

    Unit.objects.create(code="101", name="UBND xã 101", type="commune")
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ỦY BAN NHÂN DÂN TỈNH"])
    sheet.append([])
    sheet.append(
        ["Hình thức", "Đối tượng", "Mã ĐV", "Họ tên", "Số QĐ", "Ngày QĐ", "Cấp khen", "Năm"]
    )
    sheet.append(
        [
            "giay khen",
            "tap the",
            101,
            "",
            "  12/QĐ-UBND ",
            datetime(2026, 3, 8),
            "Chủ tịch UBND xã",
            2026,
        ]
    )
    buffer = BytesIO()
    workbook.save(buffer)
    login(client, adam)
    batch = _upload(client, buffer.getvalue())
    assert batch.errors == [] and batch.created_count == 1
    client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    award = Award.objects.get()
    assert (award.kind, award.recipient_type, award.unit.code) == ("certificate", "unit", "101")
    assert (award.decision_number, award.decision_date) == ("12/QĐ-UBND", date(2026, 3, 8))


def test_admin_creates_an_award_and_the_list_query_count_is_constant(
    client, adam, unit_a, unit_b, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, adam)
    data = {
        "kind": "certificate",
        "recipient_type": "person",
        "unit": unit_a.pk,
        "person_name": "",
        "decision_number": "9/QĐ-SNV",
        "decision_date": "2026-05-02",
        "issuer": "Giám đốc Sở Nội vụ",
        "year": "",
        "reason": "",
    }
    response = client.post(reverse("campaigns:award_create"), data)
    page = response.content.decode()
    assert "Nhập họ và tên cá nhân được khen thưởng" in page
    assert "Nhập năm hoặc chọn giai đoạn" in page
    data.update(person_name="Trần Văn Nam", year="2026")
    assert client.post(reverse("campaigns:award_create"), data).status_code == 302

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("campaigns:award_list"))
        return len(ctx)

    few = count()
    for i in range(30):
        Award.objects.create(
            kind="certificate",
            recipient_type="person",
            unit=unit_b,
            person_name=f"Người {i}",
            decision_number=f"{i}/QĐ",
            decision_date=date(2026, 1, 1),
            issuer="Sở",
            year=2026,
        )
    assert count() == few
    page = client.get(reverse("campaigns:award_list"), {"q": "tran van nam"}).content.decode()
    assert "Trần Văn Nam" in page and "Người 1" not in page
