"""Every .xlsx the portal writes is made here, so that no cell written from user input can act
as a formula when the file is opened (OWASP's CSV/formula injection rule).

A text value starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written as a text
cell marked "quote prefix" (what Excel does for a value typed after an apostrophe): Excel and
LibreOffice show it as typed and never evaluate it, not even after the cell is edited, and the
value itself is unchanged, so an exported list imports back as it was. Numbers, dates and
booleans stay what they are.

It is also the one output layer for spreadsheets: an export says what its columns are
(`Column`: title, width, kind of number) and gives its rows; `Table` and `xlsx_bytes` lay each
sheet out the same way (optional heading lines, a bold header row frozen under them, an
autofilter over the table, column widths, numbers and dates as real cells with the Vietnamese
number formats of `danvan.formats`), and `xlsx_response` sends it with the one MIME type.
`Workbook` is openpyxl's, with sheets whose `append` neutralises; `dataset_xlsx` writes a
tablib Dataset (the django-import-export exports) as a `Table`. No other module imports
openpyxl's Workbook (tests/security/test_formula_injection.py checks).
"""

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

import openpyxl
from django.http import HttpResponse
from import_export.formats import base_formats
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from danvan import formats

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(value):
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def text_cell(sheet, value):
    """A cell that holds `value` as text, whatever it starts with."""
    cell = Cell(sheet, row=1, column=1)  # append() places it
    cell._value = value
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def safe_row(sheet, values):
    return [text_cell(sheet, v) if is_formula_like(v) else v for v in values]


class SafeSheet(Worksheet):
    def append(self, iterable):
        super().append(safe_row(self, list(iterable)))


class SafeWriteOnlySheet(WriteOnlyWorksheet):
    def append(self, row):
        super().append(safe_row(self, list(row)))


class Workbook(openpyxl.Workbook):
    """openpyxl's Workbook with no default sheet, whose sheets neutralise formula-like text."""

    def __init__(self, write_only=False):
        super().__init__(write_only=write_only)
        if not write_only:
            self.remove(self.active)

    def create_sheet(self, title=None, index=None):
        sheet = (SafeWriteOnlySheet if self.write_only else SafeSheet)(parent=self, title=title)
        self._add_sheet(sheet=sheet, index=index)
        return sheet


def to_bytes(book):
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Column:
    """One column of an export: its header, its width in characters (None: from the header)
    and the kind of number it holds ("decimal": scores, whole numbers drawn as counts;
    "count"; "amount"), which picks the number format of `danvan.formats`."""

    title: str
    width: float | None = None
    kind: str = "decimal"

    @property
    def shown_width(self):
        return self.width or max(12, min(60, len(str(self.title)) + 4))


@dataclass
class Table:
    """One sheet: `heading` lines above, the header row, `rows`, then `note` lines."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Sequence] = ()
    heading: Sequence[str] = ()
    note: Sequence[str] = ()
    used_titles: set = field(default_factory=set, repr=False)


SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name, used):
    """Excel's rules for a sheet name: at most 31 characters, none of []:*?/\\, unique in the
    book (case-insensitively; `used` holds the names taken so far)."""
    base = SHEET_FORBIDDEN.sub(" ", str(name)).strip()[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate


def _bold(sheet, value):
    cell = text_cell(sheet, value) if is_formula_like(value) else WriteOnlyCell(sheet, value)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value, kind):
    value = formats.xlsx_value(value)
    if isinstance(value, bool) or not isinstance(value, int | float | datetime.date):
        return value
    cell = WriteOnlyCell(sheet, value)
    cell.number_format = formats.xlsx_format(value, kind)
    return cell


def write_table(book, table, used=None):
    """Lay `table` out on a new sheet of the write-only `book`."""
    sheet = book.create_sheet(sheet_title(table.title, used if used is not None else set()))
    columns = list(table.columns)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.shown_width
    header_row = len(table.heading) + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    for line in table.heading:
        sheet.append([_bold(sheet, str(line))])
    sheet.append([_bold(sheet, str(column.title)) for column in columns])
    last = header_row
    kinds = [column.kind for column in columns]
    for row in table.rows:
        sheet.append(
            [_cell(sheet, v, kinds[i] if i < len(kinds) else "decimal") for i, v in enumerate(row)]
        )
        last += 1
    if columns:
        sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"
    if table.note:
        sheet.append([])
        for line in table.note:
            sheet.append([str(line)])
    return sheet


def xlsx_bytes(*tables):
    """The workbook of `tables`, one sheet each, as bytes."""
    book = Workbook(write_only=True)
    used = set()
    for table in tables:
        write_table(book, table, used)
    return to_bytes(book)


def xlsx_response(content, filename):
    """An .xlsx download: `content` is the file's bytes."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def dataset_xlsx(dataset, title="Sheet1"):
    """A tablib Dataset (a django-import-export export) as .xlsx bytes, laid out as a `Table`."""
    columns = [Column(str(h)) for h in (dataset.headers or [])]
    return xlsx_bytes(Table(str(dataset.title or title), columns, (list(r) for r in dataset)))


class SafeXLSX(base_formats.XLSX):
    """django-import-export's .xlsx format (the Django admin's export) written by `dataset_xlsx`."""

    def export_data(self, dataset, **kwargs):
        return dataset_xlsx(dataset)
