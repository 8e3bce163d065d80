"""Numbers, dates and the language as a person meets them in Chromium (issue 13, items 4 and 5).

A browser that asks for English still gets Vietnamese; the person who picks English in the top
bar gets English until picking Vietnamese again. A score typed "7,5" reads "7,50" everywhere
(form, total, the unit's list); an indicator typed "48" reads "48", never "48,00"; the deadline
is "dd/mm/yyyy".
"""

from pathlib import Path

import pytest

from danvan import formats
from reports.models import AnnualReport
from tests.browser.conftest import log_in_typing, type_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots-numbers")


def test_english_browser_gets_vietnamese_until_english_is_chosen(_playwright, live_server, alice):
    context = _playwright.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    page.base_url = live_server.url
    try:
        log_in_typing(page, "alice")
        assert "Báo cáo hằng năm" in page.locator("nav").inner_text()
        with page.expect_navigation():
            page.select_option("select[name=language]", "en")
        assert "Annual reports" in page.locator("nav").inner_text()
        assert page.locator("html").get_attribute("lang") == "en"
        page.reload()
        assert "Annual reports" in page.locator("nav").inner_text()
        with page.expect_navigation():
            page.select_option("select[name=language]", "vi")
        assert "Báo cáo hằng năm" in page.locator("nav").inner_text()
        assert page.locator("html").get_attribute("lang") == "vi"
    finally:
        context.close()


def test_a_typed_score_and_figure_read_the_vietnamese_way(page, alice, unit_a, criteria_set):
    log_in_typing(page, "alice")
    page.goto(f"{page.base_url}/reports/")
    deadline = formats.short_date(criteria_set.submission_deadline)
    assert deadline in page.locator("main").inner_text()
    page.click(f"text=Bắt đầu báo cáo năm {criteria_set.year}")
    page.wait_for_selector("#report-form")
    report = AnnualReport.objects.get(unit=unit_a)
    first = report.criteria_set.criteria.get(number=1)
    key = f"c{first.pk}-self_score"
    type_in(page, f"#f-{key}", "7,5")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#st-{key}[data-state=saved]")
    assert page.inner_text("#running-total [data-total]") == "7,50"

    indicator = report.indicators.select_related("indicator").order_by("indicator__order")[0]
    field = f"#f-ind-{indicator.indicator.pk}"
    type_in(page, field, "48")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#st-ind-{indicator.indicator.pk}[data-state=saved]")

    page.reload()
    assert page.input_value(f"#f-{key}") == "7,50"
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    main = page.locator("main").inner_text()
    assert "7,50" in main and "7.5" not in main
    row = page.locator("tr", has_text=indicator.indicator.name).first.inner_text()
    assert "48" in row and "48,00" not in row
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "detail-1366.png"), full_page=True)
    page.goto(f"{page.base_url}/reports/")
    assert "7,50" in page.locator("main table").first.inner_text()
