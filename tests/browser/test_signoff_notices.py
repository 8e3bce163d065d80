"""A person's sign-off journey in Chromium, typed at a person's speed: the staff send the report
for sign-off, the head is mailed and finds it on the home page, sends it back with a comment,
and the staff are mailed and find the comment on the home page and at the top of the form."""

import pytest
from django.core import mail
from django.urls import reverse

from reports import services
from reports.models import AnnualReport, ReportState
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENT = "Bổ sung số lượt tiếp công dân ở tiêu chí 5."


def type_login(page, username):
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/accounts/login/")
    page.locator("input[name=username]").press_sequentially(username, delay=120)
    page.keyboard.press("Tab")
    page.locator("input[name=password]").press_sequentially(PASSWORD, delay=120)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{page.base_url}/")


def test_staff_send_head_returns_with_a_comment_staff_read_it_on_the_form(
    page, alice, hana, unit_a, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    criterion = criteria_set.criteria.get(number=5)
    key = f"c{criterion.pk}-narrative"

    type_login(page, "alice")
    page.goto(page.base_url + reverse("reports:edit", args=[report.pk]))
    page.locator(f"#f-{key}").press_sequentially("Đã tiếp 35 lượt công dân.", delay=120)
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#st-{key}[data-state=saved]")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=Đã trình báo cáo để thủ trưởng ký duyệt.")
    assert [m.to for m in mail.outbox] == [["hana@example.vn"]]
    assert "đang chờ ký duyệt" in mail.outbox[0].subject

    # The head logs in and finds the report on the home page.
    type_login(page, "hana")
    waiting = page.locator("#waiting")
    assert "Báo cáo chờ ký duyệt" in waiting.inner_text()
    waiting.get_by_role("link", name=f"Báo cáo năm {criteria_set.year}").click()
    page.wait_for_url(page.base_url + reverse("reports:detail", args=[report.pk]))
    page.locator("#send-back-comment").press_sequentially(COMMENT, delay=120)
    page.get_by_role("button", name="Trả lại", exact=True).click()
    page.wait_for_selector("text=Đã trả lại báo cáo cho chuyên viên")
    assert AnnualReport.objects.get(pk=report.pk).state == ReportState.DRAFT
    assert mail.outbox[-1].to == ["alice@example.vn"] and COMMENT in mail.outbox[-1].body
    assert "Báo cáo chờ ký duyệt" not in page.goto(page.base_url + "/").text()

    # The staff find the comment on the home page, then at the top of the form.
    type_login(page, "alice")
    waiting = page.locator("#waiting")
    assert "Báo cáo cần chỉnh sửa" in waiting.inner_text() and COMMENT in waiting.inner_text()
    waiting.get_by_role("link", name=f"Báo cáo năm {criteria_set.year}").first.click()
    page.wait_for_url(page.base_url + reverse("reports:edit", args=[report.pk]))
    top = page.locator("#returned-comment")
    assert COMMENT in top.inner_text() and "Thủ trưởng đơn vị (Hana) trả lại" in top.inner_text()
    assert top.bounding_box()["y"] < page.locator("#general").bounding_box()["y"]
    assert page.input_value(f"#f-{key}") == "Đã tiếp 35 lượt công dân."
