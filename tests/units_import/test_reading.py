"""The model-free reading layer, danvan.xlsx: what any import can rely on."""

import io
import unicodedata
import zipfile

import pytest

from danvan.xlsx import Column, Limits, XlsxError, read_table
from tests.units_import.files import SAMPLE, nfd, unit_row, xlsx_bytes

COLUMNS = [
    Column("code", "Mã đơn vị", required=True),
    Column("name", "Tên đơn vị", required=True),
    Column("email", "Email", ("E-mail",)),
]


def test_sample_header_is_found_below_the_title_rows():
    table = read_table(SAMPLE, COLUMNS)
    assert table.header_line == 5
    assert table.rows[0].line == 6
    assert table.rows[0].values == {
        "code": "UBNDT",
        "name": "Ủy ban nhân dân tỉnh Đồng Nai",
        "email": "ubnd@dongnai.example.vn",
    }
    assert len(table.rows) == 48


def test_header_names_match_ignoring_case_spacing_and_unicode_form():
    header = ["  mã   ĐƠN vị ", nfd("TÊN ĐƠN VỊ"), "e-mail"]
    table = read_table(xlsx_bytes([["X1", "Tên", "a@b.vn"]], header=header), COLUMNS)
    assert [c.key for c in table.columns] == ["code", "name", "email"]
    assert table.rows[0].values["email"] == "a@b.vn"


def test_values_are_trimmed_nfc_and_numeric_codes_read_as_text():
    data = xlsx_bytes([unit_row(101, "  " + nfd("Sở Nội vụ") + "  ")])
    row = read_table(data, COLUMNS).rows[0]
    assert row.values["code"] == "101"
    assert row.values["name"] == "Sở Nội vụ"
    assert unicodedata.is_normalized("NFC", row.values["name"])


def test_hidden_sheets_and_blank_rows_are_ignored():
    data = xlsx_bytes([unit_row("A", "Một"), [None] * 12, unit_row("B", "Hai")], hidden_sheet=True)
    table = read_table(data, COLUMNS)
    assert [(r.line, r.values["code"]) for r in table.rows] == [(2, "A"), (4, "B")]


def test_not_an_xlsx_is_refused_by_content_whatever_its_name():
    with pytest.raises(XlsxError, match="không phải là bảng tính Excel"):
        read_table(b"code,name\n1,a\n", COLUMNS)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    with pytest.raises(XlsxError, match="không phải là bảng tính Excel"):
        read_table(archive.getvalue(), COLUMNS)


def test_empty_file_and_header_without_rows_are_refused():
    with pytest.raises(XlsxError, match="Tệp trống"):
        read_table(b"", COLUMNS)
    with pytest.raises(XlsxError, match="không có dòng dữ liệu"):
        read_table(xlsx_bytes([]), COLUMNS)


def test_missing_required_column_is_named():
    with pytest.raises(XlsxError, match="Tên đơn vị"):
        read_table(xlsx_bytes([["A"]], header=["Mã đơn vị"]), COLUMNS)


def test_size_limits():
    rows = [unit_row(f"U{i}", "Tên") for i in range(5)]
    with pytest.raises(XlsxError, match="hơn 3 dòng"):
        read_table(xlsx_bytes(rows), COLUMNS, Limits(max_rows=3))
    with pytest.raises(XlsxError, match="hơn 5 cột"):
        read_table(xlsx_bytes(rows), COLUMNS, Limits(max_columns=5))
    table = read_table(xlsx_bytes([unit_row("A", "x" * 50)]), COLUMNS, Limits(max_cell_chars=10))
    assert table.cell_errors[0][0] == 2 and table.cell_errors[0][1].key == "name"


def test_header_order_does_not_matter_and_extra_columns_are_ignored():
    header = ["Ghi chú", "Tên đơn vị", "Mã đơn vị"]
    table = read_table(xlsx_bytes([["bỏ qua", "Tên", "M1"]], header=header), COLUMNS)
    assert table.rows[0].values == {"name": "Tên", "code": "M1"}
