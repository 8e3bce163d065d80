"""One shape for every chart of the dashboards, drawn three ways: Chart.js, an HTML table (the
accessible equivalent) and a sheet of the .xlsx download.

A `Chart` holds what Chart.js draws (labels and series) and, separately, the table that states
the same numbers in words; the page and the workbook both read the table, so they cannot differ.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from danvan.xlsx_writer import Column, Table, xlsx_bytes

NUMBERS = (int, float, Decimal)


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
    """An .xlsx with one sheet per chart: the title lines, then its table (header row 3)."""
    tables = [
        Table(
            chart.sheet or str(chart.title),
            [Column(str(c), 40 if i == 0 else 16) for i, c in enumerate(chart.columns)],
            ([_cell(v) for v in row] for row in chart.rows),
            heading=[str(title or chart.title), str(chart.title)],
            note=[str(chart.note)] if chart.note else (),
        )
        for chart in charts
    ]
    return xlsx_bytes(*tables)


def _cell(value):
    if value is None or isinstance(value, (*NUMBERS, datetime.date)):
        return value
    return str(value)
