"""The numbers behind the dashboards, each section in a fixed number of grouped queries.

Every function returns `Chart`s (see charts.py) so the page, its tables and the .xlsx download
read the same figures. Definitions, from docs/rules.md:
- a report counts as submitted from its first submission (`first_submitted_at`);
- a review score counts once the report is accepted (the final score of a criterion);
- the units that must report in a year are `Unit.objects.rated_in(year)`.
"""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from campaigns.models import DanVanModel, Field, RecognitionLevel
from danvan import formats
from reports.models import AnnualReport, CriterionScore, ReportState
from units.models import Unit

from .charts import Chart, Link, Series

TOP_N = 10
# Sheet names of the ranking tables (Excel allows 31 characters).
SHEETS = {
    "top": lambda: _("Top %(n)s") % {"n": TOP_N},
    "bottom": lambda: _("Bottom %(n)s") % {"n": TOP_N},
}
ACCEPTED = Q(report__state=ReportState.ACCEPTED)


def percent(value, whole):
    if value is None or not whole:
        return None
    return (Decimal(value) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def points(value):
    if value is None:
        return None
    return Decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP)


# --- Filing progress ---------------------------------------------------------------------------


def filing_progress(criteria_set):
    """Burn-up of first submissions by day against the units that must report (2 queries)."""
    year, deadline = criteria_set.year, criteria_set.submission_deadline
    total = Unit.objects.rated_in(year).count()
    per_day = list(
        AnnualReport.objects.for_year(year)
        .filter(first_submitted_at__isnull=False)
        .annotate(day=TruncDate("first_submitted_at"))
        .order_by("day")
        .values_list("day")
        .annotate(n=Count("pk"))
    )
    submitted = sum(n for _day, n in per_day)
    late = sum(n for day, n in per_day if day > deadline)
    chart = Chart(
        key="filing",
        title=_("Reports submitted by day"),
        kind="line",
        sheet=_("Filing progress"),
        columns=[
            _("Date"),
            _("Submitted that day"),
            _("Submitted so far"),
            _("Share of units (%)"),
        ],
    )
    summary = {
        "total": total,
        "submitted": submitted,
        "on_time": submitted - late,
        "late": late,
        "missing": max(total - submitted, 0),
        "percent": percent(submitted, total),
        "deadline": deadline,
    }
    if not per_day:
        chart.note = _("No report of this year has been submitted yet.")
        return chart, summary
    counts = dict(per_day)
    first, last = min(per_day[0][0], deadline), max(per_day[-1][0], deadline)
    running, cumulative = 0, []
    for offset in range((last - first).days + 1):
        day = first + timedelta(days=offset)
        running += counts.get(day, 0)
        chart.labels.append(formats.short_date(day)[:5])
        cumulative.append(running)
    chart.series = [
        Series(_("Reports submitted (cumulative)"), cumulative),
        Series(_("Units that must report"), [total] * len(cumulative)),
    ]
    chart.marker = {
        "index": (deadline - first).days,
        "label": _("Deadline %(date)s") % {"date": formats.short_date(deadline)},
    }
    running = 0
    for day, n in per_day:
        running += n
        chart.rows.append([formats.short_date(day), n, running, percent(running, total)])
    return chart, summary


# --- Scores per criterion ----------------------------------------------------------------------


def criterion_lines(criteria_set):
    """Average self-score (submitted reports) and review score (accepted reports) of every
    criterion of the set, with their share of its maximum (2 queries)."""
    criteria = list(criteria_set.criteria.order_by("order", "number"))
    averages = {
        row["criterion_id"]: row
        for row in CriterionScore.objects.filter(
            report__criteria_set=criteria_set, report__first_submitted_at__isnull=False
        )
        .order_by()
        .values("criterion_id")
        .annotate(
            self_avg=Avg("self_score"),
            self_n=Count("self_score"),
            review_avg=Avg("review_score", filter=ACCEPTED),
            review_n=Count("review_score", filter=ACCEPTED),
        )
    }
    lines = []
    for criterion in criteria:
        row = averages.get(criterion.pk, {})
        lines.append(
            {
                "criterion": criterion,
                "label": _("C%(n)s") % {"n": criterion.number},
                "self_avg": points(row.get("self_avg")),
                "self_pct": percent(row.get("self_avg"), criterion.max_points),
                "self_n": row.get("self_n", 0),
                "review_avg": points(row.get("review_avg")),
                "review_pct": percent(row.get("review_avg"), criterion.max_points),
                "review_n": row.get("review_n", 0),
            }
        )
    return lines


def criterion_averages(lines):
    """Which criteria are weak province-wide: averages as a share of each maximum."""
    chart = Chart(
        key="criteria",
        title=_("Average score per criterion, as a percentage of its maximum"),
        sheet=_("Criteria"),
        percent=True,
        labels=[line["label"] for line in lines],
        series=[
            Series(_("Self-score"), [line["self_pct"] for line in lines]),
            Series(_("Review score"), [line["review_pct"] for line in lines]),
        ],
        columns=[
            _("Criterion"),
            _("Maximum"),
            _("Average self-score"),
            _("Self-score, percent of maximum"),
            _("Self-scored reports"),
            _("Average review score"),
            _("Review score, percent of maximum"),
            _("Accepted reports"),
        ],
    )
    for line in lines:
        criterion = line["criterion"]
        chart.rows.append(
            [
                f"{criterion.number}. {criterion.title}",
                criterion.max_points,
                line["self_avg"],
                line["self_pct"],
                line["self_n"],
                line["review_avg"],
                line["review_pct"],
                line["review_n"],
            ]
        )
    if not any(line["self_n"] for line in lines):
        chart.rows = []
        chart.note = _("No submitted report has scores yet.")
    return chart


def weakest(lines, count=3):
    """The criteria with the lowest share of their maximum (review score, else self-score)."""
    scored = [
        (line["review_pct"] if line["review_pct"] is not None else line["self_pct"], line)
        for line in lines
    ]
    scored = [(pct, line) for pct, line in scored if pct is not None]
    scored.sort(key=lambda item: (item[0], item[1]["criterion"].number))
    return [{"criterion": line["criterion"], "percent": pct} for pct, line in scored[:count]]


# --- Dân vận khéo models -----------------------------------------------------------------------


def models_by_field(year):
    """Models registered in `year` by field, split by the level they were recognised at."""
    counts = {
        (field, level): n
        for field, level, n in DanVanModel.objects.filter(year=year)
        .order_by()
        .values_list("field", "recognition_level")
        .annotate(n=Count("pk"))
    }
    levels = [("", _("Not recognised yet"))] + list(RecognitionLevel.choices)
    chart = Chart(
        key="models",
        title=_("Dân vận khéo models by field and recognition level"),
        sheet=_("Models"),
        stacked=True,
        labels=list(Field.labels),
        columns=[_("Field")] + [label for _value, label in levels] + [_("Total")],
    )
    for level, label in levels:
        chart.series.append(Series(label, [counts.get((f, level), 0) for f in Field.values]))
    for field, label in Field.choices:
        cells = [counts.get((field, level), 0) for level, _label in levels]
        chart.rows.append([label, *cells, sum(cells)])
    totals = [sum(row[i] for row in chart.rows) for i in range(1, len(levels) + 2)]
    if not totals[-1]:
        chart.rows = []
        chart.note = _("No model was registered this year.")
    else:
        chart.rows.append([_("All fields"), *totals])
    return chart


# --- Top and bottom units ----------------------------------------------------------------------


def unit_ranking(year):
    """The 10 best and 10 weakest units by the review total of their accepted report."""
    ranked = (
        AnnualReport.objects.for_year(year)
        .filter(state=ReportState.ACCEPTED)
        .with_totals()
        .values("unit_id", "unit__code", "unit__name", "unit__group__name", total=F("review_total"))
    )
    top = list(ranked.order_by("-total", "unit__code")[:TOP_N])
    bottom = list(ranked.order_by("total", "unit__code")[:TOP_N])
    return (
        _ranking_chart("top", _("Top %(n)s units by review total") % {"n": TOP_N}, top),
        _ranking_chart("bottom", _("Bottom %(n)s units by review total") % {"n": TOP_N}, bottom),
    )


def _ranking_chart(key, title, lines):
    chart = Chart(
        key=key,
        title=title,
        sheet=SHEETS[key](),
        horizontal=True,
        labels=[line["unit__name"] for line in lines],
        series=[Series(_("Review total"), [points(line["total"]) for line in lines])],
        columns=["#", _("Unit"), _("Group"), _("Review total")],
    )
    for position, line in enumerate(lines, start=1):
        unit = Link(line["unit__name"], reverse("dashboards:unit", args=[line["unit_id"]]))
        chart.rows.append([position, unit, line["unit__group__name"] or "", points(line["total"])])
    if not lines:
        chart.note = _("No report of this year has been accepted yet.")
    return chart


# --- One unit ----------------------------------------------------------------------------------


def unit_history(reports, results=None):
    """A unit's self and review totals over the years, from the reports its viewer may read,
    with its classification (`results`: year -> (total, class, rank in group)) when there is
    one."""
    lines = {
        line["criteria_set__year"]: line
        for line in reports.order_by("criteria_set__year")
        .values("criteria_set__year", "state")
        .with_totals()
    }
    results = results or {}
    years = sorted(set(lines) | set(results))
    state_names = dict(ReportState.choices)
    chart = Chart(
        key="history",
        title=_("Totals over the years"),
        sheet=_("Over the years"),
        labels=years,
        columns=[_("Year"), _("Report"), _("Self-assessed total"), _("Review total")],
    )
    if results:
        chart.columns += [_("Classification total"), _("Class"), _("Rank in group")]
    self_totals, review_totals, totals = [], [], []
    for year in years:
        line = lines.get(year)
        accepted = line is not None and line["state"] == ReportState.ACCEPTED
        self_total = points(line["self_total"]) if line else None
        review = points(line["review_total"]) if accepted else None
        self_totals.append(self_total)
        review_totals.append(review)
        row = [year, state_names[line["state"]] if line else "", self_total, review]
        if results:
            total, tier, rank = results.get(year, (None, "", None))
            totals.append(total)
            row += [total, tier, rank]
        chart.rows.append(row)
    chart.series = [
        Series(_("Self-assessed total"), self_totals),
        Series(_("Review total"), review_totals),
    ]
    if results:
        chart.series.append(Series(_("Classification total"), totals))
    if not years:
        chart.note = _("This unit has no report yet.")
    return chart


def unit_criteria(report, lines):
    """The unit's score on each criterion of a year against the province averages."""
    scores = {
        row["criterion_id"]: row
        for row in report.scores.values("criterion_id", "self_score", "review_score")
    }
    accepted = report.state == ReportState.ACCEPTED
    chart = Chart(
        key="unit-criteria",
        title=_("Criteria of %(year)s against the province average (percent of the maximum)")
        % {"year": report.criteria_set.year},
        sheet=_("Criteria %(year)s") % {"year": report.criteria_set.year},
        percent=True,
        labels=[line["label"] for line in lines],
        columns=[
            _("Criterion"),
            _("Maximum"),
            _("Self-score"),
            _("Self-score, percent of maximum"),
            _("Review score"),
            _("Review score, percent of maximum"),
            _("Province average self-score (%)"),
            _("Province average review score (%)"),
        ],
    )
    unit_self, unit_review = [], []
    for line in lines:
        criterion = line["criterion"]
        score = scores.get(criterion.pk, {})
        self_score = score.get("self_score")
        review_score = score.get("review_score") if accepted else None
        unit_self.append(percent(self_score, criterion.max_points))
        unit_review.append(percent(review_score, criterion.max_points))
        chart.rows.append(
            [
                f"{criterion.number}. {criterion.title}",
                criterion.max_points,
                self_score,
                unit_self[-1],
                review_score,
                unit_review[-1],
                line["self_pct"],
                line["review_pct"],
            ]
        )
    chart.series = [
        Series(_("This unit: self-score"), unit_self),
        Series(_("This unit: review score"), unit_review),
        Series(_("Province average: self-score"), [line["self_pct"] for line in lines]),
        Series(_("Province average: review score"), [line["review_pct"] for line in lines]),
    ]
    return chart
