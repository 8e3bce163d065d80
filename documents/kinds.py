"""The kinds of document the portal prints, the variables each template may use, and a sample
context per kind (what an uploaded template is tried on before it is accepted).

A context is plain values only: strings already written the Vietnamese way by danvan.formats
("95,60", "ngày 02 tháng 12 năm 2026"), lists and dictionaries of them. The builders live next
to their data: reports/export.py, ratings/documents.py, campaigns/summary.py and
dashboards/periods.py.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULTS = Path(__file__).resolve().parent / "templates_docx"


class Kind(models.TextChoices):
    REPORT = "report", _("Unit's yearly report (Decree 30 layout)")
    DECISION = "decision", _("Classification decision with its appendix (Decree 30 layout)")
    PERIOD_STATE = "period_state", _("Campaign period report of the UBND tỉnh (Decree 30 layout)")
    PERIOD_PARTY = (
        "period_party",
        _("Campaign period report of the Ban Dân vận Tỉnh ủy (Guidance 36 layout)"),
    )


@dataclass(frozen=True)
class Variable:
    name: str
    help: str
    children: tuple = field(default=())


HEADER = (
    Variable("parent_body", _("Parent body, upper case (empty when there is none)")),
    Variable("issuing_body", _("Issuing body, upper case")),
    Variable("number", _('Number and symbol, without "Số"')),
    Variable("place_date", _('Place and date, e.g. "Đồng Nai, ngày 02 tháng 12 năm 2026"')),
    Variable("subject", _("Summary line under the document type")),
)
SIGNATURE = (
    Variable("recipients", _('Recipients, a list (the template adds ";" and the final ".")')),
    Variable(
        "signer_lines",
        _("The signature block's lines above the signature: authority and title, a list"),
    ),
    Variable("signer_name", _("Name of the person who signs")),
)
TEXT = _("a list of paragraphs")

REPORT = (
    *HEADER,
    Variable("year", _("Year of the report")),
    Variable("next_year", _("The following year")),
    Variable("legal_bases", _("Legal bases the report answers, %(kind)s") % {"kind": TEXT}),
    Variable("general_situation", _("General situation, %(kind)s") % {"kind": TEXT}),
    Variable("leadership", _("Leadership and direction, %(kind)s") % {"kind": TEXT}),
    Variable(
        "criteria",
        _("The criteria, a list"),
        (
            Variable("number", _("Number of the criterion")),
            Variable("title", _("Title of the criterion")),
            Variable("self_score", _('Self-score, e.g. "9,50" (empty when not scored)')),
            Variable("max_points", _('Maximum points, e.g. "10,00"')),
            Variable("narrative", _("What was done, %(kind)s") % {"kind": TEXT}),
        ),
    ),
    Variable(
        "indicators",
        _("The indicators, a list"),
        (
            Variable("number", _("Row number")),
            Variable("name", _("Name of the indicator")),
            Variable("unit_of_measure", _("Unit of measure")),
            Variable("value", _('The figure as typed, e.g. "12,5" (empty when not given)')),
        ),
    ),
    Variable("total", _('Self-score total, e.g. "95,60"')),
    Variable("max_total", _('Maximum total, e.g. "100,00"')),
    Variable("self_class", _("Class the self-score gives (may be empty)")),
    Variable("strengths", _("Strengths and causes, %(kind)s") % {"kind": TEXT}),
    Variable("shortcomings", _("Shortcomings and causes, %(kind)s") % {"kind": TEXT}),
    Variable("lessons", _("Lessons, %(kind)s") % {"kind": TEXT}),
    Variable("proposals", _("Proposals, %(kind)s") % {"kind": TEXT}),
    Variable("next_year_direction", _("Tasks for the next year, %(kind)s") % {"kind": TEXT}),
    *SIGNATURE,
)

DECISION = (
    *HEADER,
    Variable("year", _("Year classified")),
    Variable("authority", _("Authority line above the legal bases, upper case")),
    Variable("legal_bases", _("Further legal bases of the criteria set, a list")),
    Variable("classified", _("Number of units classified")),
    Variable(
        "groups",
        _("The groups of units, a list"),
        (
            Variable("numeral", _("Roman numeral of the group in the appendix")),
            Variable("name", _("Name of the group")),
            Variable("classified", _("Units classified in the group")),
            Variable("unclassified", _("Units not classified in the group")),
            Variable("tiers", _("Count per class: a list of count and name")),
            Variable(
                "rows",
                _("The appendix rows: number, name, total, tier, rank, note"),
            ),
        ),
    ),
    Variable("replaces", _("The decision this one replaces (number, date), or empty")),
    Variable("date_long", _('Date of the decision, "ngày 28 tháng 12 năm 2026"')),
    Variable("issuer_name", _("Issuing body as written in the registry of units")),
    *SIGNATURE,
)

PERIOD = (
    *HEADER,
    Variable("introduction", _("The period's name and description, %(kind)s") % {"kind": TEXT}),
    Variable("review_word", _('"sơ kết" or "tổng kết"')),
    Variable("level_headers", _("Column headings of the models per field table, a list")),
    Variable("models_by_field", _("Models per field: label and levels (counts), a list")),
    Variable("models_by_year", _("Models per year: year, registered, recognised, a list")),
    Variable("examples_by_year", _("Typical examples per year: year, collectives, persons, picks")),
    Variable("award_headers", _("Column headings of the awards per year table, a list")),
    Variable("awards_by_year", _("Awards per year: year and cells (counts), a list")),
    Variable("period_awards", _("Awards for the period: kind, recipient, unit, decision")),
    Variable(
        "class_headers", _("Column headings of the classes per year table (full report only)")
    ),
    Variable("classes", _("Classes per year and group: year, group, cells (full report only)")),
    Variable(
        "indicator_tables",
        _("Indicator totals of each unit, split into tables: number, headers, rows"),
    ),
    *SIGNATURE,
)

VARIABLES = {
    Kind.REPORT: REPORT,
    Kind.DECISION: DECISION,
    Kind.PERIOD_STATE: PERIOD,
    Kind.PERIOD_PARTY: PERIOD,
}


def default_path(kind):
    return DEFAULTS / f"{Kind(kind).value}.docx"


def names(kind):
    return {v.name for v in VARIABLES[Kind(kind)]}


_SIGN = {
    "recipients": ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT, VP"],
    "signer_lines": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "signer_name": "Nguyễn Văn Bình",
}
_HEAD = {
    "parent_body": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
    "issuing_body": "SỞ NỘI VỤ",
    "number": "125/BC-SNV",
    "place_date": "Đồng Nai, ngày 10 tháng 11 năm 2026",
    "subject": "Kết quả thực hiện công tác dân vận chính quyền năm 2026",
}
_PARAS = ["Đoạn thứ nhất của phần này.", "Đoạn thứ hai & <ba>."]


def sample(kind):
    """A context of `kind` with every variable filled, for trying a template."""
    kind = Kind(kind)
    if kind == Kind.REPORT:
        return {
            **_HEAD,
            **_SIGN,
            "year": 2026,
            "next_year": 2027,
            "legal_bases": ["Kế hoạch số 12/KH-UBND ngày 10/01/2026 của UBND tỉnh."],
            "general_situation": _PARAS,
            "leadership": _PARAS,
            "criteria": [
                {
                    "number": n,
                    "title": f"Tiêu chí {n}",
                    "self_score": "9,50",
                    "max_points": "10",
                    "narrative": _PARAS,
                }
                for n in (1, 2)
            ],
            "indicators": [
                {
                    "number": 1,
                    "name": "Thủ tục công khai",
                    "unit_of_measure": "thủ tục",
                    "value": "48",
                },
                {"number": 2, "name": "Hồ sơ đúng hạn", "unit_of_measure": "%", "value": ""},
            ],
            "total": "95,60",
            "max_total": "100",
            "self_class": "Xuất sắc",
            "strengths": _PARAS,
            "shortcomings": _PARAS,
            "lessons": _PARAS,
            "proposals": _PARAS,
            "next_year_direction": _PARAS,
        }
    if kind == Kind.DECISION:
        rows = [
            {
                "number": 1,
                "name": "Sở Nội vụ",
                "total": "95,60",
                "tier": "Xuất sắc",
                "rank": 1,
                "note": "",
            },
            {
                "number": 2,
                "name": "Sở Tư pháp",
                "total": "",
                "tier": "Không xếp loại",
                "rank": "",
                "note": "Chưa nộp",
            },
        ]
        return {
            **_HEAD,
            **_SIGN,
            "parent_body": "",
            "issuing_body": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
            "number": "125/QĐ-UBND",
            "subject": "Về việc xếp loại công tác dân vận chính quyền năm 2026",
            "year": 2026,
            "authority": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
            "legal_bases": ["Quyết định số 1/QĐ-UBND ngày 05/01/2026 của UBND tỉnh"],
            "classified": 1,
            "groups": [
                {
                    "numeral": "I",
                    "name": "Khối sở, ban, ngành",
                    "classified": 1,
                    "unclassified": 1,
                    "tiers": [{"count": 1, "name": "Xuất sắc"}],
                    "rows": rows,
                }
            ],
            "replaces": {"number": "100/QĐ-UBND", "date": "ngày 20 tháng 12 năm 2026"},
            "date_long": "ngày 28 tháng 12 năm 2026",
            "issuer_name": "Ủy ban nhân dân tỉnh Đồng Nai",
            "signer_lines": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            "recipients": ["Như Điều 3", "Lưu: VT, SNV"],
        }
    return {
        **_HEAD,
        **_SIGN,
        "parent_body": "TỈNH ỦY ĐỒNG NAI",
        "issuing_body": "BAN DÂN VẬN",
        "number": "12-BC/BDVTU",
        "subject": "Sơ kết phong trào thi đua “Dân vận khéo” giai đoạn 2024-2026",
        "introduction": _PARAS,
        "review_word": "sơ kết",
        "level_headers": ["Cấp tỉnh", "Chưa công nhận", "Tổng số"],
        "models_by_field": [{"label": "Kinh tế", "levels": [1, 0, 1]}],
        "models_by_year": [{"year": 2026, "registered": 2, "recognised": 1}],
        "examples_by_year": [{"year": 2026, "collectives": 1, "persons": 0, "picks": 0}],
        "award_headers": ["Giấy khen", "Tổng số"],
        "awards_by_year": [{"year": 2026, "cells": [1, 1]}],
        "period_awards": [
            {
                "kind": "Giấy khen",
                "recipient": "Sở Nội vụ",
                "unit": "Sở Nội vụ",
                "decision": "5/QĐ-UBND ngày 02/12/2026",
            }
        ],
        "class_headers": ["Xuất sắc", "Tốt", "Số đơn vị"],
        "classes": [{"year": 2026, "group": "Khối sở", "cells": [1, 2, 3]}],
        "indicator_tables": [
            {
                "number": 1,
                "headers": ["Thủ tục (thủ tục)"],
                "rows": [{"number": 1, "name": "Sở Nội vụ", "cells": ["48"]}],
            }
        ],
        "signer_lines": ["T/M BAN DÂN VẬN", "TRƯỞNG BAN"],
    }
