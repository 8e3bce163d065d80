"""The admin runs the yearly classification, watches it finish, publishes the decision and
downloads the .docx and the .xlsx."""

import re
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_runs_publishes_and_downloads(page, adam, criteria_set, group_departments):
    for code, total in (("SNV", 96), ("STP", 92), ("STC", 84), ("SYT", 61)):
        accepted_report(
            make_unit(code, group_departments, name=f"Đơn vị {code}"), criteria_set, total
        )
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "adam", PASSWORD)
    page.click("nav >> text=Xếp loại")
    page.click(f"main >> text={criteria_set.year}")
    # The run page shows a progress bar that polls until the run is done, then moves on.
    run_page = re.compile(r".*/ratings/runs/\d+/$")
    polls = []

    def record_poll(route):
        response = route.fetch()
        polls.append(response.json())
        route.fulfill(response=response)

    page.route("**/progress/", record_poll)
    with page.expect_response(lambda r: run_page.match(r.url)) as watched:
        page.click("#start-run")
    assert '<progress id="run-progress"' in watched.value.text()
    year_url = re.compile(rf".*/ratings/{criteria_set.year}/$")
    page.wait_for_url(year_url)
    assert polls[-1]["finished"] and polls[-1]["done"] == polls[-1]["total"] == 4
    page.wait_for_function("() => window.Chart && Chart.getChart('class-chart')")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == 4
    assert "Xuất sắc" in rows.nth(0).inner_text()
    assert "bị giới hạn tỷ lệ" in rows.nth(1).inner_text()
    assert "Trung bình" in rows.nth(3).inner_text()

    page.click("#publish-run")
    page.fill("input[name=number]", "215/QĐ-UBND")
    page.fill("input[name=place]", "Đồng Nai")
    page.fill("input[name=signer_name]", "Nguyễn Văn An")
    page.click("#publish-preview")
    page.check("input[name=final]")
    page.click("#publish-confirm")
    page.wait_for_url(year_url)
    assert "215/QĐ-UBND" in page.inner_text("main")

    with page.expect_download() as download:
        page.click("a.decision-docx")
    document = Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "QUYẾT ĐỊNH" in text and "Đơn vị SNV" in "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    assert "Điểm từng tiêu chí" in book.sheetnames
