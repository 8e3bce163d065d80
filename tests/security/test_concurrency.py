"""Real concurrent requests, started together: two saves of the same version, two reviewers on
the same criterion, a head pressing submit twice. One wins, the other is told, nothing is lost.

PostgreSQL only: SQLite serialises writers on one file lock, so the race these tests look for
cannot happen there (and its in-memory test database is not shared between threads)."""

import threading
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from reports import services
from reports.models import CriterionScore, ReportEvent, ReportSnapshot, ReportState
from tests.conftest import login
from tests.reports.conftest import complete
from tests.review.factories import submitted_report

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL: SQLite serialises writers, so there is no race to test",
    ),
]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def report(unit_a, criteria_set, alice):
    return services.start_report(unit_a, criteria_set, alice)


def race(*calls):
    """Run `calls` in threads released at the same instant; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except Exception as exc:  # surfaced below, in the test's thread
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        if isinstance(result, Exception):
            raise result
    return results


def session(user):
    return login(Client(), user)


def test_two_saves_of_the_same_version_one_wins_none_is_lost(report, alice):
    url = reverse("reports:save_general", args=[report.pk])
    opened_at = report.version
    texts = ["Bản lưu của phiên thứ nhất.", "Bản lưu của phiên thứ hai."]
    clients = [session(alice), session(alice)]
    responses = race(
        *(
            lambda c=c, t=t: c.post(url, {"general_situation": t, "version": opened_at}, **HTMX)
            for c, t in zip(clients, texts, strict=True)
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
    loser = 1 - winner
    report.refresh_from_db()
    assert report.general_situation == texts[winner]
    assert report.version == opened_at + 1
    # The loser was shown its own text, and saving again on the new version succeeds.
    assert texts[loser] in responses[loser].content.decode()
    again = clients[loser].post(
        url, {"general_situation": texts[loser], "version": report.version}, **HTMX
    )
    assert again.status_code == 200
    report.refresh_from_db()
    assert report.general_situation == texts[loser] and report.version == opened_at + 2


def test_two_reviewers_scoring_the_same_criterion_lose_no_update(
    unit_a, hana, criteria_set, rita, lena
):
    report = submitted_report(unit_a, hana, criteria_set)
    services.start_review(report, rita)
    report.refresh_from_db()
    opened_at = report.version
    criterion_score = report.scores.order_by("pk").first()
    url = reverse("review:score", args=[report.pk, criterion_score.pk])
    entries = [(session(rita), "6", "Rita"), (session(lena), "9", "Lena")]
    responses = race(
        *(
            lambda c=c, v=v, n=n: c.post(
                url, {"version": opened_at, "review_score": v, "review_comment": n}, **HTMX
            )
            for c, v, n in entries
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
    loser = 1 - winner
    criterion_score = CriterionScore.objects.get(pk=criterion_score.pk)
    assert criterion_score.review_score == Decimal(entries[winner][1])
    assert criterion_score.review_comment == entries[winner][2]
    report.refresh_from_db()
    assert report.version == opened_at + 1
    client, value, name = entries[loser]
    again = client.post(
        url, {"version": report.version, "review_score": value, "review_comment": name}, **HTMX
    )
    assert again.status_code == 200
    criterion_score.refresh_from_db()
    assert criterion_score.review_score == Decimal(value)


def test_submitting_twice_at_once_submits_once(report, alice, hana):
    complete(report)
    services.send_to_head(report, alice)
    url = reverse("reports:submit", args=[report.pk])
    clients = [session(hana), session(hana)]
    responses = race(*(lambda c=c: c.post(url, {"comment": ""}) for c in clients))
    assert [r.status_code for r in responses] == [302, 302]
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    assert ReportEvent.objects.filter(report=report, action="submitted").count() == 1
    # The winner is told it was submitted (a warning when late), the other a clear refusal.
    told = sorted([m.level_tag for m in r.wsgi_request._messages] for r in responses)
    assert told[0] == ["error"] and told[1] in (["success"], ["warning"]), told


def test_two_people_taking_the_last_monthly_pick_at_once_get_one(alice, hana, unit_a):
    """The unit has one pick of March left; alice and her head pick at the same instant."""
    from campaigns.models import TypicalExample

    def example(name):
        return {
            "kind": "person",
            "name": name,
            "position": "Chuyên viên",
            "level": "unit",
            "commended_on": "2026-03-10",
            "reason": "Tận tụy với dân",
            "is_monthly_pick": "on",
        }

    url = reverse("campaigns:example_create")
    assert session(alice).post(url, example("Đã chọn")).status_code == 302
    clients = [session(alice), session(hana)]
    responses = race(
        *(
            lambda c=c, n=n: c.post(url, example(n))
            for c, n in zip(clients, ("An", "Bình"), strict=True)
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 302]
    refused = next(r for r in responses if r.status_code == 200).content.decode()
    assert "tối đa 2" in refused
    picks = TypicalExample.objects.filter(unit=unit_a, is_monthly_pick=True)
    assert picks.count() == TypicalExample.MONTHLY_PICKS
