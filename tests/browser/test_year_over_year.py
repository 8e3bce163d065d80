"""A reviewer compares a criterion with last year's on the review screen."""

import pytest

from reports import services
from review import services as review
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.reports.test_year_over_year import LAST_TEXT, last_year  # noqa: F401  (fixture)
from tests.review.factories import submitted_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewer_opens_last_years_text_and_sees_the_copy(
    page,
    rita,
    lena,
    hana,
    unit_a,
    criteria_set,
    last_year,  # noqa: F811
):
    report = submitted_report(unit_a, hana, criteria_set)
    report.scores.filter(criterion__number=1).update(
        narrative=LAST_TEXT.replace("ba hội nghị", "bốn hội nghị")
    )
    review.assign(criteria_set, [unit_a], rita, lena)
    services.start_review(report, rita)
    score = report.scores.get(criterion__number=1)
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/review/report/{report.pk}/")
    card = page.locator(f"#c{score.pk}")
    assert card.locator(".js-nearly-same").inner_text() == "gần như giống năm trước"
    diff = card.locator(".last-year .js-diff")
    assert not diff.is_visible()
    card.get_by_text("Nội dung năm trước và phần thay đổi").click()
    assert diff.is_visible()
    assert diff.locator("del").inner_text() == "ba"
    assert diff.locator("ins").inner_text() == "bốn"
    card.screenshot(path="/tmp/shots/review-last-year-1366.png")
    page.set_viewport_size({"width": 390, "height": 844})
    card.screenshot(path="/tmp/shots/review-last-year-390.png")
