"""The result of a run as an Excel workbook: one sheet per group and a sheet of all scores."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.xlsx_writer import Column, Table, xlsx_bytes

from . import results


def workbook(run):
    rows = results.attach_warnings(run, results.ordered_results(run))
    groups = results.by_group(run, rows)
    tables = [_group_table(run, group) for group in groups]
    numbers = results.criterion_numbers(run)
    columns = [Column(_("Group"), 24), Column(_("Code"), 12), Column(_("Agency or unit"), 50)]
    columns += [Column(_("Criterion %(n)s") % {"n": n}, 8) for n in numbers]
    columns += [
        Column(_("Bonus"), 8),
        Column(_("Penalty"), 8),
        Column(pgettext("score", "Total"), 10),
        Column(_("Class"), 16),
    ]
    scores = [
        [group.name, result.unit.code, result.unit.name]
        + [_number(v) for v in result.score_list]
        + [
            result.bonus,
            result.penalty,
            result.total if result.classified else None,
            result.tier_name or _("Not classified"),
        ]
        for group in groups
        for result in group.classified + group.unclassified
    ]
    tables.append(Table(_("Criterion scores"), columns, scores))
    return xlsx_bytes(*tables)


def _group_table(run, group):
    columns = [
        Column(_("Rank"), 8, kind="count"),
        Column(_("Code"), 12),
        Column(_("Agency or unit"), 50),
        Column(pgettext("score", "Total"), 10),
        Column(_("Class"), 16),
        Column(_("Notes"), 50),
        Column(_("Figure warnings"), 12, kind="count"),
        Column(_("Figure warnings in words"), 60),
    ]
    rows = [
        [
            result.rank,
            result.unit.code,
            result.unit.name,
            result.total,
            result.tier_name,
            "; ".join(result.notes),
            *_warnings(result),
        ]
        for result in group.classified
    ]
    rows += [
        [
            None,
            result.unit.code,
            result.unit.name,
            None,
            _("Not classified"),
            result.reason_label,
            *_warnings(result),
        ]
        for result in group.unclassified
    ]
    return Table(group.name, columns, rows, heading=[f"{group.name} — {_('year')} {run.year}"])


def _warnings(result):
    """How many consistency rules the unit's figures break, and which (blank when none)."""
    return [len(result.warnings) or None, "; ".join(result.warnings)]


def _number(value):
    return float(value) if value not in ("", None) else None
