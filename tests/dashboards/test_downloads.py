"""The .xlsx downloads open with openpyxl and hold the numbers the pages show."""

from io import BytesIO

from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import DanVanModel, Field
from reports.models import AnnualReport, ReportState
from reports.services import start_report
from tests.conftest import login
from tests.dashboards.factories import build_province, fill_report
from tests.dashboards.page import body

HEADER_ROW = 3


def sheet_rows(sheet):
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    header, data = rows[0], rows[1:]
    return header, [r for r in data if any(v is not None for v in r)]


def test_province_workbook_has_one_sheet_per_chart_with_the_page_numbers(
    client, rita, criteria_set
):
    build_province(criteria_set, 17)
    login(client, rita)
    year = criteria_set.year
    page = client.get(reverse("dashboards:province_year", args=[year]))
    response = client.get(reverse("dashboards:province_xlsx", args=[year]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == 6

    _header, filing = sheet_rows(book.worksheets[0])
    submitted = AnnualReport.objects.exclude(first_submitted_at=None).count()
    assert filing[-1][2] == submitted == 11
    assert [r[1] for r in filing] == [int(r[1]) for r in body(page, "filing-table")]

    header, models = sheet_rows(book.worksheets[3])
    assert header[0] == "Lĩnh vực"
    for row, field in zip(models, Field.values, strict=False):
        assert row[-1] == DanVanModel.objects.filter(field=field).count()
    assert models[-1][-1] == 17

    _header, criteria = sheet_rows(book.worksheets[2])
    page_rows = body(page, "criteria-table")
    assert [float(r[3]) for r in criteria] == [float(r[3].replace(",", ".")) for r in page_rows]

    _header, top = sheet_rows(book.worksheets[4])
    assert [r[1] for r in top] == [r[1] for r in body(page, "top-table")]


def test_unit_workbook_holds_the_units_totals(client, alice, unit_a, criteria_set):
    report = fill_report(start_report(unit_a, criteria_set, alice), 0)
    login(client, alice)
    response = client.get(reverse("dashboards:unit_xlsx", args=[unit_a.pk]))
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.content))
    _header, history = sheet_rows(book.worksheets[0])
    self_total = sum(s.self_score for s in report.scores.all())
    review_total = sum(s.review_score for s in report.scores.all())
    accepted = str(ReportState.ACCEPTED.label)
    assert history == [(criteria_set.year, accepted, self_total, review_total)]
    _header, criteria = sheet_rows(book.worksheets[1])
    assert len(criteria) == 9
