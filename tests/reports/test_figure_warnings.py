"""Figures that contradict the year's rules: marked beside the fields, explained by the head at
submission, read by the review team beside the criterion, filterable on the board."""

import re

import pytest
from django.urls import reverse

from reports import services
from reports.models import ReportState
from tests.conftest import login
from tests.reports.conftest import complete
from tests.review.factories import fill

pytestmark = pytest.mark.django_db
RULE = (
    "Số đơn thư tiếp nhận bằng tổng của số đơn đã giải quyết, số đơn chuyển cấp có thẩm quyền, "
    "số đơn trả lại, hướng dẫn, số đơn lưu, số đơn đang xem xét và số đơn rút "
    "(sai lệch cho phép 0)."
)


def petition_rule(criteria_set):
    return criteria_set.rules.get(left_codes="petitions_received")


def contradict(report):
    """Dispositions that do not add up to the petitions received: the default rule breaks."""
    report.indicators.filter(indicator__code="petitions_received").update(value=10)
    report.indicators.filter(indicator__code="petitions_resolved").update(value=50)


@pytest.fixture
def awaiting(unit_a, alice, criteria_set):
    report = services.start_report(unit_a, criteria_set, alice)
    complete(report)
    contradict(report)
    return services.send_to_head(report, alice)


def test_the_form_marks_the_rows_concerned_and_an_indicator_save_updates_the_marks(
    client, alice, unit_a, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    login(client, alice)
    html = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert 'id="iw-petitions_resolved"' in html and RULE not in html
    received = report.indicators.get(indicator__code="petitions_received").indicator
    resolved = report.indicators.get(indicator__code="petitions_resolved").indicator
    url = reverse("reports:save_indicators", args=[report.pk])
    client.post(
        url, {f"ind-{received.pk}": "10", "version": report.version}, HTTP_HX_REQUEST="true"
    )
    report.refresh_from_db()
    response = client.post(
        url, {f"ind-{resolved.pk}": "50", "version": report.version}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200
    mark = re.search(r'<div id="iw-petitions_resolved"[^>]*>(.*?)</div>\s*$', html, re.M | re.S)
    assert mark and RULE in mark.group(1)
    assert re.search(r'<div id="iw-tthc_published"[^>]*></div>', html)


def test_the_head_must_explain_each_warning_and_what_was_typed_is_kept(client, hana, awaiting):
    login(client, hana)
    url = reverse("reports:submit", args=[awaiting.pk])
    response = client.post(url, {})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Hãy giải trình ngắn gọn từng điểm trước khi nộp" in html and RULE in html
    awaiting.refresh_from_db()
    assert awaiting.state == ReportState.AWAITING_SIGNOFF

    rule = petition_rule(awaiting.criteria_set)
    response = client.post(url, {f"explain-{rule.pk}": "  "})
    assert response.status_code == 422
    response = client.post(url, {f"explain-{rule.pk}": "Có đơn của năm trước chuyển sang."})
    assert response.status_code == 302
    awaiting.refresh_from_db()
    assert awaiting.state == ReportState.SUBMITTED and awaiting.has_warnings
    assert awaiting.warning_notes == [
        {"rule": rule.pk, "message": RULE, "explanation": "Có đơn của năm trước chuyển sang."}
    ]


def test_a_refused_submission_keeps_the_explanations_typed(client, hana, awaiting):
    rule = petition_rule(awaiting.criteria_set)
    awaiting.general_situation = ""
    awaiting.save()
    login(client, hana)
    response = client.post(
        reverse("reports:submit", args=[awaiting.pk]), {f"explain-{rule.pk}": "Lý do A"}
    )
    assert response.status_code == 422
    assert ">Lý do A</textarea>" in response.content.decode()


def test_the_review_team_reads_the_explanation_beside_criterion_5_and_filters_the_board(
    client, rita, hana, awaiting, unit_b, bob, criteria_set
):
    rule = petition_rule(awaiting.criteria_set)
    services.submit(awaiting, hana, explanations={rule.pk: "Có đơn của năm trước chuyển sang."})
    other = services.start_report(unit_b, criteria_set, bob)
    fill(other)
    login(client, rita)
    html = client.get(reverse("review:report", args=[awaiting.pk])).content.decode()
    criterion_5 = awaiting.scores.get(criterion__number=5)
    card = html[html.index(f'id="c{criterion_5.pk}"') :]
    card = card[: card.index('class="col-lg-5"')]
    assert "Có đơn của năm trước chuyển sang." in card and RULE in card
    board = reverse("review:board", args=[criteria_set.year])
    html = client.get(board, {"warnings": "on"}).content.decode()
    assert "Sở Nội vụ" in html and unit_b.name not in html
    assert "js-has-warnings" in html
    assert RULE in html  # worded with the indicators' names, read only for a broken rule


ON_TIME = (
    "Khi điểm tự chấm tiêu chí 3 trên 90% điểm tối đa (9 điểm), tỷ lệ hồ sơ giải quyết đúng "
    "hạn không dưới 95% (sai lệch cho phép 0)."
)


def test_full_marks_on_criterion_3_with_late_dossiers_warn_beside_both_fields_and_save(
    client, alice, unit_a, criteria_set
):
    """A self-score rule: saving is never blocked, the mark appears beside the figure and the
    self-score as soon as the self-score passes the share, and goes when it drops back."""
    report = services.start_report(unit_a, criteria_set, alice)
    report.indicators.filter(indicator__code="dossiers_on_time").update(value=80)
    criterion = criteria_set.criteria.get(number=3)
    url = reverse("reports:save_criterion", args=[report.pk, criterion.pk])
    login(client, alice)
    response = client.post(url, {"self_score": "10", "version": report.version})
    html = response.content.decode()
    assert response.status_code == 200 and "Đã lưu lúc" in html
    assert report.scores.get(criterion=criterion).self_score == 10
    beside_score = re.search(
        rf'<div id="sw-{criterion.pk}"[^>]*>(.*?)</div>\s*$', html, re.M | re.S
    )
    assert beside_score and ON_TIME in beside_score.group(1)
    beside_figure = re.search(r'<div id="iw-dossiers_on_time"[^>]*>(.*?)</div>\s*$', html, re.M)
    assert beside_figure and ON_TIME in beside_figure.group(1)

    report.refresh_from_db()
    response = client.post(url, {"self_score": "9", "version": report.version})
    html = response.content.decode()
    assert response.status_code == 200
    assert ON_TIME not in html and re.search(rf'<div id="sw-{criterion.pk}"[^>]*></div>', html)


def test_the_head_explains_a_self_score_warning_and_the_reviewer_reads_it_beside_criterion_3(
    client, hana, rita, unit_a, alice, criteria_set
):
    report = services.start_report(unit_a, criteria_set, alice)
    complete(report)
    report.scores.filter(criterion__number=3).update(self_score=10)
    report.indicators.filter(indicator__code="dossiers_on_time").update(value=80)
    services.send_to_head(report, alice)
    rule = criteria_set.rules.get(left_codes="dossiers_on_time")
    with pytest.raises(services.UnexplainedWarnings):
        services.submit(report, hana)
    services.submit(report, hana, explanations={rule.pk: "Hệ thống một cửa ngừng hai tháng."})
    report.refresh_from_db()
    assert report.warning_notes[0]["message"] == ON_TIME
    login(client, rita)
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    criterion_3 = report.scores.get(criterion__number=3)
    card = html[html.index(f'id="c{criterion_3.pk}"') :]
    card = card[: card.index('class="col-lg-5"')]
    assert ON_TIME in card and "Hệ thống một cửa ngừng hai tháng." in card
