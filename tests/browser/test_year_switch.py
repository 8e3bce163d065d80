"""The admin copies this year's criteria to next year in Chromium, at a person's pace: nobody
moves. Home, the "Thẩm định" menu and the board stay on this year, next year is one click
away on the year switch, and only "Mở nhận báo cáo", confirmed, opens it (issue 13, item 1)."""

from pathlib import Path

import pytest

from criteria.models import CriteriaSet, YearState
from tests.browser.conftest import log_in_typing, type_in
from tests.review.factories import submitted_report

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots-year-rules")


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_copying_to_next_year_moves_nobody_and_the_switch_reaches_it(
    page, adam, hana, unit_a, criteria_set
):
    year, next_year = criteria_set.year, criteria_set.year + 1
    submitted_report(unit_a, hana, criteria_set)
    log_in_typing(page, "adam")

    page.goto(f"{page.base_url}/criteria/{year}/")
    page.click("text=Sao chép sang năm khác")
    page.locator("input[name=year]").fill("")
    type_in(page, "input[name=year]", str(next_year))
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the confirmation box
    page.click("button:has-text('Sao chép')")
    page.wait_for_selector(f"h1:has-text('{next_year}')")
    assert CriteriaSet.objects.get(year=next_year).state == YearState.PREPARED

    page.goto(f"{page.base_url}/")
    assert criteria_set.title in page.locator("main").inner_text()
    shoot(page, "home")
    page.click("nav >> text=Thẩm định")
    page.wait_for_selector(f"h1:has-text('{year}')")
    assert page.url.endswith(f"/review/{year}/")
    assert page.locator("tr[data-unit=SNV]").count() == 1
    shoot(page, "board")

    switch = page.locator("nav.year-switch")
    switch.locator(f"a:has-text('{next_year}')").click()
    page.wait_for_selector(f"h1:has-text('{next_year}')")
    switch.locator(f"a:has-text('{year}')").click()
    page.wait_for_selector(f"h1:has-text('{year}')")

    page.goto(f"{page.base_url}/dashboards/province/")
    assert page.locator("nav.year-switch a[aria-current=page]").inner_text() == str(year)
    shoot(page, "province")

    # Opening next year is asked first: Cancel leaves it prepared, OK opens it.
    page.goto(f"{page.base_url}/criteria/{next_year}/")
    shoot(page, "criteria")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#year-state button:has-text('Mở nhận báo cáo')")
    assert CriteriaSet.objects.get(year=next_year).state == YearState.PREPARED
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#year-state button:has-text('Mở nhận báo cáo')")
    page.wait_for_selector("#year-state .badge:has-text('Đang nhận báo cáo')")
    assert CriteriaSet.objects.get(year=next_year).state == YearState.OPEN
    shoot(page, "criteria-after-open")


@pytest.mark.django_db(transaction=True)
def test_the_unit_switches_to_last_year_and_never_sees_a_prepared_year(
    page, adam, alice, hana, unit_a, criteria_set
):
    from criteria.services import copy_to_year

    year = criteria_set.year
    last_set = copy_to_year(criteria_set, year - 1)
    CriteriaSet.objects.filter(pk=last_set.pk).update(state=YearState.CLASSIFIED)
    submitted_report(unit_a, hana, last_set)
    copy_to_year(criteria_set, year + 1)  # prepared: no unit may see it
    log_in_typing(page, "alice")

    page.click("nav >> text=Báo cáo hằng năm")
    switch = page.locator("nav.year-switch")
    assert switch.locator("a[aria-current=page]").inner_text() == str(year)
    assert switch.locator(f"a:has-text('{year + 1}')").count() == 0
    assert "Chưa bắt đầu" in page.locator("main").inner_text()
    shoot(page, "unit-reports")

    switch.locator(f"a:has-text('{year - 1}')").click()
    page.wait_for_url(f"**/reports/year/{year - 1}/")
    assert page.locator("nav.year-switch a[aria-current=page]").inner_text() == str(year - 1)
    assert last_set.title in page.locator("main").inner_text()
    assert page.locator("main a:has-text('Mở')").count() >= 1
    assert page.goto(f"{page.base_url}/reports/year/{year + 1}/").status == 404
