"""Cancel in a confirmation dialog stops the step, whether the form is sent by htmx or not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports import services
from reports.models import Evidence, ReportState
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_cancel_on_delete_evidence_keeps_the_file_and_ok_deletes_it(
    page, alice, unit_a, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    criterion = criteria_set.criteria.get(number=1)
    services.add_evidence(
        report, alice, SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf"), criterion
    )
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    block = page.locator(f"#ev-{criterion.pk}")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    block.get_by_role("button", name="Xóa").click()
    page.wait_for_timeout(1500)  # time for a request that must not be sent
    assert dialogs == ["Xóa tệp này?"]
    assert Evidence.objects.filter(report=report).count() == 1
    assert block.locator("a:has-text('bien-ban.pdf')").is_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    block.get_by_role("button", name="Xóa").click()
    page.wait_for_selector(f"#ev-{criterion.pk} >> text=Chưa có tệp nào.")
    assert Evidence.objects.filter(report=report).count() == 0
    assert len(dialogs) == 1  # one dialog per click, not two


def test_cancel_on_send_to_head_keeps_the_draft(page, alice, unit_a, criteria_set):
    report = services.start_report(unit_a, criteria_set, alice)
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#send button[type=submit]")
    page.wait_for_timeout(1000)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert page.url.endswith(f"/reports/{report.pk}/edit/")


def test_a_delete_after_the_session_ended_draws_no_login_page_and_says_why(
    page, alice, unit_a, criteria_set
):
    from django.contrib.sessions.models import Session

    report = services.start_report(unit_a, criteria_set, alice)
    criterion = criteria_set.criteria.get(number=2)
    services.add_evidence(
        report, alice, SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf"), criterion
    )
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    Session.objects.all().delete()
    block = page.locator(f"#ev-{criterion.pk}")
    page.once("dialog", lambda dialog: dialog.accept())
    block.get_by_role("button", name="Xóa").click()
    warning = page.locator(".js-request-warning")
    warning.wait_for()
    assert "Phiên đăng nhập đã hết hạn" in warning.inner_text()
    assert page.locator("#report-form input[name=username]").count() == 0
    assert block.locator("a:has-text('ke-hoach.pdf')").is_visible()
    assert Evidence.objects.filter(report=report).count() == 1
