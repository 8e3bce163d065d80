"""Contradicting figures, as a unit and a reviewer meet them in the browser."""

import pytest

from reports import services
from reports.models import AnnualReport, ReportState
from review import services as review
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.reports.conftest import complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# The default set's petition rule in words (criteria/defaults.py RULES).
RULE = "Số đơn thư tiếp nhận bằng tổng của số đơn đã giải quyết"


def test_staff_sees_the_mark_head_explains_reviewer_reads(
    page, alice, hana, rita, lena, unit_a, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    complete(report)
    received = report.indicators.get(indicator__code="petitions_received").indicator
    resolved = report.indicators.get(indicator__code="petitions_resolved").indicator
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    for indicator, text in ((received, "1"), (resolved, "50")):
        field = page.locator(f"#f-ind-{indicator.pk}")
        field.click()
        field.fill("")
        field.press_sequentially(text, delay=120)
        field.press("Tab")
        page.wait_for_selector(f"#st-ind-{indicator.pk}[data-state=saved]")
    mark = page.locator("#iw-petitions_resolved")
    assert RULE in mark.inner_text()  # beside the field, not only at the top
    assert RULE in page.locator("#iw-petitions_received").inner_text()
    assert page.locator("#iw-tthc_published").inner_text() == ""
    assert page.locator("#iw-petitions_archived").inner_text() == ""  # blank: not marked
    page.locator("#indicators").screenshot(path="/tmp/shots/indicator-marks-1366.png")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=Đã trình báo cáo để thủ trưởng ký duyệt.")

    page.context.clear_cookies()
    log_in(page, "hana", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    assert RULE in page.inner_text("#open-warnings")
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    page.click("text=Ký duyệt và nộp")  # the explanation is still empty: the form says so
    page.wait_for_timeout(500)
    assert dialogs == []
    assert AnnualReport.objects.get(pk=report.pk).state == ReportState.AWAITING_SIGNOFF
    explain = page.locator("#open-warnings textarea")
    explain.click()
    explain.press_sequentially("Có 49 đơn của năm trước chuyển sang.", delay=120)
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#open-warnings").screenshot(path="/tmp/shots/open-warnings-390.png")
    page.click("text=Ký duyệt và nộp")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and len(dialogs) == 1

    review.assign(criteria_set, [unit_a], rita, lena)
    page.context.clear_cookies()
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/review/{criteria_set.year}/")
    page.check("#id_warnings")
    page.locator("form[method=get] button[type=submit]").first.click()
    page.wait_for_url("**warnings=on**")
    assert page.locator("tr[data-unit=SNV] .js-has-warnings").count() == 1
    page.click("text=Sở Nội vụ")
    score = report.scores.get(criterion__number=5)
    note = page.locator(f"#c{score.pk} .js-warning-note")
    assert "Có 49 đơn của năm trước chuyển sang." in note.inner_text()
    page.locator(f"#c{score.pk}").screenshot(path="/tmp/shots/warning-note-390.png")
