"""Time the yearly aggregation against a naive per-unit ORM loop, on the configured database.

    python bench/aggregate.py 50000 [--sample 2000] [--keep]

Generates N units with an accepted report for a bench year (9 criteria, the score history of
two reviewers, some recognised Dân vận khéo models, some late or flagged reports), then times

  * our task, `ratings.tasks.aggregate_year` run in this process (grouped queries, results
    written and made current), and
  * a naive loop: for each unit, its report, its scores and its models, one query at a time,

checks that both give the same totals and prints both times and the ratio. When N is larger
than --sample, the naive loop runs on the first --sample units and its time is scaled to N
(printed as such). The bench data of the bench year is deleted before and after (unless
--keep), so it can run on a database that holds other data.
"""

import argparse
import csv
import io
import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from accounts.models import Role, User  # noqa: E402
from campaigns.models import DanVanModel, Field, RecognitionLevel  # noqa: E402
from criteria.models import CriteriaSet  # noqa: E402
from criteria.services import create_default_set  # noqa: E402
from ratings.models import ClassificationRun, Decision, UnitResult  # noqa: E402
from ratings.tasks import aggregate_year  # noqa: E402
from reports.models import AnnualReport, CriterionScore, ReportState  # noqa: E402
from units.models import Unit, UnitGroup, UnitType  # noqa: E402

BENCH_YEAR = 2090
PREFIX = "BENCH-"
BATCH = 10000
CENT = Decimal("0.01")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument("--year", type=int, default=BENCH_YEAR)
    parser.add_argument("--keep", action="store_true", help="keep the generated data")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)  # an empty database is how the README starts it
    vendor = connection.vendor
    print(f"database: {vendor} ({connection.settings_dict['NAME']}), N={args.n}")

    clean(args.year)
    started = time.perf_counter()
    criteria_set = generate(args.n, args.year)
    print(f"generated in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    aggregate_year.apply(args=(args.year,)).get()
    ours = time.perf_counter() - started
    run = ClassificationRun.objects.get(year=args.year, is_current=True)
    print(f"our task (aggregate_year): {ours:.2f} s for {run.unit_count} units")

    units = list(Unit.objects.filter(code__startswith=PREFIX).order_by("code"))
    sample = units if len(units) <= args.sample else units[: args.sample]
    started = time.perf_counter()
    naive = naive_totals(sample, criteria_set)
    naive_time = time.perf_counter() - started
    scaled = naive_time * len(units) / len(sample)
    ours_totals = dict(
        UnitResult.objects.filter(run=run, unit__in=[u.pk for u in sample]).values_list(
            "unit_id", "total"
        )
    )
    mismatches = [pk for pk, total in naive.items() if ours_totals.get(pk) != total]
    if len(sample) < len(units):
        print(
            f"naive per-unit loop: {naive_time:.2f} s for a sample of {len(sample)} units, "
            f"scaled to {len(units)}: {scaled:.1f} s"
        )
    else:
        print(f"naive per-unit loop: {naive_time:.2f} s")
    print(f"agreement: {len(naive) - len(mismatches)}/{len(naive)} totals equal")
    print(f"ratio: our task is {scaled / ours:.0f}x faster")
    print("load average (1, 5, 15 min): " + ", ".join(f"{x:.2f}" for x in os.getloadavg()))
    if not args.keep:
        clean(args.year)
    if mismatches:
        print(f"MISMATCH for units {mismatches[:10]}")
        sys.exit(1)


def naive_totals(units, criteria_set):
    """What a first version would do: a few queries per unit."""
    totals = {}
    limit = criteria_set.total_points
    levels = RecognitionLevel.at_least(criteria_set.bonus_min_level)
    for unit in units:
        report = AnnualReport.objects.filter(unit=unit, criteria_set=criteria_set).first()
        if report is None or report.state != ReportState.ACCEPTED:
            continue
        total = Decimal(0)
        for score in CriterionScore.objects.filter(report=report).select_related("criterion"):
            total += min(
                max(score.review_score or Decimal(0), Decimal(0)), score.criterion.max_points
            )
        models = DanVanModel.objects.filter(
            unit=unit,
            status__in=["recognised", "spread"],
            recognition_level__in=levels,
            recognised_on__year=criteria_set.year,
        ).count()
        total += min(criteria_set.bonus_per_model * models, criteria_set.bonus_max)
        if report.is_late:
            total -= criteria_set.late_penalty
        totals[unit.pk] = min(max(total, Decimal(0)), limit).quantize(CENT)
    return totals


@transaction.atomic
def generate(n, year):
    rng = random.Random(20261125)
    criteria_set = CriteriaSet.objects.filter(year=year).first() or create_default_set(year)
    criteria = list(criteria_set.criteria.all())
    groups = [
        UnitGroup.objects.get_or_create(
            code=f"bench-{i}", defaults={"name": f"Khối thử {i}", "order": 90 + i}
        )[0]
        for i in range(1, 5)
    ]
    reviewers = [
        User.objects.get_or_create(
            username=f"bench-reviewer-{i}", defaults={"role": Role.REVIEWER}
        )[0]
        for i in (1, 2)
    ]
    units = [
        Unit(
            code=f"{PREFIX}{i:06d}",
            name=f"Đơn vị thử {i}",
            type=UnitType.COMMUNE,
            group=groups[i % len(groups)],
            active_from=year,
            search_text=f"bench-{i:06d} don vi thu {i}",
        )
        for i in range(n)
    ]
    insert(Unit, units)
    units = list(Unit.objects.filter(code__startswith=PREFIX).order_by("code"))
    base = datetime(year, 11, 1, tzinfo=UTC)
    reports = []
    for unit in units:
        at = base + timedelta(minutes=rng.randrange(60 * 24 * 20))
        flagged = rng.random() < 0.01
        reports.append(
            AnnualReport(
                unit=unit,
                criteria_set=criteria_set,
                state=ReportState.ACCEPTED if rng.random() < 0.97 else ReportState.UNDER_REVIEW,
                first_submitted_at=at,
                submitted_at=at,
                is_late=at.date() > criteria_set.submission_deadline,
                violation_flagged=flagged,
                violation_reason="Vi phạm kỷ luật" if flagged else "",
            )
        )
    insert(AnnualReport, reports)
    report_ids = dict(
        AnnualReport.objects.filter(criteria_set=criteria_set).values_list("unit_id", "pk")
    )
    scores, history = [], []
    History = CriterionScore.history.model
    when = base + timedelta(days=30)
    for unit in units:
        report_id = report_ids[unit.pk]
        for criterion in criteria:
            top = int(criterion.max_points * 4)
            first = Decimal(rng.randrange(int(top * 0.4), top + 1)) / 4
            final = min(first + Decimal(rng.choice((-1, 0, 0, 1))) / 2, criterion.max_points)
            final = max(final, Decimal(0))
            scores.append(
                CriterionScore(
                    report_id=report_id,
                    criterion=criterion,
                    self_score=criterion.max_points,
                    review_score=final,
                    reviewed_by=reviewers[1],
                )
            )
    insert(CriterionScore, scores)
    # Two reviewers' history: the first reviewer's score, then the second's re-score.
    rows = CriterionScore.objects.filter(report__criteria_set=criteria_set).values_list(
        "pk", "report_id", "criterion_id", "self_score", "review_score"
    )
    for pk, report_id, criterion_id, self_score, review_score in rows.iterator(chunk_size=BATCH):
        for step, reviewer in enumerate(reviewers):
            history.append(
                History(
                    id=pk,
                    report_id=report_id,
                    criterion_id=criterion_id,
                    self_score=self_score,
                    review_score=review_score + (Decimal("0.5") if step == 0 else 0),
                    reviewed_by_id=reviewer.pk,
                    narrative="",
                    review_comment="",
                    history_date=when + timedelta(days=step),
                    history_type="+" if step == 0 else "~",
                    history_user_id=reviewer.pk,
                )
            )
    insert(History, history)
    models = []
    for unit in units:
        if rng.random() < 0.1:
            for k in range(rng.randint(1, 7)):
                models.append(
                    DanVanModel(
                        unit=unit,
                        year=year,
                        name=f"Mô hình thử {unit.code}-{k}",
                        field=Field.ECONOMY,
                        status="recognised",
                        recognition_level=rng.choice(RecognitionLevel.values),
                        recognised_on=date(year, 6, 1),
                        search_text=f"mo hinh thu {unit.code}",
                    )
                )
    insert(DanVanModel, models)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # what autovacuum does after a bulk load
            cursor.execute("ANALYZE")
    return criteria_set


def insert(model, objs):
    """Insert unsaved instances: COPY on PostgreSQL (generation of 50,000 units would
    otherwise take longer than everything it measures), bulk_create elsewhere."""
    objs = list(objs)
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objs, batch_size=BATCH)
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname != "id"]
    if model is CriterionScore.history.model:
        fields = [f for f in model._meta.concrete_fields if f.attname != "history_id"]
    text = [
        f.column
        for f in fields
        if f.get_internal_type() in ("CharField", "TextField", "SlugField", "EmailField")
    ]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for obj in objs:
        for f in stamped:
            f.pre_save(obj, add=True)
        row = []
        for f in fields:
            value = getattr(obj, f.attname)
            if f.get_internal_type() == "JSONField":
                value = json.dumps(value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            row.append(value)
        writer.writerow(row)
    buffer.seek(0)
    columns = ", ".join(f'"{f.column}"' for f in fields)
    force = f", FORCE_NOT_NULL ({', '.join(text)})" if text else ""
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN WITH (FORMAT csv{force})',
            buffer,
        )


def clean(year):
    """Delete the bench year's data quickly (raw deletes, children first)."""
    runs = ClassificationRun.objects.filter(year=year)
    UnitResult.objects.filter(run__in=runs)._raw_delete(connection.alias)
    Decision.objects.filter(year=year)._raw_delete(connection.alias)
    runs._raw_delete(connection.alias)
    reports = AnnualReport.objects.filter(unit__code__startswith=PREFIX)
    CriterionScore.history.model.objects.filter(report__in=reports)._raw_delete(connection.alias)
    CriterionScore.objects.filter(report__in=reports)._raw_delete(connection.alias)
    reports._raw_delete(connection.alias)
    DanVanModel.objects.filter(unit__code__startswith=PREFIX)._raw_delete(connection.alias)
    Unit.objects.filter(code__startswith=PREFIX)._raw_delete(connection.alias)


if __name__ == "__main__":
    main()
