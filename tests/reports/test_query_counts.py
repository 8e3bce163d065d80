"""The report pages read a fixed number of queries whatever the number of criteria,
indicators and files."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from criteria.models import Criterion, Indicator
from reports import services
from reports.models import Evidence
from tests.conftest import login

pytestmark = pytest.mark.django_db


def add_files(report, user, n):
    for i in range(n):
        criterion = report.criteria_set.criteria.all()[i % 3]
        Evidence.objects.create(
            report=report,
            criterion=criterion if i % 2 else None,
            file=ContentFile(b"%PDF-1.4\n", name=f"f{i}.pdf"),
            original_name=f"Tệp {i}.pdf",
            size=9,
            content_type="application/pdf",
            uploaded_by=user,
        )


def grow(criteria_set, criteria, indicators):
    for n in range(criteria):
        Criterion.objects.create(
            criteria_set=criteria_set,
            number=20 + n,
            title=f"Tiêu chí thêm {n}",
            max_points=Decimal("5"),
            order=20 + n,
        )
    added = list(criteria_set.criteria.filter(number__gte=20))
    for n in range(indicators):
        Indicator.objects.create(
            criteria_set=criteria_set,
            code=f"extra_{n}",
            name=f"Chỉ tiêu thêm {n}",
            criterion=added[n % len(added)],
            order=50 + n,
        )


def count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["reports:edit", "reports:detail"])
def test_report_page_queries_do_not_grow(
    client, criteria_set, unit_a, unit_b, alice, bob, page, django_assert_num_queries
):
    small = services.start_report(unit_a, criteria_set, alice)
    add_files(small, alice, 1)
    login(client, alice)
    client.get(reverse(page, args=[small.pk]))  # warm the session and caches
    expected = count(client, reverse(page, args=[small.pk]))

    grow(criteria_set, criteria=6, indicators=12)
    large = services.start_report(unit_b, criteria_set, bob)
    add_files(large, bob, 8)
    assert large.scores.count() == 15 and large.evidence.count() == 8
    login(client, bob)
    client.get(reverse(page, args=[large.pk]))
    with django_assert_num_queries(expected):
        response = client.get(reverse(page, args=[large.pk]))
    assert "Tiêu chí thêm 5" in response.content.decode()
    assert "Tệp 7.pdf" in response.content.decode()


# --- Pinned counts (issue 18: the deadline rush) -----------------------------------------------
#
# Counted in the test's transaction, so a savepoint would count too (the saves have none). Each
# request reads the session and the user with the unit; the session is written at most once a
# minute (danvan.errors.SessionMiddleware), so not in these counts: the first request warms it.


def _post(client, url, data):
    return client.post(url, data, HTTP_HX_REQUEST="true", HTTP_X_AUTOSAVE="1")


def test_autosave_query_counts_are_pinned(client, report, alice, django_assert_num_queries):
    login(client, alice)
    client.get(reverse("reports:edit", args=[report.pk]))
    criterion = report.criteria_set.criteria.get(number=1)
    url = reverse("reports:save_criterion", args=[report.pk, criterion.pk])
    # The report with its scores (and the year's rulebook version); the version claim with who
    # saved; the score; its history. The classes for the running total come from the process's
    # rulebook (criteria.rulebook), read by the page.
    with django_assert_num_queries(6):
        response = _post(client, url, {"narrative": "Đã làm.", "base-narrative": "", "version": 1})
    assert response.status_code == 200 and response["X-Report-Version"] == "2"
    # A self-score also writes the audit entry, and reads the report's figures: a rule tied to
    # criterion 1's self-score (training participants) may start or stop applying.
    with django_assert_num_queries(8):
        response = _post(client, url, {"self_score": "7,5", "base-self_score": "", "version": 2})
    assert response.status_code == 200 and "7,50" in response.content.decode()
    assert 'id="indicator-warnings"' in response.content.decode()
    # No rule is tied to criterion 2: its self-score changes no warning, the figures stay unread.
    untied = report.criteria_set.criteria.get(number=2)
    untied_url = reverse("reports:save_criterion", args=[report.pk, untied.pk])
    with django_assert_num_queries(7):
        response = _post(
            client, untied_url, {"self_score": "5", "base-self_score": "", "version": 3}
        )
    assert response.status_code == 200
    assert 'id="indicator-warnings"' not in response.content.decode()
    # The general part: the report, then one UPDATE with the claim.
    with django_assert_num_queries(4):
        response = _post(
            client,
            reverse("reports:save_general", args=[report.pk]),
            {"general_situation": "Tình hình.", "base-general_situation": "", "version": 4},
        )
    assert response.status_code == 200
    # Indicators: the report with its values, the claim, the values and the self-scores that
    # rules may be tied to (the rules from the rulebook).
    indicator = report.criteria_set.indicators.get(code="petitions_received")
    with django_assert_num_queries(6):
        response = _post(
            client,
            reverse("reports:save_indicators", args=[report.pk]),
            {f"ind-{indicator.pk}": "35", f"base-ind-{indicator.pk}": "", "version": 5},
        )
    assert response.status_code == 200 and response["X-Report-Version"] == "6"
    report.refresh_from_db()
    assert report.version == 6 and report.general_situation == "Tình hình."
    assert report.updated_by == alice
    assert report.scores.get(criterion=criterion).self_score == Decimal("7.5")
    assert report.indicators.get(indicator=indicator).value == 35


def test_an_unchanged_autosave_writes_nothing(client, report, alice, django_assert_num_queries):
    login(client, alice)
    client.get(reverse("reports:edit", args=[report.pk]))
    criterion = report.criteria_set.criteria.get(number=2)
    url = reverse("reports:save_criterion", args=[report.pk, criterion.pk])
    with django_assert_num_queries(3):  # no claim, no write; the total is answered as ever
        response = _post(client, url, {"narrative": "", "base-narrative": "", "version": 1})
    assert response.status_code == 200 and response["X-Report-Version"] == "1"


# The edit form: the report, scores and indicator values (each with last year's), sub-items,
# files, the unit's models; the hand-backs once there are some. The classes and rules come from
# the process's rulebook (criteria.rulebook), read on the first request.
# The view: the same without sub-items or last year's scores (it shows last year's indicator
# values only), with the report's events (the hand-backs among them).
PAGE_QUERIES = {"reports:edit": 8, "reports:detail": 8}


@pytest.mark.parametrize("page", ["reports:edit", "reports:detail"])
def test_report_page_query_counts_are_pinned(
    client, report, alice, hana, page, django_assert_num_queries
):
    from tests.reports.conftest import complete

    add_files(report, alice, 2)
    login(client, alice)
    client.get(reverse(page, args=[report.pk]))
    with django_assert_num_queries(PAGE_QUERIES[page]):
        assert client.get(reverse(page, args=[report.pk])).status_code == 200
    # Handed back by the head: the edit form reads the hand-backs (one query more).
    complete(report)
    services.send_to_head(report, alice)
    services.send_back(report, hana, "Bổ sung số liệu tiêu chí 3.")
    extra = 1 if page == "reports:edit" else 0
    with django_assert_num_queries(PAGE_QUERIES[page] + extra):
        response = client.get(reverse(page, args=[report.pk]))
    assert "Bổ sung số liệu tiêu chí 3." in response.content.decode()


def test_send_and_submit_only_enqueue_their_mail(
    client, report, alice, hana, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The request writes the notification's kind, actor and comment; the task (eager here)
    finds the recipients, writes subject and body and sends."""
    from django.core import mail

    from reports.models import Notification
    from tests.reports.conftest import complete

    complete(report)
    login(client, alice)
    client.get(reverse("reports:detail", args=[report.pk]))
    url = reverse("reports:send_to_head", args=[report.pk])
    # The report; under its lock: the move, its event, the audit entry, the notification.
    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        django_assert_num_queries(10),
    ):
        assert client.post(url, {"comment": "Kính trình."}).status_code == 302
    note = Notification.objects.get()
    assert (note.subject, note.body, note.recipients) == ("", "", [])
    assert note.actor == alice and note.comment == "Kính trình." and mail.outbox == []
    for callback in callbacks:
        callback()
    note.refresh_from_db()
    assert note.status == Notification.Status.SENT and note.recipients == ["hana@example.vn"]
    assert "Alice" in note.body and "Kính trình." in mail.outbox[0].body

    login(client, hana)
    client.get(reverse("reports:detail", args=[report.pk]))
    # Also the scores and values (read once for the completeness check, the consistency rules
    # and the snapshot), the snapshot's number and row, the year's lock (the rules from the
    # rulebook).
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(15):
        response = client.post(reverse("reports:submit", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted" and report.snapshots.count() == 1
