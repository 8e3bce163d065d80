"""The review screen and its decisions, through the real views."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports import services
from reports.models import CriterionScore, ReportState
from review import services as review

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def decide(client, report, action, comment="", follow=True):
    return client.post(
        reverse("review:decide", args=[report.pk]),
        {"action": action, "comment": comment},
        follow=follow,
    )


def score(client, report, criterion_score, value, comment="", version=None):
    report.refresh_from_db()
    return client.post(
        reverse("review:score", args=[report.pk, criterion_score.pk]),
        {
            "version": report.version if version is None else version,
            "review_score": value,
            "review_comment": comment,
        },
        **HTMX,
    )


def score_all(client, report, value="8"):
    for s in report.scores.all():
        assert score(client, report, s, value).status_code == 200


def test_unit_people_get_404_on_the_review_screens(client, alice, bob, report):
    for user in (alice, bob):
        client.force_login(user)
        for name in ("review:report", "review:diff"):
            assert client.get(reverse(name, args=[report.pk])).status_code == 404
        assert decide(client, report, "start", follow=False).status_code == 404


def test_review_screen_shows_narrative_self_score_indicators_and_evidence(
    client, rita, report, criteria_set
):
    rule = criteria_set.rules.first()
    if rule is not None:  # break the first consistency rule on purpose
        values = report.indicators.select_related("indicator")
        for value in values:
            if value.indicator.code in rule.right_code_list:
                value.value = 1
            elif value.indicator.code in rule.left_code_list:
                value.value = 50
            value.save()
    client.force_login(rita)
    response = client.get(reverse("review:report", args=[report.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đã triển khai đầy đủ các văn bản chỉ đạo." in html
    assert "Bắt đầu thẩm định" in html and "Tổng điểm tự chấm" in html
    if rule is not None:
        assert rule.message in html


def test_start_review_then_scores_save_as_typed(client, rita, report):
    client.force_login(rita)
    first = report.scores.select_related("criterion").first()
    # Before the review starts, a score is refused and not saved.
    response = score(client, report, first, "7")
    assert response.status_code == 409 and "Bắt đầu thẩm định" in response.content.decode()
    response = decide(client, report, "start")
    assert "Đã bắt đầu thẩm định." in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.UNDER_REVIEW

    response = score(client, report, first, "7,5", "Thiếu văn bản")
    assert response.status_code == 200
    first.refresh_from_db()
    assert first.review_score == Decimal("7.5") and first.review_comment == "Thiếu văn bản"
    assert first.reviewed_by == rita
    assert response["X-Report-Version"] == str(report.version + 1)
    assert 'id="review-totals"' in response.content.decode()  # the running total comes along

    # Invalid values get their error beside the field; the answer never carries the field
    # itself (the page keeps what was typed); nothing is saved.
    for value, message in (("11", "Nhập điểm từ 0 đến 10"), ("7.3", "bước 0,25"), ("abc", "số")):
        response = score(client, report, first, value)
        assert response.status_code == 422 or response.status_code == 409
        html = response.content.decode()
        assert message in html and 'data-state="error"' in html
        assert "<input" not in html and "<textarea" not in html
    first.refresh_from_db()
    assert first.review_score == Decimal("7.5")


def test_stale_score_answers_409_with_both_values(client, rita, lena, report):
    services.start_review(report, rita)
    report.refresh_from_db()
    opened_at = report.version
    first = report.scores.first()
    client.force_login(lena)
    assert score(client, report, first, "6", "Lena").status_code == 200
    client.force_login(rita)
    response = score(client, report, first, "9", "Rita", version=opened_at)
    html = response.content.decode()
    assert response.status_code == 409
    assert 'data-state="conflict"' in html and 'data-saved="6,00"' in html
    assert 'class="conflict-mine text-prewrap">9<' in html
    assert 'class="conflict-saved text-prewrap">Lena<' in html
    assert "Người khác đã lưu" in html
    first.refresh_from_db()
    assert first.review_score == Decimal("6")
    # Having seen both, saving again on the version the conflict gave wins.
    response = score(client, report, first, "9", "Rita", version=int(response["X-Report-Version"]))
    assert response.status_code == 200


def test_reviewer_never_edits_the_narrative(client, rita, report):
    services.start_review(report, rita)
    first = report.scores.first()
    report.refresh_from_db()
    client.force_login(rita)
    client.post(
        reverse("review:score", args=[report.pk, first.pk]),
        {"version": report.version, "review_score": "5", "narrative": "Sửa bởi thẩm định"},
        **HTMX,
    )
    first.refresh_from_db()
    assert first.narrative == "Đã triển khai đầy đủ các văn bản chỉ đạo."
    assert first.review_score == Decimal("5")
    assert not services.can_edit(rita, report)


def test_return_with_comments_unit_corrects_resubmits_and_the_diff_shows_it(
    client, rita, lena, alice, hana, report
):
    review.assign(report.criteria_set, [report.unit], rita, lena)
    client.force_login(rita)
    decide(client, report, "start")
    first = report.scores.select_related("criterion").first()
    score(client, report, first, "6", "Bổ sung số văn bản đã ban hành")
    # Comments are the team's working notes until the report is returned.
    report.refresh_from_db()
    assert not review.comments_visible_to_unit(report)
    assert review.unit_review_comments(report) is None
    # A return without any comment is refused; the criterion comment is enough.
    first.review_comment = ""
    first.save()
    response = decide(client, report, "return", "")
    assert "Write a comment" in response.content.decode() or "ý kiến" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.UNDER_REVIEW
    score(client, report, first, "6", "Bổ sung số văn bản đã ban hành")
    response = decide(client, report, "return", "Đề nghị bổ sung số liệu")
    assert "Đã trả lại báo cáo" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED
    comments = review.unit_review_comments(report)
    assert comments["overall"] == "Đề nghị bổ sung số liệu"
    assert comments["criteria"][first.criterion_id] == "Bổ sung số văn bản đã ban hành"

    # The unit corrects (through the services and the ORM: the filing UI is another branch).
    assert services.can_edit(alice, report)
    report.refresh_from_db()
    services.save_criterion(
        report,
        alice,
        report.version,
        first.criterion,
        {"narrative": "Đã triển khai đầy đủ 12 văn bản chỉ đạo.", "self_score": Decimal("9")},
    )
    services.send_to_head(report, alice)
    report.refresh_from_db()
    assert review.comments_visible_to_unit(report)  # still visible while the head signs off
    services.submit(report, hana)
    report.refresh_from_db()
    assert report.state == ReportState.RESUBMITTED and report.snapshots.count() == 2
    assert not review.comments_visible_to_unit(report)

    response = client.get(reverse("review:diff", args=[report.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        'đầy đủ <del class="bg-danger-subtle">các</del><ins class="bg-success-subtle">12</ins> '
        "văn bản" in html
    )
    assert "8,00 → 9,00" in html


def test_accept_locks_the_report_for_unit_and_reviewers(client, rita, alice, report):
    client.force_login(rita)
    decide(client, report, "start")
    first = report.scores.first()
    score(client, report, first, "8")
    response = decide(client, report, "accept")
    assert "chưa có điểm thẩm định" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.UNDER_REVIEW
    score_all(client, report, "9,25")
    response = decide(client, report, "accept")
    assert "Đã chấp nhận báo cáo" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    # Reviewers cannot change a score any more; the unit cannot edit.
    response = score(client, report, first, "5")
    assert response.status_code == 409 and "điểm đã khóa" in response.content.decode()
    first.refresh_from_db()
    assert first.review_score == Decimal("9.25")
    assert not services.can_edit(alice, report)
    with pytest.raises(services.ReportError):
        services.save_criterion(
            report, alice, report.version, first.criterion, {"narrative": "Sửa sau khi chấp nhận"}
        )
    first.refresh_from_db()
    assert first.narrative == "Đã triển khai đầy đủ các văn bản chỉ đạo."
    assert review.comments_visible_to_unit(report)
    # The board shows the accepted state and the review total.
    board = client.get(reverse("review:board", args=[report.criteria_set.year]))
    row = next(u for u in board.context["page_obj"] if u.code == report.unit.code)
    assert row.state == ReportState.ACCEPTED and row.review_total == Decimal("83.25")
    assert "Đã chấp nhận" in board.content.decode()


def test_reopen_needs_the_lead_and_a_reason(client, rita, lena, report):
    services.start_review(report, rita)
    report.scores.update(review_score=Decimal("8"))
    services.accept(report, rita)
    client.force_login(rita)
    response = decide(client, report, "reopen", "Sai điểm tiêu chí 2")
    assert "mới được mở lại báo cáo" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    client.force_login(lena)
    decide(client, report, "reopen", "  ")
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    response = decide(client, report, "reopen", "Sai điểm tiêu chí 2")
    assert "Đã mở lại báo cáo" in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.UNDER_REVIEW
    assert report.events.filter(action="reopened", comment="Sai điểm tiêu chí 2").exists()


def test_flag_violation_and_the_timeline(client, rita, report):
    client.force_login(rita)
    decide(client, report, "start")
    first = report.scores.first()
    score(client, report, first, "6", "Thiếu minh chứng")
    score(client, report, first, "6,5", "Đã xem lại")
    decide(client, report, "flag", "")
    report.refresh_from_db()
    assert not report.violation_flagged
    decide(client, report, "flag", "Thủ trưởng bị kỷ luật")
    report.refresh_from_db()
    assert report.violation_flagged and report.violation_reason == "Thủ trưởng bị kỷ luật"
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    assert "Thủ trưởng bị kỷ luật" in html
    assert "Đang thẩm định" in html  # state change in the timeline
    # The score change: who (rita, in the history), old, new and its comment.
    assert "Tiêu chí 1, điểm thẩm định: 6,00 → 6,50" in html and "Đã xem lại" in html
    assert CriterionScore.history.filter(id=first.pk, history_user=rita).count() == 2


def test_evidence_is_listed_with_name_and_size(client, rita, report, hana):
    from django.core.files.base import ContentFile

    from reports.models import Evidence

    criterion = report.scores.first().criterion
    Evidence.objects.create(
        report=report,
        criterion=criterion,
        file=ContentFile(b"x" * 2048, name="bien-ban.pdf"),
        original_name="Biên bản đối thoại.pdf",
        size=2048,
        content_type="application/pdf",
        uploaded_by=hana,
    )
    html = login_get(client, rita, reverse("review:report", args=[report.pk]))
    assert "Biên bản đối thoại.pdf" in html and "2,0" in html


def login_get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()
