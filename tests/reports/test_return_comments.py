"""The comment with which a report is handed back (by the unit head or the review team) shows at
the top of the edit form, beside the criteria it concerns, on the detail page and on the unit's
list, until the report is sent again past the hand that returned it."""

import re

import pytest
from django.urls import reverse

from reports import services
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db

HEAD_COMMENT = "Bổ sung số liệu tiếp công dân ở tiêu chí 5."
TEAM_COMMENT = "Đề nghị bổ sung minh chứng."
CRITERION_COMMENT = "Thiếu số liệu đơn thư."


def html(client, name, report=None):
    args = [report.pk] if report else []
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def block(page, element_id):
    """The inner HTML of the <section> with `element_id`."""
    match = re.search(rf'<section id="{element_id}"(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


def returned_by_team(report, alice, hana, rita):
    complete(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    services.start_review(report, rita)
    report.scores.filter(criterion__number=5).update(review_comment=CRITERION_COMMENT)
    services.return_for_revision(report, rita, TEAM_COMMENT)


def test_heads_comment_shows_on_the_edit_form_and_the_list_until_sent_again(
    client, report, alice, hana
):
    services.send_to_head(report, alice)
    services.send_back(report, hana, HEAD_COMMENT)
    login(client, alice)
    top = block(html(client, "reports:edit", report), "returned-comment")
    assert HEAD_COMMENT in top
    assert "Thủ trưởng đơn vị (Hana) trả lại" in top
    assert HEAD_COMMENT in html(client, "reports:index")

    services.send_to_head(report, alice)
    assert HEAD_COMMENT not in html(client, "reports:index")
    assert 'id="returned-comment"' not in html(client, "reports:detail", report)
    services.send_back(report, hana, "Sửa lại phần tình hình chung.")
    page = html(client, "reports:edit", report)
    assert "Sửa lại phần tình hình chung." in block(page, "returned-comment")
    assert HEAD_COMMENT not in page


def test_detail_page_shows_the_heads_comment_at_the_top_under_the_right_heading(
    client, report, alice, hana
):
    services.send_to_head(report, alice)
    services.send_back(report, hana, HEAD_COMMENT)
    page = html(login(client, alice), "reports:detail", report)
    top = block(page, "returned-comment")
    assert HEAD_COMMENT in top and "Thủ trưởng đơn vị (Hana) trả lại" in top
    send = reverse("reports:send_to_head", args=[report.pk])
    assert page.index('id="returned-comment"') < page.index(f'action="{send}"')
    # The history names the step, not the state the report went back to.
    assert "Bản nháp: <span" not in page
    assert "Thủ trưởng trả lại cho chuyên viên" in page


def test_review_teams_comments_stay_through_the_heads_send_back_until_resubmitted(
    client, report, alice, hana, rita
):
    returned_by_team(report, alice, hana, rita)
    login(client, alice)
    page = html(client, "reports:edit", report)
    top = block(page, "returned-comment")
    assert TEAM_COMMENT in top and "Tổ thẩm định (Rita) trả lại" in top
    assert 'href="#criterion-5"' in top  # where the criterion comments are
    assert CRITERION_COMMENT in block(page, "criterion-5")
    assert CRITERION_COMMENT not in block(page, "criterion-4")

    services.send_to_head(report, alice)
    services.send_back(report, hana, HEAD_COMMENT)
    page = html(client, "reports:edit", report)
    top = block(page, "returned-comment")
    assert TEAM_COMMENT in top and HEAD_COMMENT in top
    assert CRITERION_COMMENT in block(page, "criterion-5")
    listing = html(client, "reports:index")
    assert TEAM_COMMENT in listing and HEAD_COMMENT in listing

    services.send_to_head(report, alice)
    services.submit(report, hana)
    listing = html(client, "reports:index")
    assert TEAM_COMMENT not in listing and HEAD_COMMENT not in listing
    assert 'id="returned-comment"' not in html(client, "reports:detail", report)
