from datetime import date

import pytest

from campaigns.models import DanVanModel
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_unit_registers_a_model_and_the_ban_dan_van_recognises_it(page, alice, rita):
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/campaigns/models/new/")
    page.fill("input[name=name]", "Dân vận khéo trong chuyển đổi số")
    page.select_option("select[name=field]", "political_system")
    page.fill("textarea[name=results]", "Người dân làm thủ tục trực tuyến tăng 40%")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#model-status")
    assert page.inner_text("#model-status") == "Đã đăng ký"
    page.click("text=Bắt đầu thực hiện")
    page.wait_for_selector("#model-status:has-text('Đang thực hiện')")

    page.context.clear_cookies()
    log_in(page, "rita", PASSWORD)
    model = DanVanModel.objects.get()
    page.goto(f"{page.base_url}/campaigns/models/{model.pk}/")
    page.click("text=Ghi nhận đã đánh giá")
    page.wait_for_selector("#model-status:has-text('Đã đánh giá')")
    page.click("a:has-text('Công nhận')")
    page.select_option("select[name=level]", "province")
    page.fill("input[name=decided_on]", date.today().isoformat())
    page.fill("input[name=decision]", "215/QĐ-BDVTU")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#model-status:has-text('Được công nhận')")
    assert page.inner_text("#model-status") == "Được công nhận · Cấp tỉnh"
    assert "215/QĐ-BDVTU" in page.content()

    page.goto(f"{page.base_url}/campaigns/models/?level=province")
    row = page.locator("tr", has_text="Dân vận khéo trong chuyển đổi số")
    assert "Cấp tỉnh" in row.inner_text()
    model.refresh_from_db()
    assert (model.status, model.recognition_level) == ("recognised", "province")
