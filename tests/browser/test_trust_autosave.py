"""Autosave as people meet it: typing at normal speed, a dropped network, a session that ends
while the page stays open, a second tab, someone else saving meanwhile, the review screen."""

import pytest
from django.contrib.sessions.models import Session

from reports import services
from reports.models import CriterionScore
from review import services as review
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.review.factories import submitted_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DELAY = 120  # ms per key, a person typing


def status(page, key):
    return page.locator(f"#st-{key}")


def wait_state(page, key, state, timeout=15000):
    page.wait_for_selector(f"#st-{key}[data-state={state}]", timeout=timeout)


def narrative(report, number):
    return CriterionScore.objects.get(report=report, criterion__number=number).narrative


def open_form(page, report):
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    page.wait_for_selector("#report-form")


def key_of(report, number, field="narrative"):
    criterion = report.criteria_set.criteria.get(number=number)
    return f"c{criterion.pk}-{field}"


def stored(page):
    return page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('danvan:'))"
        ".map(k => [k, JSON.parse(localStorage.getItem(k)).value])"
    )


@pytest.fixture
def draft(alice, unit_a, criteria_set):
    return services.start_report(unit_a, criteria_set, alice)


def test_offline_says_so_retries_and_saves_when_the_network_is_back(page, alice, draft):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    key = key_of(draft, 1)
    field = page.locator(f"#f-{key}")
    field.click()
    page.context.set_offline(True)
    field.press_sequentially("Đã tổ chức hội nghị", delay=DELAY)
    field.press("Tab")
    wait_state(page, key, "offline")
    assert status(page, key).inner_text() == "Chưa lưu — mất kết nối, đang thử lại"
    page.wait_for_timeout(2500)  # retries go on, the text stays, the message stays
    assert field.input_value() == "Đã tổ chức hội nghị"
    assert status(page, key).get_attribute("data-state") == "offline"
    assert narrative(draft, 1) == ""
    assert [v for _k, v in stored(page)] == ["Đã tổ chức hội nghị"]

    page.context.set_offline(False)
    wait_state(page, key, "saved", timeout=40000)
    assert narrative(draft, 1) == "Đã tổ chức hội nghị"
    assert stored(page) == []  # the server has it: nothing left to offer back


def test_expired_session_keeps_the_text_and_saves_after_logging_in_in_another_tab(
    page, alice, draft
):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    key = key_of(draft, 2)
    Session.objects.all().delete()  # over lunch the session ended on the server
    field = page.locator(f"#f-{key}")
    field.click()
    field.press_sequentially("Hoàn thành kế hoạch năm", delay=DELAY)
    field.press("Tab")
    wait_state(page, key, "expired")
    text = status(page, key).inner_text()
    assert text.startswith("Phiên đăng nhập đã hết hạn — đăng nhập lại ở thẻ mới")
    assert page.locator("#report-form input[name=username]").count() == 0  # no login page inside
    assert field.input_value() == "Hoàn thành kế hoạch năm"
    assert narrative(draft, 2) == ""

    other = page.context.new_page()
    other.base_url = page.base_url
    log_in(other, "alice", PASSWORD)
    other.close()
    page.bring_to_front()
    wait_state(page, key, "saved", timeout=20000)
    assert narrative(draft, 2) == "Hoàn thành kế hoạch năm"


def test_lost_cookies_give_the_vietnamese_expiry_message_not_django_403(page, alice, draft):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    key = key_of(draft, 3)
    page.context.clear_cookies()  # the session and the CSRF cookie are gone
    field = page.locator(f"#f-{key}")
    field.click()
    field.press_sequentially("Tiếp công dân", delay=DELAY)
    field.press("Tab")
    wait_state(page, key, "expired")
    body = page.locator("#report-form").inner_text()
    assert "Forbidden" not in body and "CSRF" not in body
    assert "Phiên đăng nhập đã hết hạn" in status(page, key).inner_text()

    other = page.context.new_page()
    other.base_url = page.base_url
    log_in(other, "alice", PASSWORD)
    other.close()
    wait_state(page, key, "saved", timeout=20000)
    assert narrative(draft, 3) == "Tiếp công dân"


def test_unsaved_text_is_offered_back_on_the_next_visit_never_applied_silently(page, alice, draft):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    first, second = key_of(draft, 4), key_of(draft, 5)
    page.context.set_offline(True)
    page.locator(f"#f-{first}").click()
    page.locator(f"#f-{first}").press_sequentially("Bản nháp một", delay=DELAY)
    page.locator(f"#f-{second}").click()  # leaving the field tries to save it
    page.locator(f"#f-{second}").press_sequentially("Bản nháp hai", delay=DELAY)
    page.locator(f"#f-{first}").click()
    wait_state(page, second, "offline")
    base_url, context = page.base_url, page.context
    page.close()  # the tab is closed before the network comes back

    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{base_url}/reports/{draft.pk}/edit/")
    for key, text in ((first, "Bản nháp một"), (second, "Bản nháp hai")):
        wait_state(page, key, "offer")
        assert text in status(page, key).inner_text()
        assert page.locator(f"#f-{key}").input_value() == ""  # offered, not applied
    assert narrative(draft, 4) == "" and narrative(draft, 5) == ""

    status(page, first).get_by_role("button", name="Khôi phục và lưu").click()
    wait_state(page, first, "saved")
    assert narrative(draft, 4) == "Bản nháp một"
    status(page, second).get_by_role("button", name="Bỏ nội dung này").click()
    page.reload()
    assert status(page, second).get_attribute("data-state") is None  # discarded for good
    assert narrative(draft, 5) == ""


def test_a_tab_opened_earlier_conflicts_only_on_fields_changed_since(page, alice, hana, draft):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    criterion_2 = draft.criteria_set.criteria.get(number=2)
    # Meanwhile the head saves criterion 2 from her own browser.
    services.save_criterion(draft, hana, draft.version, criterion_2, {"narrative": "Bản của TT"})
    one, two = key_of(draft, 1), key_of(draft, 2)
    page.locator(f"#f-{one}").click()
    page.locator(f"#f-{one}").press_sequentially("Phần của chuyên viên", delay=DELAY)
    page.locator(f"#f-{one}").press("Tab")
    wait_state(page, one, "saved")  # nobody changed criterion 1: no conflict
    assert narrative(draft, 1) == "Phần của chuyên viên"

    page.locator(f"#f-{two}").click()
    page.locator(f"#f-{two}").press_sequentially("Bản của CV", delay=DELAY)
    page.locator(f"#f-{two}").press("Tab")
    wait_state(page, two, "conflict")
    assert "Người khác đã lưu" in status(page, two).inner_text()
    assert narrative(draft, 2) == "Bản của TT"  # nothing overwritten silently
    status(page, two).get_by_role("button", name="Giữ bản đã lưu").click()
    assert page.locator(f"#f-{two}").input_value() == "Bản của TT"
    assert narrative(draft, 2) == "Bản của TT"


def test_quick_saves_of_one_person_never_conflict(page, alice, draft):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    keys = [key_of(draft, 1), key_of(draft, 1, "self_score"), key_of(draft, 2)]
    texts = ["Nội dung một", "8", "Nội dung hai"]
    for key, text in zip(keys, texts, strict=True):
        page.locator(f"#f-{key}").click()
        page.locator(f"#f-{key}").press_sequentially(text, delay=DELAY)
        page.locator(f"#f-{key}").press("Tab")  # the next field is typed while this one saves
    for key in keys:
        wait_state(page, key, "saved")
    assert page.locator("[data-state=conflict]").count() == 0
    assert narrative(draft, 1) == "Nội dung một" and narrative(draft, 2) == "Nội dung hai"


def test_same_person_in_two_tabs_is_told_so_and_overwrite_works_with_focus_in_the_field(
    page, alice, draft
):
    log_in(page, "alice", PASSWORD)
    open_form(page, draft)
    key = key_of(draft, 3)
    second = page.context.new_page()
    second.goto(page.url)
    second.locator(f"#f-{key}").click()
    second.locator(f"#f-{key}").press_sequentially("Từ thẻ hai", delay=DELAY)
    second.locator(f"#f-{key}").press("Tab")
    wait_state(second, key, "saved")

    page.bring_to_front()
    field = page.locator(f"#f-{key}")
    field.click()
    field.press_sequentially("Từ thẻ một", delay=DELAY)
    field.press("Tab")
    wait_state(page, key, "conflict")
    message = status(page, key).inner_text()
    assert "ở một thẻ khác" in message and "Người khác" not in message
    # The cursor goes back into the field, a few more letters, then the button.
    field.click()
    field.press_sequentially(" và sửa", delay=DELAY)
    status(page, key).get_by_role("button", name="Lưu đè bằng bản của tôi").click()
    wait_state(page, key, "saved")
    assert narrative(draft, 3) == "Từ thẻ một và sửa"


def test_typing_the_comment_while_the_score_saves_loses_no_letter(
    page, rita, lena, hana, unit_a, criteria_set
):
    report = submitted_report(unit_a, hana, criteria_set)
    review.assign(criteria_set, [unit_a], rita, lena)
    services.start_review(report, rita)
    score = report.scores.order_by("criterion__number").first()
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/review/report/{report.pk}/")
    page.locator(f"#rs-{score.pk}").click()
    page.locator(f"#rs-{score.pk}").press_sequentially("7,5", delay=DELAY)
    page.keyboard.press("Tab")  # into the comment while the score's save is on its way
    page.keyboard.type("Thiếu minh chứng", delay=DELAY)
    page.keyboard.press("Tab")
    wait_state(page, f"rc-{score.pk}", "saved")
    assert page.locator(f"#rc-{score.pk}").input_value() == "Thiếu minh chứng"
    assert page.locator(f"#rs-{score.pk}").input_value() == "7,5"
    score.refresh_from_db()
    assert score.review_comment == "Thiếu minh chứng"
    assert str(score.review_score) in ("7.5", "7.50")
