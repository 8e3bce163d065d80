"""The state machine of a report, through its service functions."""

from decimal import Decimal

import pytest
from django.utils import timezone

from reports import services
from reports.models import ReportEvent, ReportState

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(unit_a, criteria_set, alice):
    return services.start_report(unit_a, criteria_set, alice)


def complete(report):
    report.general_situation = "Tình hình chung"
    report.save()
    for score in report.scores.all():
        score.narrative = "Đã thực hiện"
        score.self_score = Decimal("5")
        score.save()
    report.indicators.filter(indicator__required=True).update(value=1)


def test_start_report_creates_one_row_per_criterion_and_is_idempotent(
    report, unit_a, criteria_set, alice
):
    assert report.scores.count() == criteria_set.criteria.count() == 9
    assert report.indicators.count() == criteria_set.indicators.count()
    again = services.start_report(unit_a, criteria_set, alice)
    assert again.pk == report.pk and again.scores.count() == 9


def test_submit_lists_missing_parts(report, alice, hana):
    services.send_to_head(report, alice)
    with pytest.raises(services.IncompleteReport) as refused:
        services.submit(report, hana)
    assert any("Tiêu chí 1:" in m for m in refused.value.missing)
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGNOFF


def test_staff_cannot_submit_and_other_unit_cannot_send(report, alice, bob):
    services.send_to_head(report, alice)
    with pytest.raises(services.ReportError):
        services.submit(report, alice)
    report.refresh_from_db()
    with pytest.raises(services.ReportError):
        services.send_back(report, bob, "x")


def test_full_cycle_with_snapshots_events_and_lock(report, alice, hana, rita, lena, criteria_set):
    complete(report)
    services.send_to_head(report, alice)
    report = services.submit(report, hana)
    assert report.state == ReportState.SUBMITTED
    assert report.first_submitted_at is not None and report.snapshots.count() == 1
    criteria_set.refresh_from_db()
    assert criteria_set.is_locked
    services.start_review(report, rita)
    with pytest.raises(services.ReportError):
        services.return_for_revision(report, rita, "  ")
    report = services.return_for_revision(report, rita, "Bổ sung số liệu")
    assert report.state == ReportState.RETURNED and report.is_unit_editable
    report = services.send_to_head(report, alice)
    report = services.submit(report, hana)
    assert report.state == ReportState.RESUBMITTED and report.snapshots.count() == 2
    services.start_review(report, rita)
    with pytest.raises(services.ReportError):
        services.accept(report, rita)
    report.scores.update(review_score=Decimal("8"))
    report = services.accept(report, rita)
    assert report.state == ReportState.ACCEPTED
    with pytest.raises(services.ReportError):
        services.reopen(report, rita, "sai sót")
    with pytest.raises(services.ReportError):
        services.reopen(report, lena, "")
    report = services.reopen(report, lena, "Sai sót điểm tiêu chí 3")
    assert report.state == ReportState.UNDER_REVIEW
    actions = list(ReportEvent.objects.filter(report=report).values_list("action", flat=True))
    assert actions == [
        "created",
        "sent_to_head",
        "submitted",
        "review_started",
        "returned",
        "sent_to_head",
        "resubmitted",
        "review_started",
        "accepted",
        "reopened",
    ]


def test_late_and_closed(report, alice, hana, criteria_set):
    complete(report)
    criteria_set.submission_deadline = timezone.localdate() - timezone.timedelta(days=1)
    criteria_set.submissions_closed = True
    criteria_set.save()
    services.send_to_head(report, alice)
    with pytest.raises(services.ReportError):
        services.submit(report, hana)
    criteria_set.submissions_closed = False
    criteria_set.save()
    report = services.submit(report, hana)
    assert report.is_late


def test_claim_version_refuses_a_stale_save(report):
    version = report.version
    services.claim_version(report, version)
    with pytest.raises(services.StaleReport):
        services.claim_version(report, version)


def test_submitting_twice_yields_one_submission(report, alice, hana):
    complete(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    with pytest.raises(services.ReportError):
        services.submit(report, hana)
    assert report.snapshots.count() == 1
