"""Browser tests drive Debian's Chromium through Playwright; nothing downloads a browser."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def _playwright():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    # Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself
    # are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright, live_server):
    context = _playwright.new_context(locale="vi-VN", accept_downloads=True)
    context.set_default_timeout(15000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username, password):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def type_in(page, selector, text):
    """Click into a field and type as a person does, a key every 120 ms."""
    field = page.locator(selector)
    field.click()
    field.press_sequentially(text, delay=120)


def log_in_typing(page, username, password=None):
    """Log in as a person does: type the name, Tab, type the password, Enter."""
    from tests.conftest import PASSWORD

    page.goto(f"{page.base_url}/accounts/login/")
    type_in(page, "input[name=username]", username)
    page.keyboard.press("Tab")
    page.keyboard.type(password or PASSWORD, delay=120)
    with page.expect_navigation():
        page.keyboard.press("Enter")
