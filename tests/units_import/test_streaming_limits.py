"""Issue 14, item 5: an import file's rows are counted while its sheet streams by, and reading
stops at the limit; the reader never builds the grid of a sheet past the limits."""

import io
import zipfile

import pytest

from danvan import xlsx
from danvan.xlsx import Column, Limits, XlsxError, measure_sheet, read_table

COLUMNS = [Column("code", "Mã đơn vị", required=True), Column("name", "Tên đơn vị")]


def sheet_xml(rows, with_refs=True, prefix=""):
    tag = f"{prefix}:" if prefix else ""
    lines = []
    for number, values in enumerate(rows, start=1):
        cells = []
        for column, value in enumerate(values):
            ref = f' r="{chr(65 + column)}{number}"' if with_refs else ""
            cells.append(
                f'<{tag}c{ref} t="inlineStr"><{tag}is><{tag}t>{value}</{tag}t></{tag}is></{tag}c>'
            )
        where = f' r="{number}"' if with_refs else ""
        lines.append(f"<{tag}row{where}>{''.join(cells)}</{tag}row>")
    xmlns = f"xmlns{':' + prefix if prefix else ''}"
    return (
        f'<?xml version="1.0"?><{tag}worksheet {xmlns}="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><{tag}sheetData>{"".join(lines)}</{tag}sheetData>'
        f"</{tag}worksheet>"
    ).encode()


def xlsx_file(rows, with_refs=True):
    """A minimal workbook, written the way some generators do (with or without references)."""
    out = io.BytesIO()
    main = "http://schemas.openxmlformats.org"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{main}/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        package.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{main}/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{main}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        package.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}/spreadsheetml/2006/main" xmlns:r="{main}/officeDocument/'
            '2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        package.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{main}/package/2006/relationships"><Relationship Id="rId1" '
            f'Type="{main}/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        )
        package.writestr("xl/worksheets/sheet1.xml", sheet_xml(rows, with_refs))
    return out.getvalue()


def unit_rows(n):
    return [["Mã đơn vị", "Tên đơn vị"], *([f"U{i}", f"Đơn vị {i}"] for i in range(n))]


class CountingStream(io.BytesIO):
    def __init__(self, data):
        super().__init__(data)
        self.total = len(data)
        self.served = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.served += len(chunk)
        return chunk


@pytest.mark.parametrize("with_refs", [False, True], ids=["no cell references", "references"])
def test_rows_past_the_limit_stop_the_reading_early(with_refs):
    limits = Limits(max_rows=100)
    stream = CountingStream(sheet_xml(unit_rows(100 + 1000), with_refs))
    with pytest.raises(XlsxError, match="hơn 100 dòng"):
        measure_sheet(stream, limits, chunk_size=1024)
    # Refused once the 131st row tag (the limit and the header search's rows) went by.
    assert stream.served < stream.total / 4


def test_a_file_past_the_row_limit_is_refused_before_the_reader_loads_it(monkeypatch):
    class NoReader:
        @staticmethod
        def from_filelike(*args, **kwargs):
            raise AssertionError("the reader was asked to load a refused file")

    monkeypatch.setattr(xlsx, "CalamineWorkbook", NoReader)
    data = xlsx_file(unit_rows(100 + 1000), with_refs=False)
    with pytest.raises(XlsxError, match="Một trang tính có hơn 100 dòng"):
        read_table(data, COLUMNS, Limits(max_rows=100))


def test_rows_read_one_at_a_time_stop_at_the_first_past_the_limit():
    # 110 data rows pass the scan (it allows the header search's 30 rows above the limit);
    # the row reader refuses at the 101st data row.
    with pytest.raises(XlsxError, match="Tệp có hơn 100 dòng"):
        read_table(xlsx_file(unit_rows(110)), COLUMNS, Limits(max_rows=100))
    assert len(read_table(xlsx_file(unit_rows(100)), COLUMNS, Limits(max_rows=100)).rows) == 100


def test_rows_without_references_are_read_in_place():
    table = read_table(xlsx_file([["Tiêu đề"], *unit_rows(3)], with_refs=False), COLUMNS)
    assert table.header_line == 2
    assert [(row.line, row.values["code"]) for row in table.rows] == [
        (3, "U0"),
        (4, "U1"),
        (5, "U2"),
    ]


@pytest.mark.parametrize("with_refs", [False, True], ids=["no cell references", "references"])
def test_the_grid_is_bounded_as_a_whole(with_refs):
    # 101 rows of 6 columns; like the row limit, the header search's 30 rows are not counted.
    rows = [["Mã đơn vị", "Tên đơn vị", *"CDEF"], *([f"U{i}", "x", 1, 2, 3, 4] for i in range(100))]
    data = xlsx_file(rows, with_refs)
    with pytest.raises(XlsxError, match="hơn 425 ô"):
        read_table(data, COLUMNS, Limits(max_cells=425))
    assert len(read_table(data, COLUMNS, Limits(max_cells=426)).rows) == 100


def test_a_wide_row_without_references_counts_as_columns():
    rows = [["Mã đơn vị", "Tên đơn vị"], ["U1", "x", *range(20)]]
    with pytest.raises(XlsxError, match="hơn 10 cột"):
        read_table(xlsx_file(rows, with_refs=False), COLUMNS, Limits(max_columns=10))


def test_a_namespace_prefix_does_not_hide_rows():
    stream = io.BytesIO(sheet_xml(unit_rows(200), with_refs=False, prefix="x"))
    extent = measure_sheet(stream, Limits(), chunk_size=333)
    assert (extent.rows, extent.width) == (201, 2)
    with pytest.raises(XlsxError, match="hơn 100 dòng"):
        measure_sheet(io.BytesIO(sheet_xml(unit_rows(200), False, "x")), Limits(max_rows=100))


def test_counts_do_not_depend_on_where_the_chunks_are_cut():
    data = sheet_xml(unit_rows(57) + [["a", "b", "c", "d"]], with_refs=False)
    for size in (7, 64, 1000, len(data)):
        extent = measure_sheet(io.BytesIO(data), Limits(), chunk_size=size)
        assert (extent.rows, extent.width) == (59, 4), size
