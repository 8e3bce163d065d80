"""An anonymous reader on a phone, with JavaScript off, finds a commune's class."""

import pytest

from tests.public.test_public_results import published  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(_playwright, live_server):
    context = _playwright.new_context(
        locale="vi-VN", viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def not_wider_than_the_screen(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_a_reader_finds_a_commune_from_the_login_page(phone, published):  # noqa: F811
    page = phone
    page.goto(f"{page.base_url}/accounts/login/")
    page.click("text=Kết quả đánh giá, xếp loại đã công bố")
    assert not_wider_than_the_screen(page)
    page.click(f"text=Năm {published.year}")
    assert "Quyết định số 125/QĐ-UBND ngày 28/12/2026" in page.inner_text("main")
    assert "Tổng điểm" in page.inner_text("thead")
    assert not_wider_than_the_screen(page)
    page.locator("#q").click()
    page.locator("#q").press_sequentially("dong hoa", delay=120)
    page.keyboard.press("Enter")
    page.wait_for_url("**q=dong+hoa")
    rows = page.locator("tbody tr")
    assert rows.count() == 1 and "Xã Đông Hòa" in rows.inner_text()
    page.click("text=Xã Đông Hòa")
    assert "Xã Đông Hòa" in page.inner_text("h1")
    assert "Xuất sắc" in page.inner_text("table")
    assert not_wider_than_the_screen(page)
    page.screenshot(path="/tmp/shots/public-unit-390.png", full_page=True)
