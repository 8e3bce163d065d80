"""The published results, and nothing else: every public page reads through here.

Only a published `Decision` (its latest version per year) and the run it froze are read; a
current run that is not published never reaches these functions, so it cannot leak.
"""

from django.db.models import Count, Max

from danvan.text import fold
from ratings import results
from ratings.models import Decision, UnitResult


def published_decisions():
    """The latest version of each year's decision, newest year first."""
    latest = Decision.objects.values("year").annotate(v=Max("version"))
    wanted = {(row["year"], row["v"]) for row in latest}
    decisions = Decision.objects.select_related("run").order_by("-year", "-version")
    return [d for d in decisions if (d.year, d.version) in wanted]


def decision_of(year):
    return Decision.objects.select_related("run").filter(year=year).order_by("-version").first()


def class_counts(decision):
    """[(class name, count)] of the decision's classified units, in the order of the classes."""
    names = results.tier_names(decision.run)
    order = [t["code"] for t in decision.run.rules.get("tiers", [])]
    rows = (
        UnitResult.objects.filter(run=decision.run, classified=True)
        .values("tier_code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["tier_code"]: row["n"] for row in rows}
    return [(names.get(code, code), counts.get(code, 0)) for code in order]


def groups_of(decision, query=""):
    """The decision's units by group, class then rank; `query` matches names without
    diacritics ("so noi vu" finds "Sở Nội vụ")."""
    found = results.ordered_results(decision.run)
    if query.strip():
        found = found.filter(unit__search_text__contains=fold(query))
    return results.by_group(decision.run, found)


def unit_history(unit):
    """[(decision, result)] of `unit` in every published year, newest first."""
    decisions = published_decisions()
    by_run = {
        r.run_id: r
        for r in UnitResult.objects.filter(unit=unit, run__in=[d.run_id for d in decisions])
    }
    names = {}
    history = []
    for decision in decisions:
        result = by_run.get(decision.run_id)
        if result is None:
            continue
        names.setdefault(decision.run_id, results.tier_names(decision.run))
        result.tier_name = names[decision.run_id].get(result.tier_code, "")
        result.reason_label = (
            "" if result.classified else results.unclassified_label(result.unclassified_reason)
        )
        history.append((decision, result))
    return history
