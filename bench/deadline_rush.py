"""The deadline rush: N units autosave their report for D seconds, then send and submit it.

    .venv/bin/python bench/deadline_rush.py [--users 200] [--duration 60] [--workers 4]
        [--ramp-up 10] [--database danvan_rush] [--broker redis://127.0.0.1:6379/0 | none]
        [--queue danvan_rush] [--worker-concurrency 2]

Creates (drops first) the database `--database` on the PostgreSQL at 127.0.0.1:5432, migrates
it and creates, in one `manage.py shell` call, N units each with a staff account, a head account
and a draft report that is already complete (every criterion described and self-scored, every
required indicator and the general part filled), so the rush only has to change it. The portal
then runs as deployed (README, Deploying): gunicorn (DEBUG off) with a Redis broker and a real
`celery worker` process on its own queue, which sends the notification e-mails (to files in a
temporary folder). Without Redis at `--broker`, or with `--broker none`, the notifications run
inside the requests (eager), as in the first version of this bench. Each simulated staff member
(already logged in: the setup makes the sessions, since password hashing is not what is
measured) opens the report's form, and every 2-5 s (random) autosaves the description of a
random criterion through the real autosave endpoint, following the version each answer returns;
at the end they send the report to the head, who submits it.

Prints requests/s, p50/p95/p99 latency overall and per kind of request and the answers by status
over the rush (logins not counted), the CPU seconds of gunicorn, the worker and this load
generator and the load average; then checks in the database that every report is submitted,
that each criterion's stored description is the last one the server acknowledged (lost saves)
and, with a broker, that the worker sent every sign-off request (exit status 1 otherwise).
"""

import argparse
import json
import os
import random
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg2
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live import (  # noqa: E402
    Gunicorn,
    WorkerProcess,
    logged_in,
    make_sessions,
    manage,
    report_version,
    site_env,
)

PASSWORD = "Rush-2026-pass"
INITIAL = "Nội dung ban đầu."  # every criterion's description when the rush starts
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
    score.narrative = %(initial)r
    score.self_score = score.criterion.max_points / 2
    CriterionScore.objects.filter(pk=score.pk).update(
        narrative=score.narrative, self_score=score.self_score)
IndicatorValue.objects.filter(report_id__in=ids, value__isnull=True).update(value=Decimal(1))
# Figures that agree with the year's consistency rules (six ways a petition is dealt with, one
# each), so the head submits without explaining a warning.
IndicatorValue.objects.filter(
    report_id__in=ids, indicator__code="petitions_received").update(value=Decimal(6))
print("RUSH", json.dumps({
    "reports": [[r.pk, i, r.version] for i, r in enumerate(reports)],
    "criteria": list(cs.criteria.values_list("pk", flat=True)),
}))
"""

CHECK = """
import json
from django.db.models import Count
from reports.models import AnnualReport, CriterionScore, Notification
print("RUSH", json.dumps({
    "states": dict(AnnualReport.objects.filter(unit__code__startswith="R")
                   .values_list("pk", "state")),
    "narratives": [[s.report_id, s.criterion_id, s.narrative] for s in
                   CriterionScore.objects.filter(report__unit__code__startswith="R")],
    "notifications": [[kind, status, n] for kind, status, n in
                      Notification.objects.filter(unit__code__startswith="R")
                      .values_list("kind", "status").annotate(n=Count("pk"))],
}))
"""

# Polled while the worker catches up after the rush.
SENT = (
    "SELECT count(*) FROM reports_notification WHERE status <> 'pending' AND kind = "
    "'signoff_requested'"
)


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
    version = int(report_version(page))
    bases = {}
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
            # As autosave.js: the field's value as this page last saw it saved (its base).
            {
                "narrative": text,
                "base-narrative": bases.get(criterion, INITIAL),
                "version": version,
            },
            headers=HTMX,
        )
        if status == 200:
            version = int(staff.headers["X-Report-Version"])
            acknowledged[(report_pk, criterion)] = bases[criterion] = text
    stats.timed("send to head", staff.post, f"/reports/{report_pk}/send-to-head/")
    status, _body = stats.timed("submit", head.post, f"/reports/{report_pk}/submit/")
    outcome[report_pk] = status


def broker_reachable(url):
    """Whether Redis answers at `url`."""
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError:
        return False


def purge(url, queue):
    redis.Redis.from_url(url).delete(queue)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def own_cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def wait_for_mail(database, expected, timeout=180):
    """Seconds until the worker has dealt with `expected` sign-off requests (None: timed out).
    Polled from this process (not a child), so the worker's CPU figure stays its own."""
    started = time.monotonic()
    with psycopg2.connect(host="127.0.0.1", user="postgres", dbname=database) as connection:
        connection.autocommit = True
        with connection.cursor() as cursor:
            while time.monotonic() - started < timeout:
                cursor.execute(SENT)
                if cursor.fetchone()[0] >= expected:
                    return time.monotonic() - started
                time.sleep(0.5)
    return None


def quantile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--database", default="danvan_rush")
    parser.add_argument(
        "--broker",
        default="redis://127.0.0.1:6379/0",
        help="Redis for Celery, as deployed; 'none' runs the notifications inside the requests",
    )
    parser.add_argument("--queue", default="danvan_rush", help="the Celery queue of this run")
    parser.add_argument(
        "--worker-concurrency",
        type=int,
        default=2,
        help="processes of the celery worker (deploy/danvan-worker.service runs 2)",
    )
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

    broker = None if args.broker == "none" else args.broker
    if broker and not broker_reachable(broker):
        print(f"no Redis at {broker}: the notifications run inside the requests", flush=True)
        broker = None
    mail_dir = tempfile.mkdtemp(prefix="danvan-rush-mail-")
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]
    subprocess.run([*psql, f'DROP DATABASE IF EXISTS "{args.database}"'], check=True)
    subprocess.run([*psql, f'CREATE DATABASE "{args.database}"'], check=True)
    extra = {"CONN_MAX_AGE": args.conn_max_age, "EMAIL_URL": f"filemail:///{mail_dir}"}
    if broker:
        extra.update(CELERY_QUEUE=args.queue, CELERY_TASK_ALWAYS_EAGER="0")
    env = site_env(f"postgres://postgres@127.0.0.1:5432/{args.database}", broker, **extra)
    print(f"migrating {args.database} and creating {args.users} units ...", flush=True)
    manage(env, "migrate", "--noinput")
    site = payload(
        manage(
            env,
            "shell",
            "-c",
            SETUP % {"users": args.users, "password": PASSWORD, "initial": INITIAL},
        ).stdout
    )
    people = [f"rush{i}" for i in range(args.users)] + [f"rushhead{i}" for i in range(args.users)]
    # Sessions made by the site rather than 2N logins over HTTP: password hashing is slow.
    keys = make_sessions(env, people)
    server = Gunicorn(env, workers=args.workers)
    worker = WorkerProcess(env, concurrency=args.worker_concurrency) if broker else None
    cpu = {"before": children_cpu()}
    client_before = own_cpu()
    stats, acknowledged, outcome = Stats(), {}, {}
    delivered_after, finished = None, False
    try:
        if worker:
            purge(broker, args.queue)
            worker.start()
        cpu["worker started"] = children_cpu()
        server.start()
        n = args.users
        print("opening a first page for every staff member and head (not timed) ...", flush=True)
        with ThreadPoolExecutor(8) as pool:
            staff = list(pool.map(lambda i: logged_in(server.url, keys[f"rush{i}"]), range(n)))
            heads = list(pool.map(lambda i: logged_in(server.url, keys[f"rushhead{i}"]), range(n)))
        load_before = load()
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
        load_after = load()
        client_cpu = own_cpu() - client_before
        finished = True
    finally:
        server.stop()
        cpu["gunicorn stopped"] = children_cpu()
        if worker:
            if finished:  # not after Ctrl-C or a kill
                delivered_after = wait_for_mail(args.database, args.users)
            worker.stop()
        cpu["worker stopped"] = children_cpu()
    # Each process's CPU (gunicorn's workers roll up into it, the worker's pool into it) reaches
    # RUSAGE_CHILDREN once it was waited for: the steps between the stops tell them apart.
    gunicorn_cpu = cpu["gunicorn stopped"] - cpu["worker started"]
    worker_cpu = cpu["worker stopped"] - cpu["gunicorn stopped"]
    worker_cpu += cpu["worker started"] - cpu["before"]

    lat = sorted(stats.latencies)
    q = statistics.quantiles(lat, n=100) if len(lat) > 1 else lat * 99
    mode = (
        f"Redis broker, celery worker -c {args.worker_concurrency} on queue {args.queue}"
        if broker
        else "no broker: notifications inside the requests"
    )
    print(
        f"\n{args.users} users, {args.duration} s, ramp-up {args.ramp_up:g} s, "
        f"gunicorn {args.workers} workers, {mode}"
    )
    print(f"{load_before} at the start, {load_after} at the end ({os.cpu_count()} CPUs)")
    print(f"requests: {len(lat)} in {elapsed:.1f} s = {len(lat) / elapsed:.1f} req/s")
    print(f"latency ms: p50 {q[49] * 1000:.0f}  p95 {q[94] * 1000:.0f}  p99 {q[98] * 1000:.0f}")
    print(f"answers by status: {dict(stats.statuses)}")
    cpus = f"gunicorn {gunicorn_cpu:.1f}"
    if broker:
        cpus += f", celery worker {worker_cpu:.1f}"
    print(
        f"CPU seconds: {cpus}, this load generator {client_cpu:.1f} "
        f"(PostgreSQL and Redis not counted; {os.cpu_count()} CPUs x {elapsed:.0f} s available)"
    )
    for kind, values in stats.by_kind.items():
        p50, p95, p99 = (quantile(values, share) * 1000 for share in (0.5, 0.95, 0.99))
        print(
            f"  {kind:>13}: {len(values):5} requests, p50 {p50:.0f} ms, p95 {p95:.0f} ms,"
            f" p99 {p99:.0f} ms"
        )

    check = payload(manage(env, "shell", "-c", CHECK).stdout)
    states = {int(pk): state for pk, state in check["states"].items()}
    stored = {(r, c): text for r, c, text in check["narratives"]}
    not_submitted = [pk for pk, state in states.items() if state != "submitted"]
    lost = [key for key, text in acknowledged.items() if stored.get(key) != text]
    notes = Counter({(kind, status): n for kind, status, n in check["notifications"]})
    sent = notes[("signoff_requested", "sent")]
    # The file backend writes a file per connection; two may share a name (and a file).
    mails = sum(
        (Path(mail_dir) / name).read_text(errors="replace").count("\nMessage-ID: ")
        for name in os.listdir(mail_dir)
    )
    shutil.rmtree(mail_dir, ignore_errors=True)
    print(f"submitted: {len(states) - len(not_submitted)} of {len(states)}")
    print(f"acknowledged saves checked: {len(acknowledged)}, lost: {len(lost)}")
    if not broker:
        by = "in the requests"
    elif delivered_after is None:
        by = "by the worker, which had not finished 180 s after the rush"
    else:
        by = f"by the worker, done {delivered_after:.1f} s after the rush"
    print(f"sign-off requests sent: {sent} of {args.users}, {by} ({mails} e-mails written)")
    print(f"notifications by kind and status: {dict(notes)}")
    ok = not not_submitted and not lost and sent == args.users
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
