"""The admin publishes the decision as a person would: the prefilled "/QĐ-UBND" is refused
in Vietnamese with everything typed kept, the first page is previewed, going back keeps the
fields, and only ticking "this is final" on the confirmation page publishes (issue 12,
item 6)."""

import pytest

from ratings import services
from ratings.models import Decision
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.browser
KEY_DELAY = 120


def type_into(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.press("Control+a")
    field.press("Backspace")
    field.type(text, delay=KEY_DELAY)
    field.press("Tab")


@pytest.mark.django_db(transaction=True)
def test_publishing_refuses_the_prefilled_number_previews_and_asks_for_confirmation(
    page, adam, criteria_set, group_departments
):
    for code, total in (("SNV", 96), ("STP", 84)):
        accepted_report(make_unit(code, group_departments, f"Sở {code}"), criteria_set, total)
    run = services.run_now(criteria_set.year)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/ratings/{criteria_set.year}/")
    page.click("#publish-run")

    # The number is left as prefilled; the signer is typed; the admin asks for the preview.
    assert page.input_value("input[name=number]") == "/QĐ-UBND"
    type_into(page, "input[name=signer_name]", "Nguyễn Văn An")
    type_into(page, "input[name=place]", "Đồng Nai")
    page.click("#publish-preview")
    page.wait_for_load_state()
    main = page.inner_text("main")
    assert "Hãy ghi số của quyết định trước ký hiệu, ví dụ 125/QĐ-UBND" in main
    assert page.input_value("input[name=signer_name]") == "Nguyễn Văn An"
    assert page.input_value("input[name=place]") == "Đồng Nai"
    assert not Decision.objects.exists()

    type_into(page, "input[name=number]", "215/QĐ-UBND")
    page.click("#publish-preview")
    page.wait_for_selector("#decision-preview")
    preview = page.inner_text("#decision-preview")
    assert "Số: 215/QĐ-UBND" in preview and "Nguyễn Văn An" in preview
    assert "Đồng Nai, ngày" in preview and "QUYẾT ĐỊNH" in preview
    assert "Đây là bước cuối cùng." in page.inner_text("#publish-final-warning")
    assert not Decision.objects.exists()

    # Going back to correct the signer keeps the number typed before.
    page.click("#publish-edit")
    page.wait_for_selector("input[name=number]")
    assert page.input_value("input[name=number]") == "215/QĐ-UBND"
    type_into(page, "input[name=signer_name]", "Trần Thị Bình")
    page.click("#publish-preview")
    page.wait_for_selector("#decision-preview")
    assert "Trần Thị Bình" in page.inner_text("#preview-signer")

    # Publishing without ticking the box publishes nothing and says why.
    page.click("#publish-confirm")
    page.wait_for_selector("#decision-preview")
    assert "Hãy đánh dấu vào ô xác nhận" in page.inner_text("main")
    assert not Decision.objects.exists()

    page.check("input[name=final]")
    page.click("#publish-confirm")
    page.wait_for_url(f"**/ratings/{criteria_set.year}/")
    assert "215/QĐ-UBND" in page.inner_text("main")
    decision = Decision.objects.get()
    assert (decision.run_id, decision.number, decision.signer_name) == (
        run.pk,
        "215/QĐ-UBND",
        "Trần Thị Bình",
    )
    assert dialogs == [], "the confirmation is a page, not a browser dialog"
