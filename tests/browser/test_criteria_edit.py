import pytest
from django.urls import reverse

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_admin_corrects_a_guidance_text_in_the_browser(page, adam, criteria_set):
    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/criteria/{criteria_set.year}/")
    page.click("a.btn:has-text('Sửa')")
    page.click(".nav-tabs a:has-text('Tiêu chí')")
    page.fill("textarea[name$='-guidance'] >> nth=0", "Chấm theo số văn bản đã triển khai.")
    page.click("form button[type=submit].btn-danger")
    page.wait_for_selector("text=Đã lưu các thay đổi.")
    criterion = criteria_set.criteria.order_by("order").first()
    assert criterion.guidance == "Chấm theo số văn bản đã triển khai."
    for name in ("edit_rules", "edit_indicators", "edit_indicator_rules", "edit_settings"):
        url = reverse(f"criteria:{name}", kwargs={"year": criteria_set.year})
        assert page.goto(page.base_url + url).ok
