"""Review board at 50 and 5,000 units: queries and time per page, on a throwaway test database.

    .venv/bin/python bench/review_board.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench \\
        .venv/bin/python bench/review_board.py

    .venv/bin/python bench/review_board.py --concurrent 20 [--requests 10] [--units 5000]

Prints, for each size, the number of SQL queries of the board page, of the filtered board
(group + search + sort by review total) and of the .xlsx export, with wall-clock times. The
query counts must not grow with the number of units (tests/review/test_board.py pins it for 50
and 550). With `--concurrent N`, N threads (each its own Django test client, logged in as a
reviewer, and its own database connection) then load the board of the largest size at once,
`--requests` times each, and it prints p50/p95 of their server times and the load average.
The database is a throwaway test database, created and migrated first, dropped at the end.
"""

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

SIZES = (50, 5000)


def load():
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def build(n, criteria_set, lead, reviewer, group):
    from demo.factories import many_units
    from review import services as review
    from tests.review.factories import submitted_report
    from units.models import Unit

    have = Unit.objects.filter(code__startswith="B").count()
    many_units(group, n - have, "B", "Ủy ban nhân dân xã Bến {i}", start=have, digits=5)
    review.assign(criteria_set, Unit.objects.all(), reviewer, lead)
    for unit in Unit.objects.filter(code__startswith="B").order_by("code")[have : have + 20]:
        submitted_report(unit)


def measure(client, url):
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries), elapsed


def concurrent(user, url, threads, requests):
    """`threads` clients load `url` `requests` times each, all at once; [seconds per request].
    The clients log in one after the other first (a login writes the session)."""
    clients = []
    for _ in range(threads):
        client = Client()
        client.force_login(user)
        client.get(url)
        clients.append(client)
    times, errors, start = [], [], threading.Barrier(threads, timeout=600)

    def work(client):
        try:
            start.wait()
            for _ in range(requests):
                began = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - began)
                if response.status_code != 200:
                    errors.append(response.status_code)
        except Exception as exc:  # counted, and the other threads go on
            errors.append(repr(exc)[:200])
        finally:
            connection.close()

    workers = [threading.Thread(target=work, args=(client,)) for client in clients]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return times, errors, time.perf_counter() - began


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=0, help="threads loading the board")
    parser.add_argument("--requests", type=int, default=10, help="requests per thread")
    parser.add_argument("--units", type=int, default=SIZES[-1], help="largest size")
    args = parser.parse_args()
    sizes = tuple(n for n in SIZES if n < args.units) + (args.units,)
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from accounts.models import Role
        from tests.conftest import ensure_reference_data, make_user
        from units.models import UnitGroup

        ensure_reference_data()
        from criteria.models import CriteriaSet

        criteria_set = CriteriaSet.objects.order_by("-year").first()
        group = UnitGroup.objects.get(code="xa-phuong")
        lead = make_user("bench_lead", Role.LEAD)
        reviewer = make_user("bench_rita", Role.REVIEWER)
        client = Client()
        client.force_login(lead)
        year = criteria_set.year
        pages = {
            "board": reverse("review:board", args=[year]),
            "filtered": reverse("review:board", args=[year])
            + f"?group={group.pk}&q=ben&sort=-review_total",
            "export": reverse("review:export", args=[year]),
        }
        print(f"database: {connection.vendor}; {load()}")
        for n in sizes:
            build(n, criteria_set, lead, reviewer, group)
            client.get(pages["board"])  # warm up
            figures = [
                f"{name} {q} queries {t * 1000:.0f} ms"
                for name, (q, t) in ((name, measure(client, url)) for name, url in pages.items())
            ]
            print(f"{n:>6} units: " + "; ".join(figures) + f" ({load()})")
        if args.concurrent:
            times, errors, wall = concurrent(
                reviewer, pages["board"], args.concurrent, args.requests
            )
            ms = [t * 1000 for t in times]
            print(
                f"{args.concurrent} clients x {args.requests} board requests at "
                f"{sizes[-1]} units: p50 {statistics.median(ms):.0f} ms, "
                f"p95 {percentile(ms, 0.95):.0f} ms, {len(times) / wall:.1f} requests/s, "
                f"{len(errors)} errors ({load()})"
            )
            if errors:
                print("errors:", sorted(set(map(str, errors)))[:5])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
