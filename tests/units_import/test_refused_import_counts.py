"""A refused import wrote nothing, and its history and audit entry say so (issue 12, item 8):
0 created, 0 updated, and how many errors the file had, for every kind of import."""

import re

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data, login
from tests.people.files import people_xlsx, person
from tests.people.files import upload as people_upload
from tests.units_import.files import unit_row, upload, xlsx_bytes
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, adam):
    ensure_reference_data()
    return login(client, adam)


@pytest.fixture
def old_unit(group_departments):
    return Unit.objects.create(
        code="OLD", name="Đơn vị cũ", type=UnitType.DEPARTMENT, group=group_departments
    )


def history_row(client, url_name, file_name):
    """The cells of the history table's row for `file_name`, as text."""
    page = client.get(reverse(url_name)).content.decode()
    for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S):
        if file_name in row:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
            return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]
    raise AssertionError(f"{file_name} is not in the history")


def assert_nothing_written(batch, errors):
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 0)
    assert batch.error_count == errors
    entry = AuditEntry.objects.filter(action=Action.IMPORT, object_id=str(batch.pk)).get()
    details = entry.details
    assert (details["created"], details["updated"], details["unchanged"]) == (0, 0, 0)
    assert details["errors"] == errors
    assert details["status"] == ImportBatch.Status.FAILED


def test_a_refused_unit_file_records_nothing_written_and_its_errors(admin_client, old_unit):
    rows = [
        unit_row("NEW1", "Đơn vị mới"),  # would be created
        unit_row("OLD", "Đơn vị cũ đổi tên"),  # would be updated
        unit_row("BAD", "Loại lạ", type_="Bộ"),  # row 4: unknown type
        unit_row("BAD2", "Thư sai", email="khong-phai-email"),  # row 5: bad e-mail
    ]
    response = admin_client.post(
        reverse("units:import"), {"file": upload(xlsx_bytes(rows), "bi-tu-choi.xlsx")}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    assert_nothing_written(batch, errors=2)
    assert batch.rejected_count == 2
    assert list(Unit.objects.values_list("code", flat=True)) == ["OLD"]
    # Columns: uploaded, file, by, status, rows, created, updated, unchanged, rejected, errors.
    cells = history_row(admin_client, "units:import_history", "bi-tu-choi.xlsx")
    assert cells[3] == "Thất bại"
    assert cells[5:] == ["0", "0", "0", "2", "2"]


def test_a_file_that_is_not_xlsx_counts_one_error(admin_client):
    response = admin_client.post(
        reverse("units:import"), {"file": upload(b"Ma;Ten\nA;B\n", "khong-phai.xlsx")}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.latest("pk")
    assert_nothing_written(batch, errors=1)
    assert batch.rejected_count == 0
    cells = history_row(admin_client, "units:import_history", "khong-phai.xlsx")
    assert cells[5:] == ["0", "0", "0", "0", "1"]


def test_a_unit_file_refused_at_confirmation_records_nothing_written(admin_client, old_unit):
    parent = Unit.objects.create(code="CHA", name="Cấp trên", type=UnitType.DEPARTMENT)
    rows = [unit_row("NEW1", "Đơn vị mới", parent="CHA"), unit_row("OLD", "Đơn vị cũ đổi tên")]
    admin_client.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows), "sau.xlsx")})
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.PREVIEW
    parent.delete()  # the file's parent disappears before the admin confirms
    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    assert_nothing_written(batch, errors=1)
    assert not Unit.objects.filter(code="NEW1").exists()
    assert Unit.objects.get(code="OLD").name == "Đơn vị cũ"


def test_a_refused_people_file_records_nothing_written_and_its_errors(admin_client, unit_a):
    rows = [
        person("Nguyễn Thị Mai", "mai@snv.example.vn", "SNV", "Cán bộ đơn vị"),
        person("Trần Văn Hải", "hai@example.vn", "XA999", "Thủ trưởng đơn vị"),
        person("Phạm Văn Bốn", "bon@example.vn", "SNV", "giám đốc"),
    ]
    response = admin_client.post(
        reverse("accounts:import"), {"file": people_upload(people_xlsx(rows), "nguoi.xlsx")}
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.filter(kind="users").latest("pk")
    assert_nothing_written(batch, errors=2)
    cells = history_row(admin_client, "accounts:import_history", "nguoi.xlsx")
    assert cells[5:] == ["0", "0", "0", "2", "2"]


def test_a_refused_award_file_records_nothing_written_and_its_errors(admin_client, unit_a):
    from tests.campaigns.test_award_import_export import _row, _upload, _xlsx

    batch = _upload(admin_client, _xlsx([_row(1), _row(2, unit="KHONGCO")]))
    assert_nothing_written(batch, errors=1)
    page = admin_client.get(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert "Dòng 5, cột Mã đơn vị" in page.content.decode()


def test_an_award_file_refused_at_confirmation_records_nothing_written(admin_client, unit_a):
    from tests.campaigns.test_award_import_export import _row, _upload, _xlsx

    extra = Unit.objects.create(code="SXD", name="Sở Xây dựng", type=UnitType.DEPARTMENT)
    batch = _upload(admin_client, _xlsx([_row(1), _row(2, unit="SXD")]))
    assert batch.status == ImportBatch.Status.PREVIEW
    extra.delete()
    admin_client.post(reverse("campaigns:award_import_batch", args=[batch.pk]))
    assert_nothing_written(batch, errors=1)


@pytest.mark.parametrize(
    ("data", "errors", "rejected"),
    [
        (
            xlsx_bytes(
                [
                    unit_row("NEW1", "Đơn vị mới"),
                    unit_row("OLD", "Đơn vị cũ đổi tên"),
                    unit_row("B", "Cấp trên lạ", parent="ZZZ"),
                ]
            ),
            1,
            1,
        ),
        (b"not a workbook", 1, 0),
    ],
)
def test_a_file_the_django_admin_refuses_is_recorded_with_nothing_written(
    admin_client, adam, old_unit, data, errors, rejected
):
    response = admin_client.post(
        reverse("admin:units_unit_import"),
        {"format": "0", "import_file": upload(data, "qua-admin.xlsx"), "resource": "0"},
    )
    assert response.status_code == 200
    batch = ImportBatch.objects.get(file_name="qua-admin.xlsx")
    assert batch.created_by == adam and batch.rejected_count == rejected, batch.errors
    assert_nothing_written(batch, errors=errors)
    assert list(Unit.objects.values_list("code", flat=True)) == ["OLD"]
