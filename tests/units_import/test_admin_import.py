"""The Django admin's import and export of units (django-import-export, same rules)."""

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data, login
from tests.units_import.files import sample_upload, unit_row, upload, xlsx_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db
IMPORT = "admin:units_unit_import"


@pytest.fixture
def admin_client(client, adam):
    ensure_reference_data()
    return login(client, adam)


def hidden_fields(html):
    """The confirm form's hidden inputs, as the browser would post them back."""
    form = html[html.index('action="' + reverse("admin:units_unit_process_import")) :]
    return dict(re.findall(r'name="(\w+)"[^>]*?value="([^"]*)"', form.split("</form>")[0]))


def admin_import(client, file):
    response = client.post(reverse(IMPORT), {"format": "0", "import_file": file, "resource": "0"})
    assert response.status_code == 200
    return response.content.decode()


def test_admin_imports_the_sample_with_a_preview_then_confirm(admin_client, adam):
    preview = admin_import(admin_client, sample_upload())
    assert "UBNDT" in preview and Unit.objects.count() == 0
    response = admin_client.post(reverse("admin:units_unit_process_import"), hidden_fields(preview))
    assert response.status_code == 302
    assert Unit.objects.count() == 48
    assert Unit.objects.get(code="SNV").parent.code == "UBNDT"
    assert Unit.objects.search("so noi vu").get().code == "SNV"
    batch = ImportBatch.objects.get()
    assert (batch.created_count, batch.created_by, batch.status) == (48, adam, "done")

    # Again: every row is skipped as unchanged.
    preview = admin_import(admin_client, sample_upload())
    admin_client.post(reverse("admin:units_unit_process_import"), hidden_fields(preview))
    assert ImportBatch.objects.latest("pk").unchanged_count == 48
    assert Unit.objects.count() == 48


def test_admin_import_parent_after_child_and_numeric_codes(admin_client):
    rows = [unit_row(201, "Con", parent=200), unit_row(200, "Cha")]
    preview = admin_import(admin_client, upload(xlsx_bytes(rows, title_rows=["TIÊU ĐỀ"])))
    admin_client.post(reverse("admin:units_unit_process_import"), hidden_fields(preview))
    assert Unit.objects.get(code="201").parent.code == "200"


def test_admin_import_with_errors_writes_nothing_and_names_rows(admin_client):
    rows = [unit_row("A", "Tốt"), unit_row("B", "Cấp trên lạ", parent="ZZZ")]
    page = admin_import(admin_client, upload(xlsx_bytes(rows)))
    assert "Dòng 3, cột Mã đơn vị cấp trên" in page
    assert Unit.objects.count() == 0


def test_admin_refuses_a_non_xlsx_file_with_a_clear_message(admin_client):
    page = admin_import(admin_client, upload(b"not a workbook", "don-vi.xlsx"))
    assert "không phải là bảng tính Excel" in page


def test_admin_export_has_the_import_columns(admin_client):
    preview = admin_import(admin_client, sample_upload())
    admin_client.post(reverse("admin:units_unit_process_import"), hidden_fields(preview))
    response = admin_client.post(
        reverse("admin:units_unit_export"),
        {"format": "0", "resource": "0", **{f"unitresource_{k}": "on" for k in ["code", "name"]}},
    )
    assert response.status_code == 200, response.content[:500]
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = next(sheet.iter_rows(values_only=True))
    assert header[:2] == ("Mã đơn vị", "Tên đơn vị")
