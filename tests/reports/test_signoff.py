"""Sign-off and submission through the real views: staff send, the head sends back or submits."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import AnnualReport, Evidence, ReportState
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db


def post(client, name, report, data=None):
    return client.post(reverse(f"reports:{name}", args=[report.pk]), data or {})


def state_of(report):
    return AnnualReport.objects.get(pk=report.pk).state


def test_staff_send_to_head_and_head_submits(client, report, alice, hana):
    complete(report)
    login(client, alice)
    response = post(client, "send_to_head", report)
    assert response.status_code == 302
    assert state_of(report) == ReportState.AWAITING_SIGNOFF
    assert post(client, "submit", report).status_code == 403
    login(client, hana)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Ký duyệt và nộp" in page
    response = post(client, "submit", report)
    assert response.status_code == 302
    assert state_of(report) == ReportState.SUBMITTED
    dashboard = client.get(reverse("reports:index")).content.decode()
    assert "Đã nộp" in dashboard


def test_submission_with_missing_parts_lists_them(client, report, alice, hana):
    login(client, alice)
    post(client, "send_to_head", report)
    login(client, hana)
    response = post(client, "submit", report)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Tiêu chí 1:" in body and "Tiêu chí 9:" in body
    assert "Số hồ sơ tiếp nhận" in body  # a required indicator
    assert state_of(report) == ReportState.AWAITING_SIGNOFF


def test_head_sends_back_with_a_comment(client, report, alice, hana):
    login(client, alice)
    post(client, "send_to_head", report)
    login(client, hana)
    post(client, "send_back", report, {"comment": ""})
    assert state_of(report) == ReportState.AWAITING_SIGNOFF
    post(client, "send_back", report, {"comment": "Bổ sung số liệu tiêu chí 5"})
    assert state_of(report) == ReportState.DRAFT
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Bổ sung số liệu tiêu chí 5" in page


def test_late_submission_is_flagged(client, report, alice, hana, criteria_set):
    criteria_set.submission_deadline = timezone.localdate() - timedelta(days=3)
    criteria_set.save()
    complete(report)
    login(client, alice)
    assert "quá hạn 3 ngày" in client.get(reverse("reports:index")).content.decode()
    post(client, "send_to_head", report)
    login(client, hana)
    response = client.post(reverse("reports:submit", args=[report.pk]), follow=True)
    assert AnnualReport.objects.get(pk=report.pk).is_late
    assert "nộp muộn" in response.content.decode()
    assert "Nộp muộn" in response.content.decode()


def test_closed_period_refuses_submission(client, report, alice, hana, criteria_set):
    criteria_set.submission_deadline = timezone.localdate() - timedelta(days=30)
    criteria_set.submissions_closed = True
    criteria_set.save()
    complete(report)
    login(client, alice)
    post(client, "send_to_head", report)
    login(client, hana)
    response = client.post(reverse("reports:submit", args=[report.pk]), follow=True)
    assert state_of(report) == ReportState.AWAITING_SIGNOFF
    assert "đã khóa" in response.content.decode().lower()


def test_submitted_report_is_read_only_for_the_unit(client, report, alice, hana):
    complete(report)
    criterion = report.criteria_set.criteria.get(number=1)
    indicator = report.criteria_set.indicators.first()
    evidence = Evidence.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4\n", name="x.pdf"),
        original_name="x.pdf",
        size=9,
        content_type="application/pdf",
        uploaded_by=alice,
    )
    services.send_to_head(report, alice)
    services.submit(report, hana)
    version = AnnualReport.objects.get(pk=report.pk).version
    for user in (alice, hana):
        login(client, user)
        attempts = [
            (reverse("reports:save_general", args=[report.pk]), {"general_situation": "Sửa"}),
            (
                reverse("reports:save_criterion", args=[report.pk, criterion.pk]),
                {"narrative": "Sửa", "self_score": "1"},
            ),
            (reverse("reports:save_indicators", args=[report.pk]), {f"ind-{indicator.pk}": "9"}),
        ]
        for url, data in attempts:
            response = client.post(url, {**data, "version": version})
            assert response.status_code == 403, url
            assert "không thể sửa" in response.content.decode()
        response = client.post(reverse("reports:evidence_delete", args=[evidence.pk]))
        assert response.status_code == 302
        edit = client.get(reverse("reports:edit", args=[report.pk]))
        assert edit.status_code == 302 and edit["Location"].endswith(f"/reports/{report.pk}/")
        post(client, "send_to_head", report)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED and report.version == version
    assert report.general_situation == "Tình hình chung của đơn vị."
    assert report.scores.get(criterion=criterion).narrative == "Đã triển khai đầy đủ."
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def report_urls(report, evidence):
    criterion = report.criteria_set.criteria.first()
    pk = report.pk
    return [
        ("get", reverse("reports:detail", args=[pk])),
        ("get", reverse("reports:edit", args=[pk])),
        ("get", reverse("reports:export", args=[pk])),
        ("get", reverse("reports:history", args=[pk])),
        ("get", reverse("reports:evidence_download", args=[evidence.pk])),
        ("post", reverse("reports:evidence_delete", args=[evidence.pk])),
        ("post", reverse("reports:evidence_upload", args=[pk])),
        ("post", reverse("reports:save_general", args=[pk])),
        ("post", reverse("reports:save_criterion", args=[pk, criterion.pk])),
        ("post", reverse("reports:save_indicators", args=[pk])),
        ("post", reverse("reports:send_to_head", args=[pk])),
        ("post", reverse("reports:send_back", args=[pk])),
        ("post", reverse("reports:submit", args=[pk])),
    ]


@pytest.mark.parametrize("submitted", [False, True])
def test_another_units_staff_get_404_on_every_report_url(
    client, report, alice, hana, bob, submitted
):
    evidence = Evidence.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4\n", name="x.pdf"),
        original_name="x.pdf",
        size=9,
        content_type="application/pdf",
        uploaded_by=alice,
    )
    if submitted:
        complete(report)
        services.send_to_head(report, alice)
        services.submit(report, hana)
    login(client, bob)
    for method, url in report_urls(report, evidence):
        response = getattr(client, method)(url, {"version": "1"})
        assert response.status_code == 404, f"{method} {url}"
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_province_sees_submitted_reports_but_not_drafts(client, report, alice, hana, rita):
    login(client, rita)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
    assert "Sở Nội vụ" not in client.get(reverse("reports:index")).content.decode()
    complete(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200
    listing = client.get(reverse("reports:index"), {"q": "so noi vu"}).content.decode()
    assert "Sở Nội vụ" in listing


def test_unit_starts_this_years_report_from_the_dashboard(client, unit_a, alice, criteria_set):
    login(client, alice)
    page = client.get(reverse("reports:index")).content.decode()
    assert f"Bắt đầu báo cáo năm {criteria_set.year}" in page
    response = client.post(reverse("reports:start"))
    report = AnnualReport.objects.get(unit=unit_a, criteria_set=criteria_set)
    assert response["Location"] == reverse("reports:edit", args=[report.pk])
    assert report.scores.count() == 9
    client.post(reverse("reports:start"))
    assert AnnualReport.objects.filter(unit=unit_a).count() == 1


def test_a_returned_report_is_editable_and_shows_the_review_comments(
    client, report, alice, hana, rita
):
    complete(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    services.start_review(report, rita)
    report.scores.filter(criterion__number=5).update(review_comment="Thiếu số liệu đơn thư.")
    services.return_for_revision(report, rita, "Bổ sung minh chứng tiêu chí 5.")
    login(client, alice)
    page = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Bổ sung minh chứng tiêu chí 5." in page and "Thiếu số liệu đơn thư." in page
    criterion = report.criteria_set.criteria.get(number=5)
    version = AnnualReport.objects.get(pk=report.pk).version
    response = client.post(
        reverse("reports:save_criterion", args=[report.pk, criterion.pk]),
        {"narrative": "Đã bổ sung.", "version": version},
    )
    assert response.status_code == 200
    post(client, "send_to_head", report)
    login(client, hana)
    post(client, "submit", report)
    assert state_of(report) == ReportState.RESUBMITTED
