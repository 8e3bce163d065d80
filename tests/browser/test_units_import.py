import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD, ensure_reference_data
from tests.units_import.files import SAMPLE
from units.models import Unit

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_imports_the_sample_file_through_the_page(page, adam):
    ensure_reference_data()
    log_in(page, "adam", PASSWORD)
    page.click("text=Đơn vị")
    page.click("text=Nhập / Xuất Excel")
    page.set_input_files("input[name=file]", SAMPLE)
    page.click("button:has-text('Tải lên và kiểm tra')")
    page.wait_for_selector("text=Xác nhận nhập dữ liệu")
    assert "48 đơn vị mới" in page.content()
    assert Unit.objects.count() == 0

    page.click("button:has-text('Xác nhận nhập dữ liệu')")
    page.wait_for_selector("text=Đã nhập xong")
    page.click("text=Xem danh sách đơn vị")
    page.wait_for_selector("text=Sở Nội vụ")
    assert page.locator("h1 .badge").inner_text() == "48"
    assert "Sở Tài chính" in page.content()
    assert Unit.objects.count() == 48
