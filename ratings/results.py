"""A run's results arranged for reading: by group, units by class then rank; the class
distribution against last year; the changes since the previous run.

One report generator for the page, the Excel export, the decision appendix and the API: every
function takes a run and reads it in a fixed number of queries, whatever the number of units.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from criteria.models import CriteriaSet
from reports import figures
from units.models import UnitGroup

from .models import ClassificationRun, Decision, RunStatus, UnitResult

UNCLASSIFIED_REASONS = {
    "no_report": gettext_lazy("No report"),
    "not_submitted": gettext_lazy("Report not submitted"),
    "not_accepted": gettext_lazy("Report not accepted"),
}


def tier_names(run):
    return {t["code"]: t["name"] for t in run.rules.get("tiers", [])}


def criterion_numbers(run):
    return [str(c["number"]) for c in run.rules.get("criteria", [])]


def unclassified_label(reason):
    return str(UNCLASSIFIED_REASONS.get(reason, UNCLASSIFIED_REASONS["no_report"]))


def notes(result):
    """The veto and quota notes the decision shows next to a unit."""
    found = []
    if result.violation:
        found.append(_("violation: %(reason)s") % {"reason": result.violation})
    if result.weak_criteria:
        found.append(
            _("criteria below the minimum share: %(numbers)s")
            % {"numbers": ", ".join(str(n) for n in result.weak_criteria)}
        )
    if result.capped:
        found.append(_("capped by the quota"))
    return found


@dataclass
class GroupResults:
    group: UnitGroup | None
    classified: list = field(default_factory=list)
    unclassified: list = field(default_factory=list)

    @property
    def name(self):
        return self.group.name if self.group else _("No group")


def ordered_results(run):
    return (
        UnitResult.objects.filter(run=run)
        .select_related("unit", "group")
        .order_by("group__order", "group__name", "-classified", "tier_order", "rank", "unit__code")
    )


def by_group(run, results=None):
    """Groups in their order, each with classified units (class, then rank) and the others."""
    names, numbers = tier_names(run), criterion_numbers(run)
    groups = {}
    for result in ordered_results(run) if results is None else results:
        result.tier_name = names.get(result.tier_code, "")
        result.score_list = [result.scores.get(n, "") for n in numbers]
        result.notes = notes(result)
        result.reason_label = (
            "" if result.classified else unclassified_label(result.unclassified_reason)
        )
        entry = groups.setdefault(result.group_id, GroupResults(result.group))
        (entry.classified if result.classified else entry.unclassified).append(result)
    return list(groups.values())


def attach_warnings(run, results):
    """Give each result the texts of the consistency rules its report's figures break
    (`result.warnings`), for the lead's results page and the .xlsx; the public page and the
    decision never show them. Five queries for the whole run."""
    results = list(results)
    criteria_set = CriteriaSet.objects.filter(year=run.year).first()
    ids = [r.report_id for r in results if r.report_id]
    broken = figures.broken_by_report(criteria_set, ids) if criteria_set and ids else {}
    for result in results:
        result.warnings = [item.text for item in broken.get(result.report_id, [])]
    return results


def distribution(run):
    """{group_id: {tier_code: count}} of the classified units of `run`."""
    counts = {}
    if run is None:
        return counts
    rows = (
        UnitResult.objects.filter(run=run, classified=True)
        .values("group_id", "tier_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts.setdefault(row["group_id"], {})[row["tier_code"]] = row["n"]
    return counts


def chart_data(run, groups):
    """Class counts per group this year and last year (its current run), for Chart.js."""
    last_run = ClassificationRun.objects.filter(year=run.year - 1, is_current=True).first()
    now, before = distribution(run), distribution(last_run)
    tiers = run.rules.get("tiers", [])
    labels = [g.name for g in groups]
    keys = [g.group.pk if g.group else None for g in groups]
    series = []
    for tier in tiers:
        current = [now.get(k, {}).get(tier["code"], 0) for k in keys]
        previous = [before.get(k, {}).get(tier["code"], 0) for k in keys]
        series.append(
            {
                "code": tier["code"],
                "name": tier["name"],
                "current": current,
                "previous": previous,
                "change": [c - p for c, p in zip(current, previous, strict=True)],
            }
        )
    return {
        "year": run.year,
        "previous_year": run.year - 1,
        "has_previous": last_run is not None,
        "labels": labels,
        "series": series,
    }


def previous_run(run):
    return (
        ClassificationRun.objects.filter(
            year=run.year, status=RunStatus.DONE, finished_at__lt=run.finished_at
        )
        .exclude(pk=run.pk)
        .order_by("-finished_at")
        .first()
    )


def changes_since_previous(run, results):
    """Units whose total or class differ from the previous finished run of the year."""
    before = previous_run(run)
    if before is None or before.fingerprint == run.fingerprint:
        return before, []
    old = {
        row[0]: row[1:]
        for row in UnitResult.objects.filter(run=before).values_list(
            "unit_id", "total", "tier_code"
        )
    }
    names = tier_names(run) | tier_names(before)
    changed = []
    for result in results:
        old_total, old_tier = old.get(result.unit_id, (None, ""))
        if old_total != result.total or old_tier != result.tier_code:
            changed.append(
                {
                    "unit": result.unit,
                    "old_total": old_total,
                    "new_total": result.total,
                    "delta": result.total - (old_total or Decimal(0)),
                    "old_tier": names.get(old_tier, ""),
                    "new_tier": names.get(result.tier_code, ""),
                }
            )
    return before, changed


# Who sees which results: a run not yet published only the lead and admins; everyone else
# the run of each year's latest decision.
def current_runs(years=None):
    runs = ClassificationRun.objects.filter(is_current=True)
    if years is not None:
        runs = runs.filter(year__in=years)
    return list(runs.order_by("year").values("pk", "year", "rules"))


def visible_runs(user, years=None):
    """The runs `user` may read: current ones for the lead and admins, else published ones.
    `user=None` is the lead's view (for callers that already checked the lead's access)."""
    if user is None or user.is_review_lead:
        return current_runs(years)
    return published_runs(years)


def published_runs(years=None):
    """The run of each year's latest decision."""
    latest = {}
    decisions = Decision.objects.all()
    if years is not None:
        decisions = decisions.filter(year__in=years)
    for decision in decisions.order_by("year", "version").values("year", "run_id", "run__rules"):
        latest[decision["year"]] = {
            "pk": decision["run_id"],
            "year": decision["year"],
            "rules": decision["run__rules"],
        }
    return list(latest.values())
