"""One shape for every chart of the dashboards, drawn three ways: Chart.js, an HTML table (the
accessible equivalent) and a sheet of the .xlsx download.

A `Chart` holds what Chart.js draws (labels and series) and, separately, the table that states
the same numbers in words; the page and the workbook both read the table, so they cannot differ.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from openpyxl.styles import Font

from danvan import formats
from danvan.xlsx_writer import Workbook

NUMBERS = (int, float, Decimal)
SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


@dataclass
class Link:
    """A table cell that links somewhere (a unit's dashboard); plain text in the workbook."""

    text: str
    url: str

    def __str__(self):
        return str(self.text)


@dataclass
class Series:
    name: str
    values: list


@dataclass
class Chart:
    key: str
    title: str
    kind: str = "bar"  # line, bar, radar
    labels: list = field(default_factory=list)
    series: list = field(default_factory=list)
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    stacked: bool = False
    horizontal: bool = False
    percent: bool = False
    # A vertical line drawn at one label (the submission deadline on the burn-up chart).
    marker: dict | None = None
    note: str = ""
    sheet: str = ""

    @property
    def numeric_columns(self):
        """Columns holding only numbers, right-aligned in the table."""
        return [
            all(isinstance(row[i], NUMBERS) for row in self.rows if row[i] is not None)
            for i in range(len(self.columns))
        ]

    @property
    def header(self):
        return list(zip(self.columns, self.numeric_columns, strict=True))

    @property
    def table(self):
        numeric = self.numeric_columns
        return [list(zip(row, numeric, strict=True)) for row in self.rows]

    @property
    def data_id(self):
        return f"chart-{self.key}-data"

    def chart_data(self):
        """What dashboards.js reads through `json_script`: plain numbers, no Decimals."""
        return {
            "type": self.kind,
            "title": str(self.title),
            "labels": [str(label) for label in self.labels],
            "datasets": [
                {"label": str(s.name), "data": [_number(v) for v in s.values]} for s in self.series
            ],
            "stacked": self.stacked,
            "horizontal": self.horizontal,
            "percent": self.percent,
            "marker": self.marker,
        }


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def workbook(charts, title=""):
    """An .xlsx with one sheet per chart: its table, header in bold, numbers as numbers."""
    book = Workbook()
    used = set()
    for chart in charts:
        name = _sheet_name(chart.sheet or str(chart.title), used)
        sheet = book.create_sheet(name)
        sheet.append([str(title or chart.title)])
        sheet.append([str(chart.title)])
        sheet.append([str(c) for c in chart.columns])
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        sheet["A1"].font = Font(bold=True)
        for row in chart.rows:
            sheet.append([_cell(v) for v in row])
        formats.xlsx_formats(sheet, {}, first_row=HEADER_ROW + 1)
        if chart.note:
            sheet.append([])
            sheet.append([str(chart.note)])
        for index, _column in enumerate(chart.columns, start=1):
            letter = sheet.cell(row=3, column=index).column_letter
            sheet.column_dimensions[letter].width = 40 if index == 1 else 16
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Where a sheet's table starts: title row, chart title row, then the header.
HEADER_ROW = 3


def _cell(value):
    if value is None or isinstance(value, (*NUMBERS, datetime.date)):
        return value
    return str(value)


def _sheet_name(name, used):
    base = name.translate(SHEET_FORBIDDEN).strip()[:31] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(candidate.lower())
    return candidate
