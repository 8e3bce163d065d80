"""After the lead reopens an accepted report, the admin opening the run sees, and can read,
that it is out of date, and is not offered to publish it (issue 12, item 7)."""

import pytest

from ratings import services
from reports import services as report_services
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_a_reopened_report_marks_the_run_out_of_date_in_the_browser(
    page, adam, lena, criteria_set, group_departments
):
    reports = {
        code: accepted_report(make_unit(code, group_departments, f"Sở {code}"), criteria_set, total)
        for code, total in (("SNV", 96), ("STP", 84))
    }
    run = services.run_now(criteria_set.year)
    report_services.reopen(reports["STP"], lena, "Sai điểm tiêu chí 2")

    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/ratings/runs/{run.pk}/")
    page.wait_for_timeout(2000)  # the time a person takes to start reading
    assert page.url.endswith(f"/ratings/runs/{run.pk}/"), "the page must stay to be read"
    warning = page.locator("#run-out-of-date")
    assert warning.is_visible()
    assert "Kết quả này đã cũ" in warning.inner_text() and "Sở STP" in warning.inner_text()

    page.click("text=Quay lại kết quả")
    page.wait_for_url(f"**/ratings/{criteria_set.year}/")
    assert page.locator("#run-out-of-date").is_visible()
    assert page.locator("#publish-run").count() == 0
