"""Issue 16 in the browser: the admin downloads a Word template, changes it in "Word", uploads
a broken one (refused, in Vietnamese, nothing changes), then a good one (the next document
uses it); the period report's issuer is chosen on its page and its template follows."""

import io
from pathlib import Path

import pytest
from docx import Document

from campaigns.models import CampaignPeriod, PeriodKind
from documents.models import TemplateVersion
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.documents.test_uploads import changed

pytestmark = pytest.mark.browser
SHOTS = Path("/tmp/shots-documents")


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_admin_replaces_a_template_and_a_broken_one_is_refused(page, adam, tmp_path):
    dialogs = []
    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/documents/")
    section = page.locator("#template-report")
    assert "mẫu mặc định của cổng" in section.inner_text()
    with page.expect_download() as download:
        section.locator(".template-download").click()
    template = Path(download.value.path()).read_bytes()

    broken = tmp_path / "hong.docx"
    broken.write_bytes(changed(template, "Phần thứ nhất", "{%p for item in legal_bases %}"))
    section.locator("input[type=file]").set_input_files(str(broken))
    section.locator("button[type=submit]", has_text="Tải lên").click()
    page.wait_for_load_state()
    alert = page.locator(".alert-danger, .alert-error").first.inner_text()
    assert "bị từ chối, mẫu đang áp dụng được giữ nguyên" in alert
    assert "Một thẻ của mẫu viết sai" in alert
    assert not TemplateVersion.objects.exists()
    shoot(page, "templates-refused")

    good = tmp_path / "bao-cao-tinh.docx"
    good.write_bytes(changed(template, "Phần thứ nhất", "PHẦN MỘT: KẾT QUẢ"))
    section = page.locator("#template-report")
    section.locator("input[type=file]").set_input_files(str(good))
    section.locator("button[type=submit]", has_text="Tải lên").click()
    page.wait_for_load_state()
    section = page.locator("#template-report")
    assert "Đang áp dụng: phiên bản 1, do" in section.inner_text()
    assert "bao-cao-tinh.docx" in section.inner_text()
    shoot(page, "templates-uploaded")

    # Back to the default: Cancel on the confirmation keeps version 1 in force.
    page.once("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    section.get_by_role("button", name="Trở lại mẫu mặc định").click()
    assert dialogs and TemplateVersion.objects.in_force("report").version == 1

    page.goto(f"{page.base_url}/documents/report/variables/")
    assert "signer_lines" in page.inner_text("#variables")
    shoot(page, "templates-variables")


@pytest.mark.django_db(transaction=True)
def test_the_period_report_follows_the_issuer_chosen_on_its_page(page, rita):
    period = CampaignPeriod.objects.create(
        code="p", name="Sơ kết", kind=PeriodKind.INTERIM, start_year=2024, end_year=2026
    )
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/dashboards/period/{period.pk}/")
    shoot(page, "period-report-form")
    texts = {}
    for issuer in ("party", "state"):
        page.select_option("#period-report-form select[name=issuer]", issuer)
        with page.expect_download() as download:
            page.click("#period-full-docx")
        document = Document(io.BytesIO(Path(download.value.path()).read_bytes()))
        cells = document.tables[0].rows[0].cells
        texts[issuer] = "\n".join(c.text for c in cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in texts["party"] and "BAN DÂN VẬN" in texts["party"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts["state"]
    assert "ĐẢNG CỘNG SẢN" not in texts["state"]


@pytest.mark.django_db(transaction=True)
def test_the_signing_form_chosen_on_the_publish_form_sets_the_authority_line(
    page, adam, criteria_set, group_departments
):
    from ratings import services
    from tests.ratings.factories import accepted_report, make_unit

    accepted_report(make_unit("SNV", group_departments, "Sở Nội vụ"), criteria_set, 96)
    run = services.run_now(criteria_set.year)
    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/ratings/runs/{run.pk}/publish/")
    page.locator("input[name=number]").fill("")
    page.locator("input[name=number]").press_sequentially("215/QĐ-UBND", delay=120)
    page.locator("input[name=place]").fill("Đồng Nai")
    page.locator("input[name=issuing_body]").fill("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI")
    page.locator("input[name=signer_name]").press_sequentially("Trần Văn Phó", delay=120)
    page.select_option("select[name=signing_form]", "kt")
    page.locator("input[name=signer_title]").fill("PHÓ CHỦ TỊCH")
    shoot(page, "publish-form")
    page.click("#publish-preview")
    page.wait_for_selector("#decision-preview")
    assert page.inner_text("#preview-authority") == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    signer = page.inner_text("#preview-signer").split("\n")
    assert [line for line in signer if line.strip()] == [
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Phó",
    ]
    shoot(page, "publish-preview")
