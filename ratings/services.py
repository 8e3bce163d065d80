"""Classification runs: starting one (one per year at a time), running it, making it current,
and publishing a run as the province's decision.

A run writes its result rows in batches (so the page can show progress) but becomes the year's
current result only in `_finish`, one transaction at the very end: a run that dies half-way
leaves the previous result current. A run whose heartbeat stops is marked failed when the next
run is requested, so a killed worker never holds the year's lock forever.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import record
from campaigns.models import DanVanModel
from criteria.models import CriteriaSet
from danvan import formats
from danvan.models import ImportBatch
from reports.models import AnnualReport, CriterionScore
from units.models import Unit

from . import classify, decision_document
from .models import ACTIVE_STATUSES, ClassificationRun, Decision, RunStatus, UnitResult

BATCH_SIZE = 2000


JOB = "ratings.classification"


class RunAlreadyGoing(Exception):
    def __init__(self, run):
        self.run = run
        super().__init__(
            _("A classification of %(year)s is already running (started %(at)s).")
            % {"year": run.year, "at": formats.short_datetime(run.created_at)}
        )


class RunAborted(Exception):
    """The run was given up (declared dead or failed) while this process still worked on it."""


class PublishError(Exception):
    pass


def stale_after():
    return timedelta(seconds=getattr(settings, "RATINGS_RUN_STALE_SECONDS", 120))


def is_stale(run):
    """A run taken by a worker that stopped beating. A queued run is not stale: it waits for
    the broker or a worker, and beat sends it again (see danvan.jobs)."""
    return run.status == RunStatus.RUNNING and run.heartbeat_at < timezone.now() - stale_after()


def active_run(year):
    return ClassificationRun.objects.filter(year=year, status__in=ACTIVE_STATUSES).first()


def current_run(year):
    return ClassificationRun.objects.filter(year=year, is_current=True).first()


def fail_stale_runs(year):
    """Give up runs of `year` whose worker stopped beating; their partial rows are dropped."""
    limit = timezone.now() - stale_after()
    stale = list(
        ClassificationRun.objects.filter(
            year=year, status=RunStatus.RUNNING, heartbeat_at__lt=limit
        ).values_list("pk", flat=True)
    )
    for pk in stale:
        mark_failed(pk, _("The run stopped without finishing (no sign of life from the worker)."))
    return stale


def mark_failed(run_id, message):
    ClassificationRun.objects.filter(pk=run_id, status__in=ACTIVE_STATUSES).update(
        status=RunStatus.FAILED, finished_at=timezone.now(), error=message[:2000]
    )
    UnitResult.objects.filter(run_id=run_id).delete()


def waiting_runs():
    """Runs no worker has taken yet (see danvan.jobs)."""
    return ClassificationRun.objects.filter(status=RunStatus.QUEUED)


def replace_stale_runs():
    """For every year whose run stopped beating (killed worker), give it up and request a
    fresh run by the same person. Returns the new runs. (A queued run whose message Redis lost
    is simply sent again, see danvan.jobs.)"""
    limit = timezone.now() - stale_after()
    stale = ClassificationRun.objects.filter(status=RunStatus.RUNNING, heartbeat_at__lt=limit)
    fresh = []
    for year, user_id in stale.values_list("year", "started_by_id"):
        try:
            fresh.append(start_run(year, user_id and User.objects.filter(pk=user_id).first()))
        except RunAlreadyGoing:
            continue
    return fresh


def start_run(year, user):
    """Create a queued run of `year`, or raise RunAlreadyGoing. Call inside the request's
    transaction and queue the task after commit."""
    with transaction.atomic():
        criteria_set = CriteriaSet.objects.select_for_update().get(year=year)
        fail_stale_runs(year)
        running = active_run(year)
        if running is not None:
            raise RunAlreadyGoing(running)
        try:
            with transaction.atomic():
                run = ClassificationRun.objects.create(
                    year=year, criteria_set=criteria_set, started_by=user
                )
        except IntegrityError:
            raise RunAlreadyGoing(active_run(year)) from None
    return run


def execute(run_id, progress=None):
    """Compute run `run_id` and make it current. Safe to call again for the same run (a task
    delivered twice): only the first call finds it queued."""
    now = timezone.now()
    # Only a queued run is claimed: a duplicate message (beat sends a waiting run again) finds
    # a run another worker computes, or computed, and does nothing; a run whose worker died
    # is replaced by a fresh one (replace_stale_runs).
    claimed = ClassificationRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=now, heartbeat_at=now, progress_done=0
    )
    if not claimed:
        return None
    run = ClassificationRun.objects.select_related("criteria_set").get(pk=run_id)
    UnitResult.objects.filter(run=run).delete()
    try:
        rules = classify.rules_snapshot(run.criteria_set)
        lines = classify.classify(classify.load_lines(run.criteria_set, rules), rules)
        _beat(run, rules=rules, progress_total=len(lines), unit_count=len(lines))
        if progress:
            progress(0, len(lines))
        write = _copy_results if connection.vendor == "postgresql" else _insert_results
        for start in range(0, len(lines), BATCH_SIZE):
            batch = lines[start : start + BATCH_SIZE]
            write(run, batch)
            done = start + len(batch)
            _beat(run, progress_done=done)
            if progress:
                progress(done, len(lines))
        _finish(run, classify.fingerprint(lines))
    except RunAborted:
        UnitResult.objects.filter(run=run).delete()
        return None
    except Exception as exc:
        mark_failed(run.pk, f"{type(exc).__name__}: {exc}")
        raise
    run.refresh_from_db()
    return run


def run_now(year, user=None):
    """Start and compute a run in this process (tests, management command, demo data)."""
    return execute(start_run(year, user).pk)


def _beat(run, **fields):
    updated = ClassificationRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
        heartbeat_at=timezone.now(), **fields
    )
    if not updated:
        raise RunAborted


def _finish(run, digest):
    with transaction.atomic():
        locked = ClassificationRun.objects.select_for_update().get(pk=run.pk)
        if locked.status != RunStatus.RUNNING:
            raise RunAborted
        ClassificationRun.objects.filter(year=run.year, is_current=True).update(is_current=False)
        ClassificationRun.objects.filter(pk=run.pk).update(
            status=RunStatus.DONE,
            is_current=True,
            finished_at=timezone.now(),
            heartbeat_at=timezone.now(),
            fingerprint=digest,
        )


def _insert_results(run, lines):
    UnitResult.objects.bulk_create(UnitResult(**_values(run, line)) for line in lines)


def _copy_results(run, lines):
    """PostgreSQL: the same rows as `_insert_results` through COPY, which is what keeps
    50,000 units within seconds (bulk_create spends most of its time preparing values)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    columns = None
    for line in lines:
        values = _values(run, line)
        columns = columns or list(values)
        values["scores"] = json.dumps(values["scores"])
        values["weak_criteria"] = json.dumps(values["weak_criteria"])
        if values["submitted_at"] is not None:
            values["submitted_at"] = values["submitted_at"].isoformat()
        writer.writerow(values.values())
    if columns is None:
        return
    buffer.seek(0)
    text_columns = "unclassified_reason, tier_code, violation"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {UnitResult._meta.db_table} ({', '.join(columns)}) FROM STDIN "
            f"WITH (FORMAT csv, FORCE_NOT_NULL ({text_columns}))",
            buffer,
        )


def _values(run, line):
    """The columns of one `UnitResult` row (database column names)."""
    return {
        "run_id": run.pk,
        "unit_id": line.unit_id,
        "group_id": line.group_id,
        "report_id": line.report_id,
        "classified": line.classified,
        "unclassified_reason": line.unclassified_reason,
        "scores": line.scores,
        "criteria_total": line.criteria_total,
        "bonus": line.bonus,
        "penalty": line.penalty,
        "total": line.total,
        "below_full": line.below_full,
        "submitted_at": line.submitted_at,
        "tier_code": line.tier["code"] if line.tier else "",
        "tier_order": line.tier["order"] if line.tier else None,
        "rank": line.rank,
        "capped": line.capped,
        "weak_criteria": line.weak if line.vetoed_weak else [],
        "violation": (line.violation_reason or "—") if line.violation_flagged else "",
    }


# --- Publishing -------------------------------------------------------------------------


DECISION_FIELDS = (
    "number",
    "date",
    "place",
    "issuing_body",
    "signing_form",
    "signer_title",
    "signer_name",
)


def next_version(year):
    """The version the year's next decision gets."""
    latest = Decision.objects.filter(year=year).order_by("-version")
    return (latest.values_list("version", flat=True).first() or 0) + 1


def publish(run, user, **fields):
    """Publish a finished, up-to-date run as the year's decision (fields: DECISION_FIELDS),
    with the next version number of the year. A decision never changes once published, so it
    is refused without a real number, a date and a signer (the model's checks)."""
    with transaction.atomic():
        run = ClassificationRun.objects.select_for_update().get(pk=run.pk)
        if run.status != RunStatus.DONE:
            raise PublishError(_("Only a finished run can be published."))
        if Decision.objects.filter(run=run).exists():
            raise PublishError(
                _("This run is already published; a change needs a new run and a new decision.")
            )
        staleness = run_out_of_date(run)
        if staleness:
            raise PublishError(staleness.message)
        # Locks the year's decisions, so two publications cannot take the same version.
        list(Decision.objects.select_for_update().filter(year=run.year).values_list("pk"))
        version = next_version(run.year)
        decision = Decision(
            run=run,
            year=run.year,
            version=version,
            published_by=user,
            **{name: fields[name] for name in DECISION_FIELDS},
        )
        decision.signer_authority = "\n".join(decision_document.signer_lines(decision)[:-1])
        try:
            decision.full_clean()
        except ValidationError as exc:
            raise PublishError(" ".join(exc.messages)) from None
        decision_document.keep_document(decision)  # as published, whatever comes later
        decision.save()
        record(Action.PUBLICATION, user=user, obj=decision, run=run.pk, version=version)
    return decision


# --- Out of date -------------------------------------------------------------------------
#
# A run is a snapshot: once its inputs change (a report reopened or re-scored, a model
# recognised, the year's rules edited) its result may no longer be what the data gives. This
# is the one place that decides it; the run's page, the year's page and `publish` ask here.

NAMED_UNITS = 5


@dataclass
class Staleness:
    """Why a finished run no longer matches the data: `reason` is "" (it still does),
    "rules_changed" or "data_changed"; `units` names the first units whose line changed."""

    reason: str = ""
    units: list = field(default_factory=list)
    more_units: int = 0

    def __bool__(self):
        return bool(self.reason)

    @property
    def message(self):
        if self.reason == "rules_changed":
            return _(
                "This result is out of date: the year's classification rules changed after "
                "the run. Run the classification again before publishing."
            )
        if self.reason != "data_changed":
            return ""
        if not self.units:
            return _(
                "This result is out of date: reports or scores changed after the run. Run the "
                "classification again before publishing."
            )
        names = ", ".join(self.units)
        if self.more_units:
            names += " " + _("and %(n)s more") % {"n": self.more_units}
        return _(
            "This result is out of date: reports or scores changed after the run (for "
            "example a report reopened), so the result of these units is no longer the same: "
            "%(units)s. Run the classification again before publishing."
        ) % {"units": names}


def run_out_of_date(run):
    """Whether the inputs of finished `run` changed since it started so that its result would
    differ. Cheap when nothing was touched since the run; otherwise the year is classified
    again in memory and compared with the run (so an edit of a report that does not count,
    such as a draft, does not make the run out of date)."""
    if run.status != RunStatus.DONE:
        return Staleness()
    criteria_set = CriteriaSet.objects.get(pk=run.criteria_set_id)
    if classify.rules_snapshot(criteria_set) != run.rules:
        return Staleness("rules_changed")
    if not _inputs_touched_since(run, criteria_set):
        return Staleness()
    lines = classify.classify(classify.load_lines(criteria_set, run.rules), run.rules)
    if classify.fingerprint(lines) == run.fingerprint:
        return Staleness()
    changed = _changed_units(run, lines)
    return Staleness(
        "data_changed",
        units=changed[:NAMED_UNITS],
        more_units=max(0, len(changed) - NAMED_UNITS),
    )


def _inputs_touched_since(run, criteria_set):
    since = run.started_at or run.created_at
    return (
        AnnualReport.objects.filter(criteria_set=criteria_set, updated_at__gt=since).exists()
        or CriterionScore.history.filter(
            report__criteria_set=criteria_set, history_date__gt=since
        ).exists()
        or DanVanModel.objects.filter(updated_at__gt=since).exists()
        or ImportBatch.objects.filter(kind="units", finished_at__gt=since).exists()
    )


def _changed_units(run, lines):
    """Names of the units whose class, total, rank or classified state a fresh computation
    gives differently from the run, in unit code order."""
    stored = {
        r["unit_id"]: (r["classified"], r["tier_code"], r["total"], r["rank"])
        for r in UnitResult.objects.filter(run=run).values(
            "unit_id", "classified", "tier_code", "total", "rank"
        )
    }
    changed = [
        line
        for line in lines
        if stored.get(line.unit_id)
        != (line.classified, line.tier["code"] if line.tier else "", line.total, line.rank)
    ]
    names = dict(
        Unit.objects.filter(pk__in=[line.unit_id for line in changed]).values_list("pk", "name")
    )
    return [names.get(line.unit_id, line.code) for line in sorted(changed, key=lambda x: x.code)]


def out_of_date(decision, staleness_of=None):
    """Why the published decision no longer matches the data, or "" when it still does:
    "newer_run", or the reason its run is out of date. `staleness_of` may hold
    (run, Staleness) already computed by the caller, so a page does not compute it twice."""
    if decision is None:
        return ""
    run = decision.run
    current = current_run(decision.year)
    if current is not None and current.pk != run.pk and current.fingerprint != run.fingerprint:
        return "newer_run"
    if staleness_of is not None and staleness_of[0] is not None and staleness_of[0].pk == run.pk:
        return staleness_of[1].reason
    return run_out_of_date(run).reason
