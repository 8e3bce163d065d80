"""In Chromium: an invited person opens the mailed link, sets a password and logs in."""

import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.people.conftest import link_in

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Dan-van-kheo-2026"


@pytest.mark.django_db(transaction=True)
def test_head_invites_staff_who_sets_a_password_and_logs_in(page, hana, mailoutbox, settings):
    settings.SITE_URL = page.base_url
    log_in(page, "hana", PASSWORD)
    page.click("text=Người dùng")
    page.click("text=Mời người dùng")
    page.fill("input[name=full_name]", "Võ Thị Lan")
    page.fill("input[name=email]", "lan@example.vn")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã mời")
    assert len(mailoutbox) == 1
    link = link_in(mailoutbox[0].body)
    page.context.clear_cookies()
    page.goto(link)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đặt mật khẩu")
    log_in(page, "lan@example.vn", NEW_PASSWORD)
    assert "Võ Thị Lan" in page.content()
    page.goto(link)
    assert "Liên kết mời không còn hiệu lực" in page.content()
