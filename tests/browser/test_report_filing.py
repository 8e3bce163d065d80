"""A unit files its report in Chromium: staff write, reload, upload, send; the head submits."""

from decimal import Decimal

import pytest

from reports.models import AnnualReport, ReportState
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def wait_saved(page, key):
    page.wait_for_selector(f"#st-{key}[data-state=saved]")


def test_staff_fill_reload_upload_send_and_head_submits(page, alice, hana, unit_a, criteria_set):
    errors = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/")
    page.click(f"text=Bắt đầu báo cáo năm {criteria_set.year}")
    page.wait_for_selector("#report-form")
    report = AnnualReport.objects.get(unit=unit_a)
    first, second = (report.criteria_set.criteria.get(number=n) for n in (1, 2))
    c1, c2 = f"c{first.pk}-", f"c{second.pk}-"

    page.fill(f"#f-{c1}narrative", "Đã tổ chức 3 hội nghị quán triệt.")
    page.fill(f"#f-{c1}self_score", "7,3")
    page.press(f"#f-{c1}self_score", "Tab")
    page.wait_for_selector(f"#st-{c1}self_score[data-state=error]")
    assert "0,25" in page.inner_text(f"#st-{c1}self_score")
    assert page.input_value(f"#f-{c1}self_score") == "7,3"
    page.fill(f"#f-{c1}self_score", "9,5")
    page.press(f"#f-{c1}self_score", "Tab")
    wait_saved(page, f"{c1}self_score")
    wait_saved(page, f"{c1}narrative")
    page.fill(f"#f-{c2}narrative", "Hoàn thành 100% nhiệm vụ chuyên môn.")
    page.fill(f"#f-{c2}self_score", "14")
    page.press(f"#f-{c2}self_score", "Tab")
    wait_saved(page, f"{c2}self_score")
    wait_saved(page, f"{c2}narrative")
    assert "Đã lưu lúc" in page.inner_text("#save-state")
    assert "23,5" in page.inner_text("#running-total")

    page.reload()
    assert page.input_value(f"#f-{c1}narrative") == "Đã tổ chức 3 hội nghị quán triệt."
    assert page.input_value(f"#f-{c1}self_score") == "9,50"
    assert page.input_value(f"#f-{c2}narrative") == "Hoàn thành 100% nhiệm vụ chuyên môn."

    block = f"#ev-{first.pk}"
    page.set_input_files(
        f"{block} input[type=file]",
        files=[{"name": "bien-ban-hoi-nghi.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click(f"{block} button[type=submit]")
    page.wait_for_selector(f"{block} a:has-text('bien-ban-hoi-nghi.pdf')")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=Đã trình báo cáo để thủ trưởng ký duyệt.")
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGNOFF

    # The other criteria and the required parts, as if the staff had written them too.
    report.general_situation = "Tình hình chung."
    report.save()
    report.scores.filter(narrative="").update(narrative="Đã thực hiện.", self_score=Decimal("8"))
    report.indicators.filter(indicator__required=True).update(value=10)

    page.context.clear_cookies()
    log_in(page, "hana", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Ký duyệt và nộp")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    page.goto(f"{page.base_url}/reports/")
    assert "Đã nộp" in page.inner_text("table")
    # No blocked inline code (CSP) and no script error (failed loads are the favicon and the
    # refused score's 422).
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def test_a_stale_save_shows_both_versions_and_can_be_kept(page, alice, hana, unit_a, criteria_set):
    from reports import services

    report = services.start_report(unit_a, criteria_set, alice)
    criterion = criteria_set.criteria.get(number=4)
    key = f"c{criterion.pk}-narrative"
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    # Meanwhile the head saves the same criterion from another browser.
    services.save_criterion(
        report, hana, report.version, criterion, {"narrative": "Bản của thủ trưởng"}
    )
    page.fill(f"#f-{key}", "Bản của chuyên viên")
    page.press(f"#f-{key}", "Tab")
    page.wait_for_selector(f"#st-{key} .conflict")
    assert page.inner_text(f"#st-{key} .conflict-mine") == "Bản của chuyên viên"
    assert page.inner_text(f"#st-{key} .conflict-saved") == "Bản của thủ trưởng"
    assert report.scores.get(criterion=criterion).narrative == "Bản của thủ trưởng"
    page.click(f"#st-{key} button:has-text('Lưu đè bằng bản của tôi')")
    wait_saved(page, key)
    assert report.scores.get(criterion=criterion).narrative == "Bản của chuyên viên"
