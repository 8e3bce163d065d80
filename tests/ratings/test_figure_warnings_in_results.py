"""The results page and the .xlsx say which units' figures break the year's rules; the public
page never does."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ratings import services
from reports.models import IndicatorValue
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.django_db
ON_TIME = "tỷ lệ hồ sơ giải quyết đúng hạn không dưới 95%"


@pytest.fixture
def run(criteria_set, group_departments):
    """Two accepted reports: one claims full marks on criterion 3 with 80 % of dossiers on
    time, the other's figures agree."""
    warned = make_unit("WARN", group_departments, name="Đơn vị số liệu mâu thuẫn")
    fine = make_unit("FINE", group_departments, name="Đơn vị số liệu khớp")
    for unit, on_time in ((warned, 80), (fine, 98)):
        report = accepted_report(unit, criteria_set, 92, fixed={3: 10})
        indicator = criteria_set.indicators.get(code="dossiers_on_time")
        IndicatorValue.objects.create(report=report, indicator=indicator, value=on_time)
    return services.run_now(criteria_set.year)


def test_the_results_page_marks_the_unit_whose_figures_contradict(client, lena, run):
    page = login(client, lena).get(reverse("ratings:year", args=[run.year])).content.decode()
    assert "Cảnh báo số liệu" in page
    row = page[page.index("Đơn vị số liệu mâu thuẫn") :]
    row = row[: row.index("</tr>")]
    assert "⚠ 1" in row and ON_TIME in row
    row = page[page.index("Đơn vị số liệu khớp") :]
    assert "⚠" not in row[: row.index("</tr>")]


def test_the_xlsx_has_the_count_and_the_rules_in_words(client, lena, run):
    response = login(client, lena).get(reverse("ratings:export_xlsx", args=[run.pk]))
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[1]
    count, words = header.index("Cảnh báo số liệu"), header.index("Nội dung cảnh báo số liệu")
    by_code = {row[1]: row for row in rows[2:]}
    assert by_code["WARN"][count] == 1 and ON_TIME in by_code["WARN"][words]
    assert by_code["FINE"][count] is None and not by_code["FINE"][words]


def test_the_board_xlsx_counts_the_warnings(client, rita, run, criteria_set):
    url = reverse("review:export", args=[criteria_set.year])
    sheet = load_workbook(BytesIO(login(client, rita).get(url).content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("Cảnh báo số liệu")
    by_code = {row[0]: row for row in rows[1:]}
    assert by_code["WARN"][column] == 1 and by_code["FINE"][column] is None
