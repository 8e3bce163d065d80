"""Issue 14, items 2 and 3 as a person meets them: a narrative past its maximum is refused next
to the field with the count and stays in the box; an error page is the portal's, in Vietnamese."""

import pytest

from danvan import limits
from reports import services
from reports.models import CriterionScore
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots-security"


def test_a_narrative_past_its_maximum_is_refused_next_to_the_field_and_kept(
    page, alice, unit_a, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    criterion = report.criteria_set.criteria.get(number=1)
    key = f"c{criterion.pk}-narrative"
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    field = page.locator(f"#f-{key}")
    field.scroll_into_view_if_needed()
    # A long text pasted in (fill stands for the paste), then a few words typed by hand.
    field.fill("a" * limits.NARRATIVE)
    field.press("End")
    field.press_sequentially(" thêm", delay=120)
    page.wait_for_selector(f"#st-{key}[data-state=error]", timeout=15000)
    message = page.locator(f"#st-{key}").inner_text()
    assert "Tối đa 20.000 ký tự (đã nhập 20.005)" in message
    assert (
        page.locator(f"#count-f-{key}").inner_text() == "quá 5 ký tự: rút ngắn nội dung để lưu được"
    )
    assert field.input_value().endswith(" thêm")
    assert len(field.input_value()) == limits.NARRATIVE + 5
    assert CriterionScore.objects.get(report=report, criterion=criterion).narrative == ""
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        page.locator("#criterion-1").screenshot(path=f"{SHOTS}/narrative-too-long-{width}.png")
    # Shortened again, it saves.
    field.press("Backspace")
    field.press("Backspace")
    field.press("Backspace")
    field.press("Backspace")
    field.press("Backspace")
    page.wait_for_selector(f"#st-{key}[data-state=saved]", timeout=15000)
    assert page.locator(f"#count-f-{key}").inner_text() == "còn 0 ký tự"
    saved = CriterionScore.objects.get(report=report, criterion=criterion).narrative
    assert len(saved) == limits.NARRATIVE


def test_a_refusal_in_plain_text_is_said_next_to_the_field_and_the_text_kept(
    page, alice, unit_a, unit_b, criteria_set
):
    """The server's short message (here 404: alice was moved to another unit while the form
    stayed open) appears next to the field; what was typed stays in the box and the browser."""
    report = services.start_report(unit_a, criteria_set, alice)
    criterion = report.criteria_set.criteria.get(number=1)
    key = f"c{criterion.pk}-narrative"
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    alice.unit = unit_b
    alice.save()
    field = page.locator(f"#f-{key}")
    field.press_sequentially("Đã tổ chức hội nghị", delay=120)
    field.press("Tab")
    page.wait_for_selector(f"#st-{key}[data-state=error]", timeout=15000)
    assert page.locator(f"#st-{key}").inner_text() == "Không tìm thấy trang."
    assert field.input_value() == "Đã tổ chức hội nghị"
    kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('danvan:'))")
    assert kept
    assert "<" not in page.locator(f"#st-{key}").inner_html()
    page.locator("#criterion-1").screenshot(path=f"{SHOTS}/autosave-refusal-1366.png")


def test_a_missing_page_is_the_portals_in_vietnamese(page, alice):
    log_in(page, "alice", PASSWORD)
    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(f"{page.base_url}/reports/999999/")
        assert response.status == 404
        assert "Không tìm thấy trang" in page.inner_text("body")
        page.screenshot(path=f"{SHOTS}/404-{width}.png")
        response = page.goto(f"{page.base_url}/units/import/1/confirm/")
        assert response.status in (405, 403)
        page.screenshot(path=f"{SHOTS}/405-{width}.png")
