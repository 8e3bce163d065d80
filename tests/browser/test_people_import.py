"""In Chromium: the admin imports a people list, and one of the new people opens the mailed
invitation link, sets a password and logs in."""

import pytest

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.people.conftest import link_in
from tests.people.files import people_xlsx, person

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Dan-van-kheo-2026"


@pytest.mark.django_db(transaction=True)
def test_admin_imports_people_and_an_invited_person_logs_in(
    page, adam, unit_a, mailoutbox, settings, tmp_path
):
    settings.SITE_URL = page.base_url
    rows = [
        person("Nguyễn Thị Mai", "mai@snv.example.vn", "SNV", "Cán bộ đơn vị"),
        person("Lê Thu Hà", "ha@bandanvan.example.vn", "", "Thành viên thẩm định"),
    ]
    path = tmp_path / "danh-sach-nguoi-dung.xlsx"
    path.write_bytes(people_xlsx(rows))

    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/people/")
    page.click("main >> text=Nhập người dùng")
    page.set_input_files("input[name=file]", str(path))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=2 tài khoản mới")
    page.click("button[value=confirm]")
    page.wait_for_selector("text=Đã nhập xong")
    assert sorted(m.to[0] for m in mailoutbox) == ["ha@bandanvan.example.vn", "mai@snv.example.vn"]

    mail = next(m for m in mailoutbox if m.to == ["mai@snv.example.vn"])
    page.context.clear_cookies()
    page.goto(link_in(mail.body))
    assert "mai@snv.example.vn" in page.content()
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_selector("text=Đã đặt mật khẩu")
    log_in(page, "mai@snv.example.vn", NEW_PASSWORD)
    assert "Nguyễn Thị Mai" in page.content()
    assert "/accounts/login/" not in page.url
