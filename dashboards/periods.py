"""What a campaign period's summary needs from the floors above campaigns: each unit's indicator
totals over the years of the period (reports) and the classes per year (ratings).

campaigns/summary.py summarises models, typical examples and awards; it must not import reports
or ratings, so these parts live here.
"""

from django.db.models import Avg, Count, F, Q, Sum
from django.utils.translation import gettext as _

from campaigns import summary
from criteria.models import Indicator
from danvan import formats
from documents.render import render
from units.models import Unit

from .charts import Chart
from .classes import class_distribution


def indicators(years):
    """The indicators reported in the period, one per code (a code keeps its meaning from year
    to year), named as in the latest year that has it, in the order they first appear."""
    by_code = {}
    for row in (
        Indicator.objects.filter(criteria_set__year__in=years)
        .order_by("criteria_set__year", "order", "code")
        .values("code", "name", "unit_of_measure", "kind")
    ):
        by_code[row["code"]] = row
    return [{**row, "key": f"i{n}"} for n, row in enumerate(by_code.values())]


def units_in(years):
    """Units that had to report in at least one year of the period."""
    start, end = years[0], years[-1]
    return Unit.objects.filter(Q(active_from__isnull=True) | Q(active_from__lte=end)).filter(
        Q(active_to__isnull=True) | Q(active_to__gt=start)
    )


def indicator_totals(years, columns):
    """Units annotated with the total of each indicator over their submitted reports of the
    period (the average for percentages, which do not add up), in one query."""
    submitted = Q(reports__criteria_set__year__in=years, reports__first_submitted_at__isnull=False)
    annotations = {"report_count": Count("reports", filter=submitted, distinct=True)}
    for column in columns:
        aggregate = Avg if column["kind"] == Indicator.Kind.PERCENT else Sum
        annotations[column["key"]] = aggregate(
            "reports__indicators__value",
            filter=submitted & Q(reports__indicators__indicator__code=column["code"]),
        )
    return units_in(years).select_related("group").annotate(**annotations)


def sort_fields(columns):
    """Public sort key -> ordering, for `ordering()`."""
    fields = {
        "code": ("code",),
        "name": ("search_text",),
        "group": ("group__order", "code"),
        "reports": ("report_count", "code"),
    }
    for column in columns:
        fields[column["code"]] = (column["key"], "code")
    return fields


def ordering(fields, key):
    """Order by `key` ("name", "-dossiers_received"...); missing totals sort last both ways."""
    name = key.lstrip("-")
    if name not in fields:
        name, key = "name", "name"
    descending = key.startswith("-")
    return [
        F(f).desc(nulls_last=True) if descending else F(f).asc(nulls_last=True)
        for f in fields[name]
    ], key


def row(unit, columns):
    return [unit.code, unit.name, unit.group.name if unit.group else "", unit.report_count] + [
        getattr(unit, c["key"]) for c in columns
    ]


def totals_chart(units, columns, years):
    """The indicator totals of every unit as a table (no chart: one sheet of the workbook)."""
    return Chart(
        key="indicators",
        title=_("Indicator totals of each unit, %(start)s-%(end)s")
        % {"start": years[0], "end": years[-1]},
        sheet=_("Indicator totals"),
        columns=[_("Code"), _("Unit"), _("Group"), _("Reports")] + [heading(c) for c in columns],
        rows=[row(unit, columns) for unit in units],
        note=_("Percentages are averaged over the years; other indicators are added up."),
    )


def heading(column):
    unit = column["unit_of_measure"]
    return f"{column['name']} ({unit})" if unit else column["name"]


INDICATORS_PER_TABLE = 5  # a portrait page holds the unit's name and five figures


def full_context(period, user=None, issuer=None, form=None):
    """The campaigns summary's context completed with the classes per year and each unit's
    indicator totals over the period, which only this layer can read. The wide table of
    indicators is split into tables of INDICATORS_PER_TABLE figures, each naming the units."""
    years = period.years
    context = summary.period_context(period, *(a for a in (issuer, form) if a is not None))
    classes = class_distribution(years, user)
    context["class_headers"] = [str(c) for c in classes.columns[2:]]
    context["classes"] = [
        {"year": row[0], "group": str(row[1]), "cells": [formats.display(v) for v in row[2:]]}
        for row in classes.rows
    ]
    columns = [{"name": _("Reports"), "unit_of_measure": "", "key": "report_count"}]
    columns += indicators(years)
    units = list(indicator_totals(years, columns[1:]).order_by("code"))
    tables = []
    # As many tables as needed, each as full as the others (16 figures: 4 tables of 4).
    count = -(-len(columns) // INDICATORS_PER_TABLE)
    size = -(-len(columns) // count)
    for start in range(0, len(columns), size):
        chunk = columns[start : start + size]
        tables.append(
            {
                "number": len(tables) + 1,
                "headers": [heading(c) for c in chunk],
                "rows": [
                    {
                        "number": n,
                        "name": unit.name,
                        "cells": [formats.measure(getattr(unit, c["key"])) for c in chunk],
                    }
                    for n, unit in enumerate(units, start=1)
                ],
            }
        )
    context["indicator_tables"] = tables if units else []
    return context


def full_docx(period, user=None, issuer=None, form=None):
    context = full_context(period, user, issuer, form)
    return render(context["kind"], context)
