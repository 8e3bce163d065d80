"""The home page lists what waits for each person, each item a link to where the work is done:
staff the reports to correct and the report due; heads the reports awaiting their sign-off;
reviewers the reports waiting for their review; the lead the year's review in numbers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from reports import services
from review import services as review
from tests.conftest import login, make_user
from tests.review.factories import fill, submitted_report
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db

HEAD_COMMENT = "Bổ sung số liệu tiếp công dân ở tiêu chí 5."


@pytest.fixture
def report(unit_a, criteria_set, alice):
    return services.start_report(unit_a, criteria_set, alice)


def home(client, user):
    response = login(client, user).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def waiting(page):
    """The 'waiting for you' part of the home page."""
    start = page.index('id="waiting"')
    return page[start : page.index("</section>", start)]


def test_staff_see_the_report_to_correct_and_when_it_is_due(
    client, report, alice, hana, criteria_set
):
    criteria_set.submission_deadline = timezone.localdate() + timedelta(days=12)
    criteria_set.save()
    services.send_to_head(report, alice)
    services.send_back(report, hana, HEAD_COMMENT)
    box = waiting(home(client, alice))
    assert "Báo cáo cần chỉnh sửa" in box
    assert HEAD_COMMENT in box and "Thủ trưởng đơn vị (Hana) trả lại" in box
    assert f'href="{reverse("reports:edit", args=[report.pk])}"' in box
    assert criteria_set.submission_deadline.strftime("%d/%m/%Y") in box
    assert "còn 12 ngày" in box

    criteria_set.submission_deadline = timezone.localdate() - timedelta(days=3)
    criteria_set.save()
    assert "quá hạn 3 ngày" in waiting(home(client, alice))
    # The head's own send-back waits for the staff, not for the head.
    assert HEAD_COMMENT not in waiting(home(client, hana))


def test_staff_without_a_report_are_sent_to_start_it(client, alice, criteria_set):
    box = waiting(home(client, alice))
    assert f"Báo cáo năm {criteria_set.year}" in box and "chưa bắt đầu" in box
    assert f'href="{reverse("reports:index")}"' in box


def test_the_head_sees_the_report_awaiting_sign_off_and_no_other_unit_does(
    client, report, alice, hana, unit_b
):
    hung = make_user("hung", Role.HEAD, unit_b)
    assert "Báo cáo chờ ký duyệt" not in waiting(home(client, hana))
    services.send_to_head(report, alice)
    box = waiting(home(client, hana))
    assert "Báo cáo chờ ký duyệt" in box and "Alice" in box
    assert f'href="{reverse("reports:detail", args=[report.pk])}"' in box
    assert "Báo cáo chờ ký duyệt" not in waiting(home(client, hung))
    assert "Báo cáo chờ ký duyệt" not in waiting(home(client, alice))


def test_the_review_teams_return_waits_for_the_whole_unit(client, report, alice, hana, rita):
    fill(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    services.start_review(report, rita)
    services.return_for_revision(report, rita, "Đề nghị bổ sung minh chứng.")
    for user in (alice, hana):
        box = waiting(home(client, user))
        assert "Đề nghị bổ sung minh chứng." in box and "Tổ thẩm định (Rita) trả lại" in box


def test_reviewers_see_their_reports_and_the_lead_the_years_numbers(
    client, unit_a, unit_b, hana, rita, lena, criteria_set
):
    mine = submitted_report(unit_a, hana, criteria_set)
    other = submitted_report(unit_b, None, criteria_set)
    review.assign(criteria_set, [unit_a], rita, lena)
    box = waiting(home(client, rita))
    assert "Báo cáo chờ bạn thẩm định" in box and "Sở Nội vụ" in box
    assert f'href="{reverse("review:report", args=[mine.pk])}"' in box
    assert reverse("review:report", args=[other.pk]) not in box

    box = waiting(home(client, lena))
    board = reverse("review:board", args=[criteria_set.year])
    assert f'href="{board}?state=submitted"' in box
    assert f'href="{board}?reviewer=none"' in box  # Sở Tư pháp has nobody yet
    assert "Chưa phân công người thẩm định" in box


def test_the_lead_sees_units_that_never_submitted_once_the_deadline_passed(
    client, report, alice, hana, rita, lena, unit_b, criteria_set
):
    late = "Đơn vị chưa nộp khi đã quá hạn"
    criteria_set.submission_deadline = timezone.localdate() + timedelta(days=1)
    criteria_set.save()
    assert late not in waiting(home(client, lena))
    criteria_set.submission_deadline = timezone.localdate() - timedelta(days=1)
    criteria_set.save()
    assert f"{late}: 2" in waiting(home(client, lena))  # a draft and a unit not started
    # A report in correction was submitted: it is not late, it waits for the unit.
    fill(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    services.start_review(report, rita)
    services.return_for_revision(report, rita, "Sửa lại.")
    services.send_to_head(report, alice)
    assert f"{late}: 1" in waiting(home(client, lena))


def test_nothing_waiting_says_so(client, rita, criteria_set):
    assert "Không có việc nào đang chờ bạn." in waiting(home(client, rita))


def _queries(client, user):
    login(client, user).get(reverse("home"))  # warm the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("home")).status_code == 200
    return len(ctx.captured_queries)


# Pinned: session read (renewed at most once a minute, not here), user with the unit, the year's
# criteria set; then unit people: their reports, the reports' hand-backs; reviewers: their
# reports, the active units; the lead also the board counted by state, the unassigned and the
# units that never submitted.
# The province roles read the years once more for the year switch (issue 13).
EXPECTED_QUERIES = {"alice": 5, "hana": 5, "rita": 6, "lena": 9}


def test_home_page_query_count_is_pinned_and_does_not_grow(
    client, report, alice, hana, rita, lena, group_communes, criteria_set
):
    users = {"alice": alice, "hana": hana, "rita": rita, "lena": lena}
    services.send_to_head(report, alice)
    services.send_back(report, hana, HEAD_COMMENT)
    small = {name: _queries(client, user) for name, user in users.items()}
    assert small == EXPECTED_QUERIES

    # More cycles of the unit's report, and many more reports for the review team.
    for n in range(3):
        services.send_to_head(report, alice)
        services.send_back(report, hana, f"Lần {n}")
    for i in range(6):
        unit = Unit.objects.create(
            code=f"XA{i}", name=f"UBND xã {i}", type=UnitType.COMMUNE, group=group_communes
        )
        submitted_report(unit, None, criteria_set)
    review.assign(criteria_set, Unit.objects.filter(code__startswith="XA"), rita, lena)
    for name, user in users.items():
        assert _queries(client, user) == EXPECTED_QUERIES[name], name
