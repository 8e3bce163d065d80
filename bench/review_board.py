"""Review board at 50 and 5,000 units: queries and time per page, on a throwaway test database.

    .venv/bin/python bench/review_board.py            # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench \\
        .venv/bin/python bench/review_board.py

    DATABASE_URL=... .venv/bin/python bench/review_board.py --concurrent 20 [--requests 10] \\
        [--think 2] [--workers 4] [--units 5000]

Prints, for each size, the number of SQL queries of the board page, of the filtered board
(group + search + sort by review total) and of the .xlsx export, with their server times
(Django's test client in this process). The query counts must not grow with the number of units
(tests/review/test_board.py pins them for 50 and 550). On PostgreSQL the tables are ANALYZEd
after they are filled, as autovacuum would do in a real database.

`--concurrent N` (PostgreSQL only) then measures the board as deployed: the portal runs under
gunicorn (`--workers`, 4 as in deploy/danvan-web.service; DEBUG off, CONN_MAX_AGE=60 as the
README's Deploying section says) on the bench database, and N reviewers, each with a share of
the units and a logged-in session, load the board of the largest size over real HTTP from
threads of this process (they only wait on sockets). "N concurrent" is the harshest reading:
all N start at the same instant and each loads the board `--requests` times back to back, with
no pause, so N requests are always in flight. `--think S` runs it again with a pause of S
seconds on average (0.5 S to 1.5 S at random, so the reviewers drift apart as people do)
between a reviewer's answer and their next request, the reviewers arriving at random over
the first S seconds, and prints both. It prints p50/p95/max of the
latency each client saw, requests/s, errors, the CPU used over the timed part by gunicorn (master
and workers), by the PostgreSQL backends serving it and by this generator, and the load average.
The database is a throwaway test database, created and migrated first, dropped at the end.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
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


def proc_cpu(pids):
    """CPU seconds (user + system) the processes `pids` have used so far; None if unreadable."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def gunicorn_pids(master):
    """The gunicorn master and its workers."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return [master, *map(int, children.read_text().split())] if children.exists() else [master]


def postgres_backends():
    """The PostgreSQL backends connected to the bench database, other than this process's."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        return [pid for (pid,) in cursor.fetchall()]


def serve(usernames, workers):
    """The portal under gunicorn, as deployed, on the bench database; sessions for `usernames`."""
    from tests.live import Gunicorn, make_sessions, site_env

    db = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(
        **{key: urllib.parse.quote(str(db[key] or ""), safe="") for key in db if key.isupper()}
    )
    env = site_env(url, CONN_MAX_AGE=60)  # README, Deploying: 60 in production
    return Gunicorn(env, workers=workers), make_sessions(env, usernames)


def rush(server, keys, path, requests, think):
    """Every session loads `path` `requests` times, all starting at once, pausing `think`
    seconds (0: none) after each answer. Returns the figures of the timed part."""
    from tests.live import logged_in

    with ThreadPoolExecutor(8) as pool:
        sessions = list(pool.map(lambda key: logged_in(server.url, key), keys))
        warm = list(pool.map(lambda session: session.get(path), sessions))  # not timed
    # A lost session would be answered 200 too, with the login page (after the redirect).
    if not all(status == 200 and 'id="board"' in body for status, body in warm):
        sys.exit("the board did not answer every reviewer: " + str([s for s, _b in warm]))
    times, errors = [], []
    barrier = threading.Barrier(len(sessions) + 1, timeout=600)

    def work(session):
        barrier.wait()
        if think:  # with pauses, the reviewers also arrive over the first `think` seconds
            time.sleep(random.uniform(0, think))
        for _ in range(requests):
            began = time.perf_counter()
            try:
                status, body = session.get(path, timeout=60)
            except Exception as exc:  # noqa: BLE001 - a timeout or a reset is an error to count
                status, body = type(exc).__name__, ""
            times.append(time.perf_counter() - began)
            if status != 200 or 'id="board"' not in body:
                errors.append(status if status != 200 else "200 without the board")
            if think:  # varied, or the reviewers would stay in step and arrive in bursts
                time.sleep(random.uniform(0.5, 1.5) * think)

    workers = [threading.Thread(target=work, args=(s,)) for s in sessions]
    for worker in workers:
        worker.start()
    pids, backends = gunicorn_pids(server.proc.pid), postgres_backends()
    cpu = (proc_cpu(pids), proc_cpu(backends), resource.getrusage(resource.RUSAGE_SELF))
    barrier.wait()
    began = time.perf_counter()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - began
    after = (proc_cpu(pids), proc_cpu(backends), resource.getrusage(resource.RUSAGE_SELF))
    used = [
        None if a is None or b is None else a - b for a, b in zip(after[:2], cpu[:2], strict=True)
    ]
    used.append(after[2].ru_utime + after[2].ru_stime - cpu[2].ru_utime - cpu[2].ru_stime)
    return times, errors, wall, used


def report_rush(label, times, errors, wall, used):
    ms = [t * 1000 for t in times]
    gunicorn, postgres, generator = ("n/a" if x is None else f"{x:.1f} s" for x in used)
    each = "" if used[0] is None else f" = {used[0] / len(times) * 1000:.0f} ms a request"
    print(
        f"{label}: {len(times)} requests in {wall:.1f} s, p50 {statistics.median(ms):.0f} ms, "
        f"p95 {percentile(ms, 0.95):.0f} ms, max {max(ms):.0f} ms, "
        f"{len(times) / wall:.1f} requests/s, {len(errors)} errors; CPU: gunicorn {gunicorn}"
        f"{each}, PostgreSQL backends {postgres}, this generator {generator} "
        f"({os.cpu_count()} CPUs; {load()})"
    )
    if errors:
        print("  errors:", sorted(set(map(str, errors)))[:5])


def concurrent(args, criteria_set, lead, path):
    """`--concurrent` reviewers, each with a share of the units, load the board under gunicorn."""
    from accounts.models import Role
    from review import services as review
    from tests.conftest import make_user
    from units.models import Unit

    if connection.vendor != "postgresql":
        sys.exit("--concurrent needs PostgreSQL (DATABASE_URL): gunicorn serves the bench database")
    reviewers = [make_user(f"bench_r{i:02}", Role.REVIEWER) for i in range(args.concurrent)]
    codes = list(
        Unit.objects.rated_in(criteria_set.year).order_by("code").values_list("pk", flat=True)
    )
    for i, reviewer in enumerate(reviewers):
        review.assign(
            criteria_set, Unit.objects.filter(pk__in=codes[i :: len(reviewers)]), reviewer, lead
        )
    analyze()
    server, keys = serve([r.username for r in reviewers], args.workers)
    server.start()
    try:
        keys = [keys[r.username] for r in reviewers]
        label = (
            f"{args.concurrent} reviewers x {args.requests} board requests back to back, "
            f"gunicorn {args.workers} workers"
        )
        report_rush(label, *rush(server, keys, path, args.requests, 0))
        if args.think:
            label = f"the same with {args.think:g} s think time (on average) after each page"
            report_rush(label, *rush(server, keys, path, args.requests, args.think))
    finally:
        server.stop()


def analyze():
    """Fresh planner statistics, as autovacuum gathers them within a minute of the inserts in a
    real database: a just-built one has none and PostgreSQL plans as if every table were empty."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--concurrent", type=int, default=0, help="reviewers loading the board under gunicorn"
    )
    parser.add_argument("--requests", type=int, default=10, help="board loads per reviewer")
    parser.add_argument(
        "--think", type=float, default=0, help="also run with this pause (s) after each page"
    )
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (deploy/: 4)")
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
            analyze()
            client.get(pages["board"])  # warm up
            figures = [
                f"{name} {q} queries {t * 1000:.0f} ms"
                for name, (q, t) in ((name, measure(client, url)) for name, url in pages.items())
            ]
            print(f"{n:>6} units: " + "; ".join(figures) + f" ({load()})")
        if args.concurrent:
            concurrent(args, criteria_set, lead, pages["board"])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
