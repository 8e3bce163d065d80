"""Every .xlsx the portal writes is made here, so that no cell written from user input can act
as a formula when the file is opened (OWASP's CSV/formula injection rule).

A text value starting with `=`, `+`, `-`, `@`, a tab or a carriage return is written as a text
cell marked "quote prefix" (what Excel does for a value typed after an apostrophe): Excel and
LibreOffice show it as typed and never evaluate it, not even after the cell is edited, and the
value itself is unchanged, so an exported list imports back as it was. Numbers, dates and
booleans stay what they are.

`Workbook` is openpyxl's, with sheets whose `append` neutralises; `dataset_xlsx` writes a
tablib Dataset (the django-import-export exports) through it. No other module imports
openpyxl's Workbook (tests/security/test_formula_injection.py checks).
"""

from io import BytesIO

import openpyxl
from import_export.formats import base_formats
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

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


def dataset_xlsx(dataset, title="Sheet1"):
    """A tablib Dataset as .xlsx bytes: header in bold, every cell through `SafeSheet`."""
    book = Workbook()
    sheet = book.create_sheet(str(dataset.title or title)[:31])
    if dataset.headers:
        sheet.append([str(h) for h in dataset.headers])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    for row in dataset:
        sheet.append(list(row))
    return to_bytes(book)


class SafeXLSX(base_formats.XLSX):
    """django-import-export's .xlsx format (the Django admin's export) written by `dataset_xlsx`."""

    def export_data(self, dataset, **kwargs):
        return dataset_xlsx(dataset)
