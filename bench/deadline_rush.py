"""The deadline rush: N units autosave their report for D seconds, then send and submit it.

    .venv/bin/python bench/deadline_rush.py [--users 200] [--duration 60] [--workers 4]

Creates (drops first) the database `danvan_rush` on the PostgreSQL at 127.0.0.1:5432, migrates
it and creates, in one `manage.py shell` call, N units each with a staff account, a head account
and a draft report that is already complete (every criterion described and self-scored, every
required indicator and the general part filled), so the rush only has to change it. The portal
then runs under gunicorn (as deployed, DEBUG off). Each simulated staff member (already logged
in: the setup makes the sessions, since password hashing is not what is measured) opens the
report's form, and every 2-5 s (random) autosaves the description of a random criterion through
the real autosave endpoint, following the version each answer returns; at the end they send the
report to the head, who logs in and submits it.

Prints requests/s, p50/p95/p99 latency and the answers by status over the rush (logins not
counted), then checks in the database that every report is submitted and that each criterion's
stored description is the last one the server acknowledged (lost saves).
"""

import argparse
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live import (  # noqa: E402
    Gunicorn,
    form_value,
    logged_in,
    make_sessions,
    manage,
    site_env,
)

PASSWORD = "Rush-2026-pass"
HTMX = {"HX-Request": "true"}

SETUP = """
import json
from datetime import date
from decimal import Decimal
from django.contrib.auth.hashers import make_password
from accounts.models import Role, User
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from reports.models import AnnualReport, CriterionScore, IndicatorValue
from reports.services import start_report
from units.models import Unit, UnitGroup, UnitType

N = %(users)d
year = date.today().year
cs = CriteriaSet.objects.filter(year=year).first() or create_default_set(year)
group = UnitGroup.objects.order_by("order").first()
units = Unit.objects.bulk_create(
    Unit(code=f"R{i:04}", name=f"Đơn vị thử tải {i}", short_name=f"R{i}",
         type=UnitType.DEPARTMENT, group=group, head_name="Thủ trưởng", head_title="Giám đốc",
         active_from=2020)
    for i in range(N)
)
units = list(Unit.objects.filter(code__startswith="R").order_by("code"))
password = make_password(%(password)r)
people = []
for i, unit in enumerate(units):
    people.append(User(username=f"rush{i}", role=Role.STAFF, unit=unit, password=password,
                       full_name=f"Cán bộ {i}", email=f"rush{i}@example.vn"))
    people.append(User(username=f"rushhead{i}", role=Role.HEAD, unit=unit, password=password,
                       full_name=f"Thủ trưởng {i}", email=f"rushhead{i}@example.vn"))
User.objects.bulk_create(people)
staff = {u.unit_id: u for u in User.objects.filter(username__startswith="rush", role=Role.STAFF)}
reports = [start_report(unit, cs, staff[unit.pk]) for unit in units]
ids = [r.pk for r in reports]
AnnualReport.objects.filter(pk__in=ids).update(general_situation="Tình hình chung của đơn vị.")
for score in CriterionScore.objects.filter(report_id__in=ids).select_related("criterion"):
    score.narrative = "Nội dung ban đầu."
    score.self_score = score.criterion.max_points / 2
    CriterionScore.objects.filter(pk=score.pk).update(
        narrative=score.narrative, self_score=score.self_score)
IndicatorValue.objects.filter(report_id__in=ids, value__isnull=True).update(value=Decimal(1))
print("RUSH", json.dumps({
    "reports": [[r.pk, i, r.version] for i, r in enumerate(reports)],
    "criteria": list(cs.criteria.values_list("pk", flat=True)),
}))
"""

CHECK = """
import json
from reports.models import AnnualReport, CriterionScore
print("RUSH", json.dumps({
    "states": dict(AnnualReport.objects.filter(unit__code__startswith="R")
                   .values_list("pk", "state")),
    "narratives": [[s.report_id, s.criterion_id, s.narrative] for s in
                   CriterionScore.objects.filter(report__unit__code__startswith="R")],
}))
"""


def payload(output):
    line = next(line for line in output.splitlines() if line.startswith("RUSH "))
    return json.loads(line[5:])


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = []
        self.by_kind = {}
        self.statuses = Counter()

    def timed(self, kind, call, *args, **kwargs):
        started = time.perf_counter()
        try:
            status, body = call(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a timeout or a reset is an error to count
            status, body = type(exc).__name__, ""
        elapsed = time.perf_counter() - started
        with self.lock:
            self.latencies.append(elapsed)
            self.by_kind.setdefault(kind, []).append(elapsed)
            self.statuses[status] += 1
        return status, body


def unit_user(
    staff, head, report_pk, index, criteria, start, duration, stats, acknowledged, outcome
):
    time.sleep(max(0.0, start - time.monotonic()))
    until = time.monotonic() + duration
    status, page = stats.timed("open form", staff.get, f"/reports/{report_pk}/edit/")
    version = int(form_value(page, "version"))
    n = 0
    while time.monotonic() + 2 < until:
        time.sleep(random.uniform(2, 5))
        n += 1
        criterion = random.choice(criteria)
        text = f"Đơn vị {index}, lần lưu {n}."
        status, body = stats.timed(
            "autosave",
            staff.post,
            f"/reports/{report_pk}/save/criterion/{criterion}/",
            {"narrative": text, "version": version},
            headers=HTMX,
        )
        if status == 200:
            version = int(form_value(body, "version"))
            acknowledged[(report_pk, criterion)] = text
    stats.timed("send to head", staff.post, f"/reports/{report_pk}/send-to-head/")
    status, _body = stats.timed("submit", head.post, f"/reports/{report_pk}/submit/")
    outcome[report_pk] = status


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database", default="danvan_rush")
    parser.add_argument(
        "--ramp-up",
        type=float,
        default=10,
        help="seconds over which the users arrive (Locust's spawn rate); each then works "
        "--duration seconds, so the sending and submitting at the end is spread the same way",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="CONN_MAX_AGE of the site; the README's deployment section sets 60",
    )
    args = parser.parse_args()
    # A `kill` ends the run like Ctrl-C does, through the `finally` that stops gunicorn.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{args.database}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{args.database}"'], check=True)
    env = site_env(
        f"postgres://postgres@127.0.0.1:5432/{args.database}", CONN_MAX_AGE=args.conn_max_age
    )
    print(f"migrating {args.database} and creating {args.users} units ...", flush=True)
    manage(env, "migrate", "--noinput")
    site = payload(
        manage(env, "shell", "-c", SETUP % {"users": args.users, "password": PASSWORD}).stdout
    )
    people = [f"rush{i}" for i in range(args.users)] + [f"rushhead{i}" for i in range(args.users)]
    # Sessions made by the site rather than 2N logins over HTTP: password hashing is slow.
    keys = make_sessions(env, people)
    server = Gunicorn(env, workers=args.workers)
    cpu_before = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    server.start()
    stats, acknowledged, outcome = Stats(), {}, {}
    try:
        n = args.users
        print("opening a first page for every staff member and head (not timed) ...", flush=True)
        with ThreadPoolExecutor(8) as pool:
            staff = list(pool.map(lambda i: logged_in(server.url, keys[f"rush{i}"]), range(n)))
            heads = list(pool.map(lambda i: logged_in(server.url, keys[f"rushhead{i}"]), range(n)))
        started = time.monotonic()
        arrival = args.ramp_up / max(1, n)
        threads = [
            threading.Thread(
                target=unit_user,
                args=(staff[i], heads[i], pk, i, site["criteria"], started + i * arrival),
                kwargs={
                    "duration": args.duration,
                    "stats": stats,
                    "acknowledged": acknowledged,
                    "outcome": outcome,
                },
                daemon=True,
            )
            for pk, i, _version in site["reports"]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    # gunicorn's CPU (its workers roll up into it) reaches RUSAGE_CHILDREN once it was waited for.
    cpu_after = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    client_cpu, server_cpu = (
        (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        for before, after in zip(cpu_before, cpu_after, strict=True)
    )

    lat = sorted(stats.latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
    print(f"\n{args.users} users, {args.duration} s, gunicorn {args.workers} workers")
    print(f"requests: {len(lat)} in {elapsed:.1f} s = {len(lat) / elapsed:.1f} req/s")
    print(f"latency ms: p50 {q[49] * 1000:.0f}  p95 {q[94] * 1000:.0f}  p99 {q[98] * 1000:.0f}")
    print(f"answers by status: {dict(stats.statuses)}")
    print(
        f"CPU seconds: gunicorn {server_cpu:.1f}, this load generator {client_cpu:.1f} "
        f"(PostgreSQL not counted; {os.cpu_count()} CPUs x {elapsed:.0f} s available)"
    )
    for kind, values in stats.by_kind.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"  {kind:>13}: {len(values):5} requests, p50 {values[len(values) // 2] * 1000:.0f} ms,"
            f" p95 {p95 * 1000:.0f} ms"
        )

    check = payload(manage(env, "shell", "-c", CHECK).stdout)
    states = {int(pk): state for pk, state in check["states"].items()}
    stored = {(r, c): text for r, c, text in check["narratives"]}
    not_submitted = [pk for pk, state in states.items() if state != "submitted"]
    lost = [key for key, text in acknowledged.items() if stored.get(key) != text]
    print(f"submitted: {len(states) - len(not_submitted)} of {len(states)}")
    print(f"acknowledged saves checked: {len(acknowledged)}, lost: {len(lost)}")
    return 0 if not not_submitted and not lost else 1


if __name__ == "__main__":
    sys.exit(main())
