"""The review board: every active unit with state, totals and reviewer; filters; counts; export."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from demo.factories import many_units
from review import services as review
from tests.conftest import login
from tests.review.factories import submitted_report
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db


def board_url(criteria_set, **params):
    url = reverse("review:board", args=[criteria_set.year])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def rows(response):
    return [unit.code for unit in response.context["page_obj"]]


def test_board_lists_active_units_with_state_totals_and_counts(
    client, rita, report, unit_a, unit_b, group_departments, criteria_set
):
    Unit.objects.create(
        code="OLD", name="Huyện cũ", type=UnitType.DISTRICT, active_from=2000, active_to=2020
    )
    report.scores.update(review_score=Decimal("7.5"))
    response = login(client, rita).get(board_url(criteria_set))
    assert response.status_code == 200
    assert rows(response) == ["SNV", "STP"]  # the inactive district is not on the board
    by_code = {u.code: u for u in response.context["page_obj"]}
    assert by_code["SNV"].state == "submitted"
    assert by_code["SNV"].self_total == Decimal("72")  # 9 criteria x 8
    assert by_code["SNV"].review_total == Decimal("67.5")
    assert by_code["STP"].state == review.NOT_STARTED
    html = response.content.decode()
    assert "1/2 đã nộp" in html
    assert "Chưa bắt đầu" in html and "Đã nộp" in html


def test_filters_search_without_diacritics_and_sorting(
    client, rita, lena, report, unit_a, unit_b, criteria_set
):
    login(client, rita)
    assert rows(client.get(board_url(criteria_set, q="tu phap"))) == ["STP"]
    assert rows(client.get(board_url(criteria_set, state="not_started"))) == ["STP"]
    assert rows(client.get(board_url(criteria_set, state="submitted"))) == ["SNV"]
    review.assign(criteria_set, [unit_b], rita, lena)
    assert rows(client.get(board_url(criteria_set, reviewer=rita.pk))) == ["STP"]
    assert rows(client.get(board_url(criteria_set, reviewer="none"))) == ["SNV"]
    assert rows(client.get(board_url(criteria_set, mine="on"))) == ["STP"]
    # A reviewer's own units come first when no sort is chosen.
    assert rows(client.get(board_url(criteria_set))) == ["STP", "SNV"]
    assert rows(client.get(board_url(criteria_set, sort="-self_total"))) == ["SNV", "STP"]
    assert rows(client.get(board_url(criteria_set, sort="-code"))) == ["STP", "SNV"]


def test_the_pages_count_the_rows_shown(client, rita, report, unit_a, unit_b, criteria_set):
    """The paginator's count comes from the counts per state: it must be the rows' number."""
    login(client, rita)

    def count(**params):
        response = client.get(board_url(criteria_set, **params))
        assert response.context["page_obj"].paginator.count == len(rows(response))
        return len(rows(response))

    assert count() == 2
    assert count(state="submitted") == 1
    assert count(state="accepted") == 0
    assert count(q="tu phap", state="not_started") == 1
    assert count(q="tu phap", state="submitted") == 0
    assert count(group=999999, state="submitted") == 2  # an invalid filter filters nothing


def test_export_has_the_filtered_rows(client, rita, report, unit_a, unit_b, criteria_set):
    response = login(client, rita).get(
        reverse("review:export", args=[criteria_set.year]) + "?state=submitted"
    )
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Mã đơn vị"
    assert [row[0] for row in values[1:]] == ["SNV"]
    assert values[1][3] == "Đã nộp" and values[1][5] == 72


def _units(n, group, start=0):
    many_units(group, n, "X", "Ủy ban nhân dân xã {i}", start=start, digits=5)


def test_board_query_count_does_not_grow_with_units(
    client, lena, rita, report, group_communes, criteria_set, django_assert_num_queries
):
    """50 units and 550 units cost the same queries (bench/review_board.py tries 5,000)."""
    _units(50, group_communes)
    review.assign(criteria_set, Unit.objects.all(), rita, lena)
    login(client, lena)
    url = board_url(criteria_set)
    client.get(url)  # warm the session and the caches

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    _units(500, group_communes, start=50)
    review.assign(criteria_set, Unit.objects.filter(code__gte="X00050"), rita, lena)
    for unit in Unit.objects.filter(code__in=["X00060", "X00070"]):
        submitted_report(unit)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 551
    # A constant, whatever the number of units: the session, the user, the year, the review
    # team (one query), the counts per state (which also give the paginator its count: no
    # COUNT), the page in two queries (its 50 ids in order, then those 50 rows with their
    # totals and reviewer: the sort over every unit computes no total), two for the figure
    # warnings of the reports on the page (values and self-scores: the rules come from the
    # rulebook cached per process, and the indicators' names are read only to word a broken
    # rule, none broken here), the years of the year switch and the groups of the filter and
    # of the lead's assign form.
    assert small == 12


def test_unit_people_cannot_open_the_board(client, alice, criteria_set):
    assert login(client, alice).get(board_url(criteria_set)).status_code == 403


def test_the_page_in_two_steps_has_the_rows_and_order_of_one_query(
    rf, rita, lena, group_communes, criteria_set
):
    """The board fetches the page's ids first, then those rows: for every sort key, both ways
    (units without a report or a score last either way) and "mine first", pages 1 and 2 hold
    exactly the rows, in the order and with the values, of the one-step sorted query."""
    from criteria.models import Criterion
    from reports.models import AnnualReport, CriterionScore
    from review import views

    _units(60, group_communes)
    units = list(Unit.objects.order_by("code"))
    review.assign(criteria_set, units[0:20], rita, lena)
    review.assign(criteria_set, units[20:35], lena, lena)  # 35 to 59: nobody's
    for i, unit in enumerate(units[50:56]):
        report = submitted_report(unit)
        # Ties (two reports alike) and scores only on some: the order then rests on the code.
        CriterionScore.objects.filter(report=report).update(
            review_score=Decimal(i % 3) if i % 2 else None
        )
        AnnualReport.objects.filter(pk=report.pk).update(is_late=bool(i % 2))
    CriterionScore.objects.filter(
        report__unit=units[52], criterion=Criterion.objects.order_by("pk").first()
    ).update(self_score=Decimal(0))
    team = review.review_team(criteria_set.year)
    fields = ("pk", "state", "is_late", "self_total", "review_total", "reviewer_name", "mine")
    sorts = [None] + [key for name in views.SORTS for key in (name, f"-{name}")]
    for sort in sorts:
        for page in (1, 2):
            params = {"page": page} | ({"sort": sort} if sort else {})
            request = rf.get("/", params)
            request.user = rita
            _form, counts, one_step, _sort = views._board_units(request, criteria_set, team)
            expected = [
                tuple(getattr(u, f) for f in fields) for u in one_step[(page - 1) * 50 : page * 50]
            ]
            shown = views.paginate_ids_first(request, one_step, views.BOARD_PER_PAGE, 60)
            assert [tuple(getattr(u, f) for f in fields) for u in shown] == expected, sort
            assert len(expected) == (50 if page == 1 else 10)


def test_rows_mark_the_viewers_units_and_say_late_and_not_assigned(
    client, rita, lena, report, unit_a, unit_b, criteria_set
):
    from reports.models import AnnualReport

    review.assign(criteria_set, [unit_b], rita, lena)
    AnnualReport.objects.filter(pk=report.pk).update(is_late=True)
    html = login(client, rita).get(board_url(criteria_set)).content.decode()
    assert '<tr data-unit="STP" class="table-info">' in html  # rita's unit
    assert '<tr data-unit="SNV">' in html
    assert '<span class="badge bg-warning text-dark">nộp muộn</span>' in html
    assert '<span class="text-muted">chưa phân công</span>' in html
