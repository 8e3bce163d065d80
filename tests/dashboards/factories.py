"""A seeded province for the dashboard tests, built with the ORM and the report services.

Unit i of `build_province` follows a fixed pattern, so tests can add units and stay predictable:
- i % 5 == 4: no report; i % 5 == 3: a draft (never submitted);
- i % 5 in (0, 1): accepted with review scores; i % 5 == 2: under review (scores not final);
- first submitted at 10:00 local time, (i % 6) - 4 days from the deadline (offset +1 is late);
- one Dân vận khéo model per unit, field by i % 4, recognised at province level when i % 3 == 0.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role
from campaigns.models import DanVanModel, Field, ModelStatus, RecognitionLevel
from reports.models import AnnualReport, CriterionScore, ReportState
from reports.services import start_report
from tests.conftest import make_user
from units.models import Unit, UnitGroup, UnitType


def submitted_at(deadline, i):
    day = deadline + timedelta(days=(i % 6) - 4)
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def self_score(i, criterion):
    return Decimal((i * 3 + criterion.number) % int(criterion.max_points + 1))


def build_province(criteria_set, count, start=0, author=None):
    groups = list(UnitGroup.objects.filter(code__in=["so-ban-nganh", "xa-phuong"]))
    author = author or make_user(f"builder{start}", Role.ADMIN)
    units = []
    for i in range(start, start + count):
        unit = Unit.objects.create(
            code=f"U{i:03d}",
            name=f"Đơn vị thử {i:03d}",
            type=UnitType.DEPARTMENT,
            group=groups[i % 2],
            active_from=2020,
        )
        units.append(unit)
        DanVanModel.objects.create(
            unit=unit,
            year=criteria_set.year,
            name=f"Mô hình {i}",
            field=Field.values[i % 4],
            status=ModelStatus.RECOGNISED if i % 3 == 0 else ModelStatus.RUNNING,
            recognition_level=RecognitionLevel.PROVINCE if i % 3 == 0 else "",
        )
        if i % 5 == 4:
            continue
        fill_report(start_report(unit, criteria_set, author), i)
    return units


def fill_report(report, i, state=None):
    """Scores for every criterion, then the state of pattern i (or the one given)."""
    state = (
        state
        or {
            0: ReportState.ACCEPTED,
            1: ReportState.ACCEPTED,
            2: ReportState.UNDER_REVIEW,
            3: ReportState.DRAFT,
        }[i % 5]
    )
    for score in report.scores.select_related("criterion"):
        score.self_score = self_score(i, score.criterion)
        score.review_score = max(score.self_score - 1, Decimal(0))
        score.narrative = "Đã thực hiện."
        score.save()
    if state == ReportState.DRAFT:
        return report
    at = submitted_at(report.criteria_set.submission_deadline, i)
    AnnualReport.objects.filter(pk=report.pk).update(
        state=state,
        first_submitted_at=at,
        submitted_at=at,
        is_late=timezone.localdate(at) > report.criteria_set.submission_deadline,
    )
    report.refresh_from_db()
    return report


def final_scores():
    """Review scores that count: those of accepted reports."""
    return CriterionScore.objects.filter(report__state=ReportState.ACCEPTED)


def fill_indicators(report, i):
    """Whole numbers i*10 + position; percentages 50 + i (they are averaged, not added)."""
    for position, value in enumerate(report.indicators.select_related("indicator")):
        percent = value.indicator.kind == "percent"
        value.value = Decimal(50 + i) if percent else Decimal(i * 10 + position)
        value.save(update_fields=["value"])
