"""A campaign period seen from the dashboards: each unit's indicator totals over the years."""

from io import BytesIO

import pytest
from django.db.models import Avg, Sum
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import CampaignPeriod, PeriodKind
from criteria.models import Indicator
from criteria.services import copy_to_year
from reports.models import IndicatorValue, ReportState
from reports.services import start_report
from tests.conftest import login
from tests.dashboards.factories import build_province, fill_indicators, fill_report
from tests.dashboards.page import body, number, table


@pytest.fixture
def period(criteria_set, adam):
    """Two years: every unit U000-U009 was accepted last year; this year follows the pattern of
    factories.build_province."""
    last_year = copy_to_year(criteria_set, criteria_set.year - 1)
    units = build_province(criteria_set, 10)
    for i, unit in enumerate(units):
        if i % 5 != 4:
            fill_indicators(unit.reports.get(criteria_set=criteria_set), i)
        last = fill_report(start_report(unit, last_year, adam), i, ReportState.ACCEPTED)
        fill_indicators(last, i)
    return CampaignPeriod.objects.create(
        code="p",
        name="Sơ kết",
        kind=PeriodKind.INTERIM,
        start_year=last_year.year,
        end_year=criteria_set.year,
    )


def expected(unit, code, percent=False):
    values = IndicatorValue.objects.filter(
        report__unit=unit, indicator__code=code, report__first_submitted_at__isnull=False
    )
    return values.aggregate(v=Avg("value") if percent else Sum("value"))["v"]


def column_index(response, heading_text):
    header = table(response, "indicators-table")[0]
    return next(i for i, cell in enumerate(header) if cell.startswith(heading_text))


def test_indicator_totals_add_up_the_units_submitted_reports(client, rita, period):
    url = reverse("dashboards:period", args=[period.pk])
    response = login(client, rita).get(url, {"sort": "code"})
    assert response.status_code == 200
    rows = body(response, "indicators-table")
    units = {u.code: u for u in period_units()}
    assert [r[0] for r in rows] == sorted(units)
    integer = Indicator.objects.filter(kind="integer").order_by("order").first()
    percent = Indicator.objects.filter(kind="percent").order_by("order").first()
    int_col = column_index(response, integer.name)
    pct_col = column_index(response, percent.name)
    for row in rows:
        unit = units[row[0]]
        total = expected(unit, integer.code)
        assert (number(row[int_col]) if total is not None else None) == total
        average = expected(unit, percent.code, percent=True)
        assert number(row[pct_col]) == (float(average) if average is not None else None)
    # U000 reports both years (accepted); U003 only last year (a draft this year).
    assert int(rows[0][3]) == 2 and int(rows[3][3]) == 1


def period_units():
    from units.models import Unit

    return Unit.objects.filter(code__startswith="U")


def test_search_ignores_diacritics_and_sorting_follows_a_column(client, rita, period):
    url = reverse("dashboards:period", args=[period.pk])
    login(client, rita)
    found = body(client.get(url, {"q": "don vi thu 007"}), "indicators-table")
    assert [r[0] for r in found] == ["U007"]
    code = Indicator.objects.filter(kind="integer").order_by("order").first().code
    response = client.get(url, {"sort": f"-{code}"})
    rows = body(response, "indicators-table")
    col = column_index(response, Indicator.objects.filter(code=code).first().name)
    values = [number(r[col]) for r in rows]
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=True)
    assert values[: len(present)] == present  # units without a value come last


def test_workbook_holds_every_unit_with_the_same_totals(client, rita, period):
    login(client, rita)
    page = client.get(reverse("dashboards:period", args=[period.pk]), {"sort": "code"})
    response = client.get(reverse("dashboards:period_xlsx", args=[period.pk]))
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[2]
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if r[0]]
    page_rows = body(page, "indicators-table")
    by_code = {r[0]: r for r in rows}
    for row in page_rows:
        assert [None if v is None else float(v) for v in by_code[row[0]][3:]] == [
            number(cell) for cell in row[3:]
        ]


def test_query_count_does_not_grow_with_the_units(
    client, rita, period, criteria_set, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, rita)
    url = reverse("dashboards:period", args=[period.pk])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    build_province(criteria_set, 40, start=10)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200


def test_full_word_report_holds_classes_and_indicator_totals(client, lena, period):
    """Issue 6 item 4: the period's .docx carries the classes per year and each unit's
    indicator totals next to the campaigns summary, before the signature. Issue 16: the wide
    table of indicators is split into tables of a few figures, each naming every unit."""
    from docx import Document

    from danvan.parse import parse_number
    from ratings import services as ratings

    ratings.run_now(period.start_year)
    # The lead reads the current run (a reviewer only published ones).
    response = login(client, lena).get(reverse("dashboards:period_docx", args=[period.pk]))
    assert response.status_code == 200
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾT QUẢ XẾP LOẠI THEO NĂM" in text and "CHỈ SỐ CỦA CÁC ĐƠN VỊ" in text
    tables = document.tables
    # The signature block (a table of its own) still closes the document.
    assert "TRƯỞNG BAN" in "".join(c.text for row in tables[-1].rows for c in row.cells)
    grid = [[[c.text for c in row.cells] for row in t.rows] for t in tables]
    classes = next(t for t in grid if t[0][:2] == ["Năm", "Khối"])
    assert str(period.start_year) in {row[0] for row in classes[1:]}
    parts = [t for t in grid if t[0][:2] == ["STT", "Đơn vị"]]
    columns = sum(len(t[0]) - 2 for t in parts)
    assert len(parts) > 1 and all(len(t[0]) <= 7 for t in parts)
    assert columns == 1 + Indicator.objects.values("code").distinct().count()
    units = {u.name: u for u in period_units()}
    integer = Indicator.objects.filter(kind="integer").order_by("order").first()
    part = next(t for t in parts if any(h.startswith(integer.name) for h in t[0]))
    col = next(i for i, h in enumerate(part[0]) if h.startswith(integer.name))
    lines = {row[1]: row[col] for row in part[1:]}
    assert set(units) <= set(lines)
    for name, unit in units.items():
        assert parse_number(lines[name]) == expected(unit, integer.code)
