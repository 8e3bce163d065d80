"""Accepted reports with review scores, built directly through the models (the filing and
review screens are other people's work and not needed to test the classification)."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from campaigns.models import DanVanModel, Field, RecognitionLevel
from reports.models import AnnualReport, CriterionScore, ReportState
from units.models import Unit, UnitType

BASE_TIME = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def make_unit(code, group, name=None):
    return Unit.objects.create(
        code=code,
        name=name or f"Đơn vị {code}",
        short_name=code,
        type=UnitType.DEPARTMENT,
        group=group,
        active_from=2020,
    )


def spread_scores(criteria, total, fixed=None):
    """Scores per criterion number summing to `total` (before bonus), each at least half its
    maximum unless fixed by `fixed` ({number: score})."""
    fixed = {n: Decimal(str(v)) for n, v in (fixed or {}).items()}
    scores = {c.number: fixed.get(c.number, c.max_points) for c in criteria}
    deficit = sum(scores.values()) - Decimal(str(total))
    assert deficit >= 0, "total above what the criteria allow; add a bonus"
    for c in criteria:
        if deficit <= 0:
            break
        if c.number in fixed:
            continue
        take = min(deficit, c.max_points / 2)
        scores[c.number] -= take
        deficit -= take
    assert deficit == 0, "total too low for the half-maximum rule; pass fixed scores"
    return scores


def accepted_report(
    unit,
    criteria_set,
    total=None,
    scores=None,
    *,
    late=False,
    violation="",
    submitted_at=None,
    state=ReportState.ACCEPTED,
    fixed=None,
):
    criteria = list(criteria_set.criteria.all())
    if scores is None:
        scores = spread_scores(criteria, total, fixed)
    submitted_at = submitted_at or BASE_TIME + timedelta(minutes=unit.pk)
    report = AnnualReport.objects.create(
        unit=unit,
        criteria_set=criteria_set,
        state=state,
        is_late=late,
        violation_flagged=bool(violation),
        violation_reason=violation,
        first_submitted_at=submitted_at if state != ReportState.DRAFT else None,
        submitted_at=submitted_at if state != ReportState.DRAFT else None,
    )
    by_number = {c.number: c for c in criteria}
    CriterionScore.objects.bulk_create(
        CriterionScore(
            report=report,
            criterion=by_number[number],
            self_score=Decimal(str(score)),
            review_score=Decimal(str(score)),
        )
        for number, score in scores.items()
    )
    return report


def recognised_models(unit, year, count, level=RecognitionLevel.PROVINCE):
    for i in range(count):
        DanVanModel.objects.create(
            unit=unit,
            year=year,
            name=f"Mô hình {unit.code} {i + 1}",
            field=Field.ECONOMY,
            status="recognised",
            recognition_level=level,
            recognised_on=date(year, 6, 1),
        )


def many_accepted_reports(criteria_set, group, n, prefix="M"):
    """`n` units with accepted, reviewed reports, inserted in bulk (for large runs)."""
    criteria = list(criteria_set.criteria.all())
    Unit.objects.bulk_create(
        (
            Unit(
                code=f"{prefix}{i:06d}",
                name=f"Đơn vị {prefix}{i}",
                type=UnitType.COMMUNE,
                group=group,
                active_from=2020,
                search_text=f"{prefix.lower()}{i:06d}",
            )
            for i in range(n)
        ),
        batch_size=5000,
    )
    units = list(Unit.objects.filter(code__startswith=prefix).values_list("pk", flat=True))
    AnnualReport.objects.bulk_create(
        (
            AnnualReport(
                unit_id=pk,
                criteria_set=criteria_set,
                state=ReportState.ACCEPTED,
                first_submitted_at=BASE_TIME + timedelta(seconds=pk),
                submitted_at=BASE_TIME + timedelta(seconds=pk),
            )
            for pk in units
        ),
        batch_size=5000,
    )
    reports = AnnualReport.objects.filter(criteria_set=criteria_set, unit_id__in=units)
    CriterionScore.objects.bulk_create(
        (
            CriterionScore(
                report_id=report_id,
                criterion=criterion,
                review_score=criterion.max_points - (report_id + criterion.number) % 4,
            )
            for report_id in reports.values_list("pk", flat=True)
            for criterion in criteria
        ),
        batch_size=10000,
    )
