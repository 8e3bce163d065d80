"""Classification results on the dashboards, from the ratings app's runs."""

from collections import Counter
from datetime import date

import pytest
from django.urls import reverse

from ratings import services as ratings
from ratings.models import UnitResult
from reports.services import start_report
from tests.conftest import login
from tests.dashboards.factories import build_province, fill_report
from tests.dashboards.page import body, chart, number

DECISION = {
    "number": "01/QĐ-UBND",
    "date": date(2026, 12, 30),
    "place": "Đồng Nai",
    "issuing_body": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
    "signing_form": "tm",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
}


@pytest.fixture
def classified(criteria_set, lena):
    build_province(criteria_set, 23)
    return ratings.run_now(criteria_set.year, lena)


def province_page(client, user, year):
    return login(client, user).get(reverse("dashboards:province_year", args=[year]))


def test_class_distribution_counts_the_current_run(client, lena, criteria_set, classified):
    # The lead reads the current run before it is published (issue 13: reviewers do not).
    response = province_page(client, lena, criteria_set.year)
    rows = body(response, "classes-table")
    results = UnitResult.objects.filter(run__is_current=True).select_related("group")
    expected = Counter(
        (r.group.name if r.group else "", r.tier_code if r.classified else "") for r in results
    )
    header = list(response.context["classes"].columns)
    codes = ["excellent", "good", "average", ""]
    assert [str(h) for h in header[2:6]] == ["Xuất sắc", "Tốt", "Trung bình", "Không xếp loại"]
    assert rows, "the classes table is empty"
    for row in rows:
        assert int(row[0]) == criteria_set.year
        for code, cell in zip(codes, row[2:6], strict=True):
            assert int(cell) == expected[(row[1], code)]
        assert int(row[6]) == sum(n for (g, _c), n in expected.items() if g == row[1])
    assert sum(int(r[6]) for r in rows) == results.count()
    data = chart(response, "classes")
    assert [d["label"] for d in data["datasets"]] == [str(h) for h in header[2:6]]


def test_top_and_bottom_follow_the_classification_total(client, lena, criteria_set, classified):
    response = province_page(client, lena, criteria_set.year)
    ranked = list(
        UnitResult.objects.filter(run=classified, classified=True)
        .order_by("-total", "unit__code")
        .values_list("unit__name", "total")
    )
    top = body(response, "top-table")
    assert [(r[1], number(r[3])) for r in top] == [(n, float(t)) for n, t in ranked[:10]]
    bottom = body(response, "bottom-table")
    weakest = sorted(ranked, key=lambda r: (r[1], r[0]))
    assert [r[1] for r in bottom][:3] == [n for n, _t in weakest][:3]


def test_unit_people_see_only_published_classes(
    client, alice, rita, adam, unit_a, criteria_set, lena
):
    fill_report(start_report(unit_a, criteria_set, alice), 0)
    run = ratings.run_now(criteria_set.year, lena)
    result = UnitResult.objects.get(run=run, unit=unit_a)
    url = reverse("dashboards:unit", args=[unit_a.pk])

    rows = body(login(client, lena).get(url), "history-table")
    assert number(rows[0][4]) == float(result.total)
    for user in (alice, rita):
        rows = body(login(client, user).get(url), "history-table")
        assert len(rows[0]) == 4  # no classification column before the decision

    ratings.publish(run, adam, **DECISION)
    rows = body(login(client, alice).get(url), "history-table")
    assert number(rows[0][4]) == float(result.total)
    assert rows[0][5] in {"Xuất sắc", "Tốt", "Trung bình"}
    assert int(rows[0][6]) == result.rank


def test_query_count_with_classes_does_not_grow(
    client, rita, criteria_set, lena, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_province(criteria_set, 6)
    ratings.run_now(criteria_set.year, lena)
    login(client, rita)
    url = reverse("dashboards:province_year", args=[criteria_set.year])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    build_province(criteria_set, 30, start=6)
    ratings.run_now(criteria_set.year, lena)
    with django_assert_num_queries(len(small)):
        assert client.get(url).status_code == 200
