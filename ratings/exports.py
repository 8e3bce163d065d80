"""The result of a run as an Excel workbook: one sheet per group and a sheet of all scores."""

import re
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Font

from danvan import formats
from danvan.xlsx_writer import Workbook

from . import results


def workbook(run):
    rows = results.attach_warnings(run, results.ordered_results(run))
    groups = results.by_group(run, rows)
    book = Workbook()
    used = set()
    for group in groups:
        sheet = book.create_sheet(_sheet_title(group.name, used))
        sheet.append([f"{group.name} — {_('year')} {run.year}"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet.append(
            [
                _("Rank"),
                _("Code"),
                _("Agency or unit"),
                pgettext("score", "Total"),
                _("Class"),
                _("Notes"),
                _("Figure warnings"),
                _("Figure warnings in words"),
            ]
        )
        for result in group.classified:
            sheet.append(
                [
                    result.rank,
                    result.unit.code,
                    result.unit.name,
                    float(result.total),
                    result.tier_name,
                    "; ".join(result.notes),
                    *_warnings(result),
                ]
            )
        for result in group.unclassified:
            sheet.append(
                [
                    None,
                    result.unit.code,
                    result.unit.name,
                    None,
                    _("Not classified"),
                    result.reason_label,
                    *_warnings(result),
                ]
            )
        formats.xlsx_formats(sheet, {1: "count", 7: "count"}, first_row=3)
        _bold_row(sheet, 2)
        _widths(sheet, [8, 12, 50, 10, 16, 50, 12, 60])
    numbers = results.criterion_numbers(run)
    scores = book.create_sheet(_sheet_title(_("Criterion scores"), used))
    header = [_("Group"), _("Code"), _("Agency or unit")]
    header += [_("Criterion %(n)s") % {"n": n} for n in numbers]
    header += [_("Bonus"), _("Penalty"), pgettext("score", "Total"), _("Class")]
    scores.append(header)
    for group in groups:
        for result in group.classified + group.unclassified:
            scores.append(
                [group.name, result.unit.code, result.unit.name]
                + [_number(v) for v in result.score_list]
                + [
                    float(result.bonus),
                    float(result.penalty),
                    float(result.total) if result.classified else None,
                    result.tier_name or _("Not classified"),
                ]
            )
    formats.xlsx_formats(scores, {}, first_row=2)
    _bold_row(scores, 1)
    _widths(scores, [24, 12, 50] + [8] * len(numbers) + [8, 8, 10, 16])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _warnings(result):
    """How many consistency rules the unit's figures break, and which (blank when none)."""
    return [len(result.warnings) or None, "; ".join(result.warnings)]


def _number(value):
    return float(value) if value not in ("", None) else None


def _sheet_title(name, used):
    """Excel sheet names: at most 31 characters, no []:*?/\\, unique in the book."""
    base = re.sub(r"[\[\]:*?/\\]", " ", str(name)).strip()[:28] or "Sheet"
    title, i = base, 1
    while title.lower() in used:
        i += 1
        title = f"{base[:26]} {i}"
    used.add(title.lower())
    return title


def _bold_row(sheet, row):
    for cell in sheet[row]:
        cell.font = Font(bold=True)


def _widths(sheet, widths):
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
