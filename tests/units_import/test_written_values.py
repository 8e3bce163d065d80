"""What the unit import writes, value by value: the rows are kept as tuples and written with
COPY on PostgreSQL (executemany elsewhere), so the values must reach the table unchanged."""

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email as django_validate_email

from danvan import importing
from danvan.xlsx import Limits, read_table
from tests.conftest import ensure_reference_data
from tests.units_import.files import nfd, unit_row, xlsx_bytes
from units.importing import UnitImporter, validate_email
from units.models import Unit, UnitType
from units.resources import COLUMNS

pytestmark = pytest.mark.django_db


def apply(data, importer=None):
    outcome = importing.apply(importer or UnitImporter(), data)
    assert outcome.ok or not outcome.written
    return outcome


def test_codes_text_and_parents_reach_the_table_as_written():
    ensure_reference_data()
    rows = [
        # A child before its parent; a code with leading zeros typed as text; a numeric code.
        unit_row("00123", nfd("Phòng Tư pháp\\Hộ tịch"), parent="SNV", short_name="P. TP\\HT"),
        unit_row("SNV", "Sở Nội vụ", email="snv@tinh.example.vn", head_name="Đặng Thị Ánh"),
        unit_row(101, "Sở Tài chính", parent="00123", active_from=2020, active_to=2030),
    ]
    outcome = apply(xlsx_bytes(rows))
    assert outcome.written and outcome.counts["created"] == 3
    child = Unit.objects.get(code="00123")
    assert child.name == "Phòng Tư pháp\\Hộ tịch" and child.short_name == "P. TP\\HT"
    assert child.parent.code == "SNV" and child.type == UnitType.DEPARTMENT
    assert child.group.name == "Khối sở, ban, ngành" and child.is_evaluated is True
    assert child.search_text == child.build_search_text()
    snv = Unit.objects.get(code="SNV")
    assert (snv.email, snv.head_name, snv.parent) == ("snv@tinh.example.vn", "Đặng Thị Ánh", None)
    numeric = Unit.objects.get(code="101")
    assert numeric.parent == child and (numeric.active_from, numeric.active_to) == (2020, 2030)
    assert numeric.active_to is not None and numeric.head_title == "Giám đốc"


def test_an_update_keeps_what_the_file_does_not_say():
    ensure_reference_data()
    apply(xlsx_bytes([unit_row("SNV", "Sở Nội vụ", head_name="Ông A"), unit_row("SYT", "Sở Y tế")]))
    header = ["Mã đơn vị", "Tên đơn vị", "Mã đơn vị cấp trên"]
    outcome = apply(xlsx_bytes([["SYT", "Sở Y tế tỉnh", "SNV"], ["SNV", "Sở Nội vụ", ""]], header))
    assert outcome.written
    assert (outcome.counts["updated"], outcome.counts["unchanged"]) == (1, 1)
    syt = Unit.objects.get(code="SYT")
    assert syt.name == "Sở Y tế tỉnh" and syt.parent.code == "SNV"
    assert syt.email == "syt@tinh.example.vn" and syt.head_name == "Nguyễn Văn A"
    assert syt.search_text == syt.build_search_text() and "tinh" in syt.search_text
    assert Unit.objects.get(code="SNV").head_name == "Ông A"


def test_cell_errors_come_before_the_row_checks_and_nothing_is_written():
    ensure_reference_data()
    importer = UnitImporter()
    importer.limits = Limits(max_cell_chars=20)
    rows = [unit_row("A1", ""), unit_row("A2", "Tên dài hơn hai mươi ký tự")]
    outcome = apply(xlsx_bytes(rows), importer)
    assert outcome.error_messages() == [
        "Dòng 3, cột Tên đơn vị: giá trị dài quá 20 ký tự.",
        "Dòng 2, cột Tên đơn vị: chưa nhập giá trị; đây là thông tin bắt buộc.",
    ]
    assert not outcome.written and Unit.objects.count() == 0


def test_a_file_past_the_row_limit_is_refused_whole_while_it_is_streamed():
    ensure_reference_data()
    importer = UnitImporter()
    importer.limits = Limits(max_rows=5)
    outcome = apply(xlsx_bytes([unit_row(f"R{i}", f"Đơn vị {i}") for i in range(6)]), importer)
    assert outcome.error_messages() == ["Tệp có hơn 5 dòng. Vui lòng chia thành các tệp nhỏ hơn."]
    assert (outcome.total_rows, outcome.plan, outcome.written) == (0, [], False)
    assert Unit.objects.count() == 0


@pytest.mark.parametrize(
    "value",
    [
        "snv@tinh.example.vn",
        "khong-phai-email",
        "a@[127.0.0.1]",
        "a@[::1]",
        "a@localhost",
        "tên@tinh.example.vn",
        "a@b",
        '"hai tu"@tinh.example.vn',
        "a..b@tinh.example.vn",
        "a@" + "b" * 64 + ".vn",
        "a@xn--nh-vna.vn",
    ],
)
def test_e_mails_are_checked_as_django_checks_them(value):
    """The import keeps its own instance of Django's e-mail validator (patterns compiled once)."""

    def verdict(validator):
        try:
            validator(value)
        except ValidationError:
            return False
        return True

    assert verdict(validate_email) == verdict(django_validate_email)


def test_a_column_mixing_text_and_numbers_reads_each_cell_as_written():
    """Cells are read once per distinct value of a column: 123 and "00123", 2025 and "2025",
    1.0 and True are each their own text."""
    rows = [
        unit_row("00123", "Một", active_from=2025),
        unit_row(123, "Hai", active_from="2025"),
        unit_row("0123", "Ba", active_from=2025.5),
        unit_row(True, "Bốn", active_from=2025),
        unit_row(1.0, "Năm", active_from=" 2025 "),
        unit_row("00123", "Sáu", active_from=None),
    ]
    table = read_table(xlsx_bytes(rows), COLUMNS)
    read = [(row.values["code"], row.values["active_from"]) for row in table.rows]
    assert read == [
        ("00123", "2025"),
        ("123", "2025"),
        ("0123", "2025.5"),
        ("1", "2025"),
        ("1", "2025"),
        ("00123", ""),
    ]
