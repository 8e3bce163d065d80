"""Classification results on the dashboards, read from `ratings`.

The review lead and the admins see each year's current run (the latest finished
classification); everyone else (reviewers, a unit's own people) sees only what the province has
published: the run of the year's latest decision (product decision, issue 13).
"""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from ratings.models import UnitResult
from ratings.results import visible_runs
from units.models import UnitGroup

from .charts import Chart, Link, Series
from .stats import SHEETS, TOP_N, points

YEARS_SHOWN = 5


def tier_names(runs):
    """(year, tier code) -> class name, from the rules each run was computed with."""
    return {
        (run["year"], tier["code"]): tier["name"]
        for run in runs
        for tier in (run["rules"] or {}).get("tiers", [])
    }


def tier_columns(runs):
    """Class codes in rating order (best first), named as in the latest year that has them."""
    order, names = {}, {}
    for run in sorted(runs, key=lambda r: r["year"]):
        for tier in (run["rules"] or {}).get("tiers", []):
            order.setdefault(tier["code"], tier["order"])
            names[tier["code"]] = tier["name"]
    return [(code, names[code]) for code in sorted(order, key=lambda c: (order[c], c))]


def class_distribution(years, user=None):
    """How many units of each group got each class in each of `years` (the runs `user` may
    read)."""
    runs = visible_runs(user, years)
    chart = Chart(
        key="classes",
        title=_("Classes by group and year"),
        sheet=_("Classes by year"),
        stacked=True,
    )
    if not runs:
        chart.note = _("No classification has been run yet.")
        return chart
    counts = {}
    for row in (
        UnitResult.objects.filter(run_id__in=[r["pk"] for r in runs])
        .order_by()
        .values("run__year", "group_id", "tier_code", "classified")
        .annotate(n=Count("pk"))
    ):
        code = row["tier_code"] if row["classified"] else ""
        key = (row["run__year"], row["group_id"], code)
        counts[key] = counts.get(key, 0) + row["n"]
    groups = {g.pk: g for g in UnitGroup.objects.all()}
    tiers = tier_columns(runs) + [("", _("Not classified"))]
    lines = sorted(
        {(y, g) for y, g, _code in counts},
        key=lambda k: (k[0], groups[k[1]].order if k[1] in groups else 999, k[1] or 0),
    )
    chart.columns = [_("Year"), _("Group"), *[name for _code, name in tiers], _("Number of units")]
    for y, group_id in lines:
        group = groups[group_id].name if group_id in groups else _("No group")
        chart.labels.append(f"{group} {y}")
        cells = [counts.get((y, group_id, code), 0) for code, _name in tiers]
        chart.rows.append([y, group, *cells, sum(cells)])
    for index, (_code, name) in enumerate(tiers):
        chart.series.append(Series(name, [row[2 + index] for row in chart.rows]))
    return chart


def unit_ranking(year, user=None):
    """Top and bottom 10 classified units by classification total, or None before any run the
    user may read."""
    runs = visible_runs(user, [year])
    if not runs:
        return None
    names = tier_names(runs)
    ranked = UnitResult.objects.filter(run_id=runs[0]["pk"], classified=True).values(
        "unit_id", "unit__code", "unit__name", "group__name", "total", "tier_code", "rank"
    )
    top = list(ranked.order_by("-total", "unit__code")[:TOP_N])
    bottom = list(ranked.order_by("total", "unit__code")[:TOP_N])
    return (
        _ranking_chart("top", _("Top %(n)s units by total") % {"n": TOP_N}, top, names, year),
        _ranking_chart(
            "bottom", _("Bottom %(n)s units by total") % {"n": TOP_N}, bottom, names, year
        ),
    )


def _ranking_chart(key, title, lines, names, year):
    chart = Chart(
        key=key,
        title=title,
        sheet=SHEETS[key](),
        horizontal=True,
        labels=[line["unit__name"] for line in lines],
        series=[Series(_("Total score"), [points(line["total"]) for line in lines])],
        columns=["#", _("Unit"), _("Group"), _("Total score"), _("Class"), _("Rank in group")],
    )
    for position, line in enumerate(lines, start=1):
        unit = Link(line["unit__name"], reverse("dashboards:unit", args=[line["unit_id"]]))
        chart.rows.append(
            [
                position,
                unit,
                line["group__name"] or "",
                points(line["total"]),
                names.get((year, line["tier_code"]), line["tier_code"]),
                line["rank"],
            ]
        )
    if not lines:
        chart.note = _("No unit has been classified this year.")
    return chart


def unit_results(unit, user):
    """year -> (total, class name, rank) of `unit`: current runs for the province roles,
    published ones for the unit's own people."""
    runs = visible_runs(user)
    names = tier_names(runs)
    year_of = {run["pk"]: run["year"] for run in runs}
    results = {}
    for row in UnitResult.objects.filter(run_id__in=year_of, unit=unit).values(
        "run_id", "classified", "total", "tier_code", "rank"
    ):
        year = year_of[row["run_id"]]
        if row["classified"]:
            name = names.get((year, row["tier_code"]), row["tier_code"])
            results[year] = (points(row["total"]), name, row["rank"])
        else:
            results[year] = (None, _("Not classified"), None)
    return results
