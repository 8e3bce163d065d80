"""A reviewer scores, returns and accepts a report in real Chromium.

The unit's staff opens the returned report's filing form in the browser and reads the review
team's comment there, fixes a criterion on the form, sends it to the head, who resubmits it.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import ReportState
from review import services as review
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.review.factories import submitted_report

pytestmark = pytest.mark.browser


def confirm_dialogs(page):
    page.on("dialog", lambda dialog: dialog.accept())


def swapped(page, card, inside):
    """Wait for `inside` in the card htmx swapped in, once htmx has bound its form.

    htmx binds a swapped-in element's triggers only when it settles (20 ms later, longer on a
    loaded machine) and marks it `htmx-added` until then; a change typed before is not sent.
    """
    page.wait_for_selector(f"#c{card}:not(.htmx-added) {inside}")


def versions_agree(page):
    page.wait_for_function(
        "() => new Set([...document.querySelectorAll('input.js-report-version')]"
        ".map(i => i.value)).size === 1"
    )


@pytest.mark.django_db(transaction=True)
def test_reviewer_scores_returns_and_accepts(page, rita, lena, alice, hana, unit_a, criteria_set):
    report = submitted_report(unit_a, hana, criteria_set)
    review.assign(criteria_set, [unit_a], rita, lena)
    confirm_dialogs(page)
    log_in(page, "rita", PASSWORD)

    page.goto(f"{page.base_url}/review/{criteria_set.year}/")
    assert page.locator("tr[data-unit=SNV] .js-state").inner_text() == "Đã nộp"
    page.click("text=Sở Nội vụ")
    page.click("button:has-text('Bắt đầu thẩm định')")
    page.wait_for_selector("#report-state:has-text('Đang thẩm định')")

    scores = list(report.scores.select_related("criterion"))
    for score in scores:
        field = page.locator(f"#rs-{score.pk}")
        field.fill("7,5")
        field.press("Tab")
        swapped(page, score.pk, ".js-saved")
        versions_agree(page)
    assert page.locator("#review-totals .js-review-total").inner_text() == "67,50"
    assert page.locator("#review-totals .js-review-class").inner_text() == "Trung bình"

    # An invalid score stays in its field with the error, and nothing is saved.
    first = scores[0]
    page.locator(f"#rs-{first.pk}").fill("12")
    page.locator(f"#rs-{first.pk}").press("Tab")
    swapped(page, first.pk, ".js-error")
    assert page.locator(f"#rs-{first.pk}").input_value() == "12"
    page.locator(f"#rs-{first.pk}").fill("7,5")
    page.locator(f"#rs-{first.pk}").press("Tab")
    swapped(page, first.pk, ".js-saved")
    versions_agree(page)

    page.fill("#return-comment", "Đề nghị bổ sung số liệu tiếp công dân")
    page.click("button:has-text('Trả lại để chỉnh sửa')")
    page.wait_for_selector("#report-state:has-text('Trả lại để chỉnh sửa')")

    # The unit's staff reads the comment on the filing form, then corrects and resubmits.
    report.refresh_from_db()
    assert review.unit_review_comments(report)["overall"] == (
        "Đề nghị bổ sung số liệu tiếp công dân"
    )
    page.context.clear_cookies()
    log_in(page, "alice", PASSWORD)
    response = page.goto(page.base_url + reverse("reports:edit", args=[report.pk]))
    assert response.status == 200 and page.locator("#report-form").count() == 1
    # ... and reads the review team's comment on it.
    assert "Đề nghị bổ sung số liệu tiếp công dân" in page.locator("#returned-comment").inner_text()
    # ... fixes criterion 5 on the form (autosaved), and sends it to the head ...
    score5 = report.scores.select_related("criterion").get(criterion__number=5)
    key = f"c{score5.criterion_id}-narrative"
    page.fill(f"#f-{key}", score5.narrative + " Đã tiếp 35 lượt công dân.")
    page.press(f"#f-{key}", "Tab")
    page.wait_for_selector(f"#st-{key}[data-state=saved]")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=Đã trình báo cáo để thủ trưởng ký duyệt.")
    # ... and the head signs it off again.
    page.context.clear_cookies()
    log_in(page, "hana", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Ký duyệt và nộp")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.state == ReportState.RESUBMITTED

    page.context.clear_cookies()
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/review/{criteria_set.year}/")
    assert page.locator("tr[data-unit=SNV] .js-state").inner_text() == "Đã nộp lại"
    page.click("text=Sở Nội vụ")
    page.click("text=Thay đổi so với lần nộp trước")
    assert "Đã tiếp 35 lượt công dân." in page.locator(".js-diff ins").all_inner_texts()[0]
    page.go_back()
    page.click("button:has-text('Bắt đầu thẩm định')")
    page.wait_for_selector("#report-state:has-text('Đang thẩm định')")
    page.click("button:has-text('Chấp nhận')")
    page.wait_for_selector("#report-state:has-text('Đã chấp nhận')")

    page.goto(f"{page.base_url}/review/{criteria_set.year}/")
    row = page.locator("tr[data-unit=SNV]")
    assert row.locator(".js-state").inner_text() == "Đã chấp nhận"
    assert row.locator(".js-review-total").inner_text() == "67,50"
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    assert sum(s.review_score for s in report.scores.all()) == Decimal("67.5")
