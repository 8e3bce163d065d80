"""What the eye sees of a save, an invalid value and an upload, assistive technology hears too.

A screen-reader user must learn that a score was refused and why (the field is aria-invalid and
described by the message), and that a save or an upload worked (the page's live region says so).
"""

import pytest

from reports.models import AnnualReport
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def announced(page, text):
    page.wait_for_function(
        "t => document.getElementById('announcer').textContent.includes(t)", arg=text
    )


def test_refused_score_is_tied_to_its_field_and_results_are_announced(
    page, alice, unit_a, criteria_set
):
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/")
    page.click(f"text=Bắt đầu báo cáo năm {criteria_set.year}")
    page.wait_for_selector("#report-form")
    report = AnnualReport.objects.get(unit=unit_a)
    first = report.criteria_set.criteria.get(number=1)
    score = f"#f-c{first.pk}-self_score"
    status = f"st-c{first.pk}-self_score"

    page.click(score)
    page.keyboard.type("7,3", delay=120)
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#{status}[data-state=error]")
    assert page.get_attribute(score, "aria-invalid") == "true"
    assert status in page.get_attribute(score, "aria-describedby").split()
    message = page.inner_text(f"#{status}")
    assert "0,25" in message
    announced(page, "0,25")

    page.fill(score, "")
    page.click(score)
    page.keyboard.type("9,5", delay=120)
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#{status}[data-state=saved]")
    assert page.get_attribute(score, "aria-invalid") is None
    announced(page, "Đã lưu lúc")

    block = f"#ev-{first.pk}"
    page.set_input_files(
        f"{block} input[type=file]",
        files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click(f"{block} button[type=submit]")
    page.wait_for_selector(f"{block} a:has-text('bien-ban.pdf')")
    announced(page, "1 tệp")
