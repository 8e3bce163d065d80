"""The summary of a campaign period, as a page and as the context of its Word report.

Only what campaigns owns is summarised here (models, typical examples, awards). Classes per
year and indicator totals belong to ratings and reports, which campaigns must not import; the
dashboards layer adds them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import formats
from documents import signing
from documents.render import render
from documents.signing import SigningForm

from .models import (
    Award,
    AwardKind,
    DanVanModel,
    ExampleKind,
    Field,
    PeriodKind,
    RecognitionLevel,
    TypicalExample,
)


def period_summary(period):
    """Counts across the years of `period`, each table built from one grouped query."""
    years = period.years
    models_by_year = _models_by_year(years)
    examples_by_year = _examples_by_year(years)
    awards_by_year = _awards_by_year(years)
    return {
        "years": years,
        "levels": [label for _value, label in RecognitionLevel.choices],
        "models_by_field": _models_by_field(years),
        "models_by_year": models_by_year,
        "examples_by_year": examples_by_year,
        "award_kinds": [label for _value, label in AwardKind.choices],
        "awards_by_year": awards_by_year,
        "per_year": [
            {"year": m["year"], "models": m, "examples": e, "awards": a}
            for m, e, a in zip(models_by_year, examples_by_year, awards_by_year, strict=True)
        ],
        "period_awards": _period_awards(period),
    }


def _models_by_field(years):
    """Models registered in the period: per field, how many are recognised at each level and
    how many are not (yet) recognised."""
    rows = (
        DanVanModel.objects.filter(year__range=(years[0], years[-1]))
        .values("field", "recognition_level")
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells = {(r["field"], r["recognition_level"]): r["n"] for r in rows}
    table = []
    for value, label in Field.choices:
        levels = [cells.get((value, level), 0) for level in RecognitionLevel.values]
        unrecognised = cells.get((value, ""), 0)
        table.append(
            {
                "label": label,
                "levels": levels,
                "unrecognised": unrecognised,
                "total": sum(levels) + unrecognised,
            }
        )
    table.append(_total_row(table, _("Total")))
    return table


def _total_row(table, label):
    return {
        "label": label,
        "levels": [sum(col) for col in zip(*(r["levels"] for r in table), strict=True)],
        "unrecognised": sum(r["unrecognised"] for r in table),
        "total": sum(r["total"] for r in table),
    }


def _models_by_year(years):
    registered = dict(
        DanVanModel.objects.filter(year__in=years)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    recognised = {
        r["recognised_on__year"]: r["n"]
        for r in DanVanModel.objects.filter(recognised_on__year__in=years)
        .filter(recognised_on__isnull=False)
        .values("recognised_on__year")
        .annotate(n=Count("pk"))
        .order_by()
    }
    return [
        {"year": y, "registered": registered.get(y, 0), "recognised": recognised.get(y, 0)}
        for y in years
    ]


def _examples_by_year(years):
    rows = (
        TypicalExample.objects.filter(commended_on__year__in=years)
        .values("commended_on__year")
        .annotate(
            collectives=Count("pk", filter=Q(kind=ExampleKind.COLLECTIVE)),
            persons=Count("pk", filter=Q(kind=ExampleKind.PERSON)),
            picks=Count("pk", filter=Q(is_monthly_pick=True)),
        )
        .order_by()
    )
    by_year = {r["commended_on__year"]: r for r in rows}
    table = []
    for y in years:
        row = by_year.get(y, {})
        table.append(
            {
                "year": y,
                "collectives": row.get("collectives", 0),
                "persons": row.get("persons", 0),
                "picks": row.get("picks", 0),
            }
        )
    return table


def _awards_by_year(years):
    """Awards given for a year of the period, per kind."""
    rows = (
        Award.objects.filter(year__in=years)
        .values("year", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    cells = {(r["year"], r["kind"]): r["n"] for r in rows}
    table = []
    for y in years:
        kinds = [cells.get((y, kind), 0) for kind in AwardKind.values]
        table.append({"year": y, "kinds": kinds, "total": sum(kinds)})
    return table


def _period_awards(period):
    """Awards given for the campaign period as a whole (sơ kết, tổng kết)."""
    return list(
        Award.objects.filter(period=period)
        .select_related("unit")
        .order_by("decision_date", "decision_number", "pk")
    )


class Issuer(models.TextChoices):
    """Who issues the period's report, and so its layout: the Ban Dân vận of the Tỉnh ủy is a
    Party body (Hướng dẫn 36-HD/VPTW), the UBND tỉnh a state one (Nghị định 30/2020)."""

    PARTY = "party", gettext_lazy("Ban Dân vận Tỉnh ủy (Party layout, Guidance 36)")
    STATE = "state", gettext_lazy("UBND tỉnh (state layout, Decree 30)")


PERIOD_SIGNING = [
    SigningForm.COLLECTIVE,
    SigningForm.COLLECTIVE_DEPUTY,
    SigningForm.HEAD,
    SigningForm.DEPUTY,
]


def _issuer(issuer, province):
    """The header, numbering, signer and recipients of each issuer."""
    if issuer == Issuer.STATE:
        return {
            "kind": "period_state",
            "parent_body": "",
            "issuing_body": f"ỦY BAN NHÂN DÂN TỈNH {province}".upper(),
            "number": "      /BC-UBND",
            "signing": ("ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", False),
            "recipients": ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT"],
        }
    return {
        "kind": "period_party",
        "parent_body": f"TỈNH ỦY {province}".upper(),
        "issuing_body": "BAN DÂN VẬN",
        "number": "      -BC/BDVTU",
        "signing": ("BAN DÂN VẬN", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", True),
        "recipients": ["Thường trực Tỉnh ủy", "Sở Nội vụ", "Lưu: VP"],
    }


def period_context(period, issuer=Issuer.PARTY, form=SigningForm.COLLECTIVE):
    """The context of the period's report (the template kind is `context["kind"]`): what
    campaigns owns (models, typical examples, awards). The dashboards layer adds the classes
    and the indicator totals, which this app must not read."""
    data = period_summary(period)
    province = getattr(settings, "PROVINCE_NAME", "Đồng Nai")
    who = _issuer(Issuer(issuer), province)
    collective, head, deputy, party = who.pop("signing")
    form = SigningForm(form)
    title = deputy if form in (SigningForm.DEPUTY, SigningForm.COLLECTIVE_DEPUTY) else head
    review = "sơ kết" if period.kind == PeriodKind.INTERIM else "tổng kết"
    count = formats.count
    return {
        **who,
        "place_date": f"{province}, {formats.long_date(timezone.localdate())}",
        "subject": f"{review.capitalize()} phong trào thi đua “Dân vận khéo” "
        f"giai đoạn {period.start_year}-{period.end_year}",
        "introduction": [f"{period.name}.", *paragraphs(period.description)],
        "review_word": review,
        "level_headers": [
            *[f"Công nhận {str(label).lower()}" for label in data["levels"]],
            "Chưa công nhận",
            "Tổng số",
        ],
        "models_by_field": [
            {
                "label": str(row["label"]),
                "levels": [count(n) for n in (*row["levels"], row["unrecognised"], row["total"])],
            }
            for row in data["models_by_field"]
        ],
        "models_by_year": [
            {
                "year": r["year"],
                "registered": count(r["registered"]),
                "recognised": count(r["recognised"]),
            }
            for r in data["models_by_year"]
        ],
        "examples_by_year": [
            {
                "year": r["year"],
                "collectives": count(r["collectives"]),
                "persons": count(r["persons"]),
                "picks": count(r["picks"]),
            }
            for r in data["examples_by_year"]
        ],
        "award_headers": [*[str(label) for label in data["award_kinds"]], "Tổng số"],
        "awards_by_year": [
            {"year": r["year"], "cells": [count(n) for n in (*r["kinds"], r["total"])]}
            for r in data["awards_by_year"]
        ],
        "period_awards": [
            {
                "kind": a.get_kind_display(),
                "recipient": a.person_name or a.unit.name,
                "unit": a.unit.name,
                "decision": f"{a.decision_number} ngày {formats.short_date(a.decision_date)}",
            }
            for a in data["period_awards"]
        ],
        "classes": None,
        "class_headers": [],
        "indicator_tables": [],
        "signer_lines": signing.signer_lines(form, collective, head, title, party=party),
        "signer_name": "",
    }


def paragraphs(text):
    return [
        chunk.strip() for chunk in (text or "").replace("\r\n", "\n").split("\n") if chunk.strip()
    ]


def period_docx(period, issuer=Issuer.PARTY, form=SigningForm.COLLECTIVE):
    """The period's summary report as .docx bytes, in its issuer's layout."""
    context = period_context(period, issuer, form)
    return render(context["kind"], context)
