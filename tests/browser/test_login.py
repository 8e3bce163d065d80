import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_admin_logs_in_and_sees_the_unit_list(page, adam, unit_a, transactional_db):
    log_in(page, "adam", PASSWORD)
    page.click("text=Đơn vị")
    page.wait_for_selector("text=Sở Nội vụ")
    assert "Sở Nội vụ" in page.content()
