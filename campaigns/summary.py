"""The summary of a campaign period, as a page and as a Nghị định 30 .docx report.

Only what campaigns owns is summarised here (models, typical examples, awards). Classes per
year and indicator totals belong to ratings and reports, which campaigns must not import; the
dashboards layer adds them.
"""

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH

from danvan import nd30

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


def period_docx(period, more_parts=None):
    """The period's summary report in the Nghị định 30 layout, as .docx bytes.

    `more_parts(document)` writes further parts before the signature: the classes and indicator
    totals come from reports and ratings, which this app must not import, so the dashboards
    layer passes them in."""
    data = period_summary(period)
    province = getattr(settings, "PROVINCE_NAME", "Đồng Nai")
    today = timezone.localdate()
    document = nd30.new_document()
    review = "SƠ KẾT" if period.kind == PeriodKind.INTERIM else "TỔNG KẾT"
    nd30.write_header(
        document,
        nd30.Header(
            parent_body=f"TỈNH ỦY {province}",
            issuing_body="BAN DÂN VẬN",
            number="Số:      /BC-BDVTU",
            place_date=f"{province}, ngày {today.day} tháng {today.month} năm {today.year}",
            doc_type="BÁO CÁO",
            subject=f"{review.capitalize()} phong trào thi đua “Dân vận khéo” "
            f"giai đoạn {period.start_year}-{period.end_year}",
        ),
    )
    nd30.body(document, f"{period.name}.")
    if period.description:
        nd30.body(document, period.description)
    nd30.heading(document, "I. MÔ HÌNH “DÂN VẬN KHÉO”", align=WD_ALIGN_PARAGRAPH.LEFT)
    nd30.body(document, "1. Mô hình đăng ký trong giai đoạn, theo lĩnh vực và cấp công nhận:")
    levels = [f"Công nhận {label.lower()}" for label in data["levels"]]
    nd30.simple_table(
        document,
        ["Lĩnh vực", *levels, "Chưa công nhận", "Tổng số"],
        [
            [row["label"], *row["levels"], row["unrecognised"], row["total"]]
            for row in data["models_by_field"]
        ],
        size=11,
    )
    nd30.body(document, "2. Mô hình theo năm:")
    nd30.simple_table(
        document,
        ["Năm", "Đăng ký", "Được công nhận"],
        [[r["year"], r["registered"], r["recognised"]] for r in data["models_by_year"]],
    )
    nd30.heading(document, "II. ĐIỂN HÌNH", align=WD_ALIGN_PARAGRAPH.LEFT)
    nd30.simple_table(
        document,
        ["Năm", "Tập thể", "Cá nhân", "Điển hình chọn hằng tháng"],
        [[r["year"], r["collectives"], r["persons"], r["picks"]] for r in data["examples_by_year"]],
    )
    nd30.heading(document, "III. KHEN THƯỞNG", align=WD_ALIGN_PARAGRAPH.LEFT)
    nd30.body(document, "1. Khen thưởng theo năm:")
    nd30.simple_table(
        document,
        ["Năm", *data["award_kinds"], "Tổng số"],
        [[r["year"], *r["kinds"], r["total"]] for r in data["awards_by_year"]],
        size=10,
    )
    nd30.body(document, f"2. Khen thưởng {review.lower()} giai đoạn:")
    if data["period_awards"]:
        nd30.simple_table(
            document,
            ["Hình thức", "Tập thể, cá nhân", "Đơn vị", "Quyết định"],
            [
                [
                    a.get_kind_display(),
                    a.person_name or a.unit.name,
                    a.unit.name,
                    f"{a.decision_number} ngày {a.decision_date:%d/%m/%Y}",
                ]
                for a in data["period_awards"]
            ],
            size=11,
        )
    else:
        nd30.body(document, "Không có.")
    if more_parts is not None:
        more_parts(document)
    document.add_paragraph()
    nd30.write_signature(
        document,
        nd30.Signature(
            authority="TM. BAN DÂN VẬN",
            title="TRƯỞNG BAN",
            recipients=["Thường trực Tỉnh ủy", "Sở Nội vụ", "Lưu: VP"],
        ),
    )
    return nd30.to_bytes(document)
