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
