"""Every score set is in the history, the first one too, with who and when; the audit log
lists score changes (issue 12, item 9)."""

import re

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from reports import services
from tests.conftest import login
from tests.review.test_review_flow import decide, score

pytestmark = pytest.mark.django_db


def history_rows(client, report):
    """(who, criterion, score kind, before, after) of each row of the score history page."""
    page = client.get(reverse("reports:history", args=[report.pk])).content.decode()
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row)]
        if len(cells) == 6:
            rows.append(tuple(cells[1:]))
    return rows


@pytest.fixture
def draft(unit_a, criteria_set, alice):
    return services.start_report(unit_a, criteria_set, alice)


def test_a_units_first_self_score_and_its_raise_are_both_in_the_history(client, draft, alice):
    login(client, alice)
    criterion = draft.criteria_set.criteria.get(number=3)
    url = reverse("reports:save_criterion", args=[draft.pk, criterion.pk])
    client.post(url, {"self_score": "7", "version": draft.version})
    client.post(url, {"self_score": "10", "version": draft.version + 1})
    rows = history_rows(client, draft)
    assert ("Alice", "3", "Điểm tự chấm", "—", "7,00") in rows, rows
    assert ("Alice", "3", "Điểm tự chấm", "7,00", "10,00") in rows, rows
    assert len(rows) == 2


def test_a_reviewers_nine_first_scores_are_in_the_timeline_and_the_history(client, rita, report):
    login(client, rita)
    decide(client, report, "start")
    scores = list(report.scores.select_related("criterion").order_by("criterion__number"))
    assert len(scores) == 9
    for s in scores:
        assert score(client, report, s, "8").status_code == 200
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    timeline = html.split('id="timeline"', 1)[1]
    for s in scores:
        # The unit's first self-score (given when it filled the report) and the reviewer's.
        assert f"Tiêu chí {s.criterion.number}, điểm tự chấm: — → 8" in timeline
        assert f"Tiêu chí {s.criterion.number}, điểm thẩm định: — → 8" in timeline
    assert timeline.count("Rita") >= 9
    rows = history_rows(client, report)
    reviewed = [row for row in rows if row[2] == "Điểm thẩm định"]
    assert sorted(reviewed) == sorted(
        ("Rita", str(s.criterion.number), "Điểm thẩm định", "—", "8,00") for s in scores
    )


def test_score_changes_are_in_the_audit_log_and_found_by_their_name(
    client, rita, adam, report, unit_b, bob, criteria_set
):
    login(client, rita)
    decide(client, report, "start")
    first = report.scores.select_related("criterion").get(criterion__number=1)
    score(client, report, first, "6", "Thiếu minh chứng")
    score(client, report, first, "6,5")
    draft = services.start_report(unit_b, criteria_set, bob)
    login(client, bob)
    criterion = criteria_set.criteria.get(number=3)
    url = reverse("reports:save_criterion", args=[draft.pk, criterion.pk])
    client.post(url, {"self_score": "7", "version": draft.version})

    entries = AuditEntry.objects.filter(action=Action.SCORE_CHANGE).order_by("pk")
    assert [
        (e.user, e.details["criterion"], e.details["old"], e.details["new"]) for e in entries
    ] == [
        (rita, 1, None, "6.00"),
        (rita, 1, "6.00", "6.50"),
        (bob, 3, None, "7.00"),
    ]
    assert [e.details["field"] for e in entries] == ["review_score", "review_score", "self_score"]

    login(client, adam)
    for query in ({"action": "score_change"}, {"q": "Thay đổi điểm"}, {"q": "thay đổi điểm"}):
        page = client.get(reverse("audit:list"), query).content.decode()
        assert page.count("<td>Thay đổi điểm</td>") == 3, query
