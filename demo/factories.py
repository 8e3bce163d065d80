"""Plain factory functions: the units, people and reports the tests need and the demo province
is made of, built one way for both (the tests import them through their fixtures)."""

import importlib
from contextlib import suppress
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role, User
from campaigns.models import DanVanModel, Field, ModelStatus, RecognitionLevel
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from danvan.celery import QueueUnavailable
from reports import services as report_services
from reports.models import AnnualReport, CriterionScore, ReportState
from units.models import Unit, UnitGroup, UnitType

PASSWORD = "Mat-khau-2026!"  # the tests' logins; the demo passes its own
BASE_TIME = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


# --- Reference data, units and people --------------------------------------------------------


def criteria_set_of(year):
    """The year's criteria set, the default one created if the year has none."""
    return CriteriaSet.objects.filter(year=year).first() or create_default_set(year)


def ensure_reference_data():
    """Rows the data migrations create (unit groups, this year's default criteria set).

    A transactional test (browser, real worker) flushes every table at its end, data-migration
    rows included, so fixtures re-create them when missing instead of assuming them.
    """
    groups = importlib.import_module("units.migrations.0002_default_groups").GROUPS
    for code, name, order in groups:
        UnitGroup.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    criteria_set_of(date.today().year)


def make_unit(code, group, name=None, **fields):
    """A department of `group` active since 2020, its code as short name unless given."""
    fields = {"short_name": code, "type": UnitType.DEPARTMENT, "active_from": 2020, **fields}
    return Unit.objects.create(code=code, name=name or f"Đơn vị {code}", group=group, **fields)


def make_user(username, role, unit=None, password=PASSWORD, **extra):
    """A person who can log in with `password` (none: an unusable one, as for an invitation)."""
    fields = {"full_name": username.title(), "email": f"{username}@example.vn", **extra}
    user = User(username=username, role=role, unit=unit, **fields)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save()
    return user


def unit_head(unit):
    head = User.objects.filter(unit=unit, role=Role.HEAD).first()
    if head is None:
        head = make_user(f"head_{unit.code.lower()}", Role.HEAD, unit)
    return head


# --- Reports built through the models --------------------------------------------------------


def scored_report(
    unit,
    criteria_set,
    review_scores,
    *,
    self_scores=None,
    reviewed_by=None,
    state=ReportState.ACCEPTED,
    submitted_at=None,
    **fields,
):
    """A report created straight in `state` with its scores ({criterion number: score}); the
    self-scores are the review scores unless given."""
    report = AnnualReport.objects.create(
        unit=unit,
        criteria_set=criteria_set,
        state=state,
        first_submitted_at=submitted_at,
        submitted_at=submitted_at,
        **fields,
    )
    by_number = {c.number: c for c in criteria_set.criteria.all()}
    self_scores = self_scores or review_scores
    CriterionScore.objects.bulk_create(
        CriterionScore(
            report=report,
            criterion=by_number[number],
            self_score=Decimal(str(self_scores[number])),
            review_score=Decimal(str(score)),
            reviewed_by=reviewed_by,
        )
        for number, score in review_scores.items()
    )
    return report


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
    """A reviewed report whose scores add up to `total` (or are `scores`), for the
    classification; the filing and review screens are not needed to build it."""
    if scores is None:
        scores = spread_scores(list(criteria_set.criteria.all()), total, fixed)
    submitted_at = submitted_at or BASE_TIME + timedelta(minutes=unit.pk)
    return scored_report(
        unit,
        criteria_set,
        scores,
        state=state,
        submitted_at=submitted_at if state != ReportState.DRAFT else None,
        is_late=late,
        violation_flagged=bool(violation),
        violation_reason=violation,
    )


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


def many_units(group, n, prefix, name, start=0, digits=6):
    """Communes `prefix000123` named `name.format(i=...)`, numbered from `start`, inserted in
    bulk (no `save()`, so the search text is built here as `Unit.save` would)."""
    units = []
    for i in range(start, start + n):
        unit = Unit(
            code=f"{prefix}{i:0{digits}d}",
            name=name.format(i=i),
            type=UnitType.COMMUNE,
            group=group,
            active_from=2020,
        )
        unit.search_text = unit.build_search_text()
        units.append(unit)
    Unit.objects.bulk_create(units, batch_size=5000)


def many_accepted_reports(criteria_set, group, n, prefix="M"):
    """`n` units with accepted, reviewed reports, inserted in bulk (for large runs)."""
    criteria = list(criteria_set.criteria.all())
    many_units(group, n, prefix, f"Đơn vị {prefix}{{i}}")
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


# --- Reports moved through the services ------------------------------------------------------


def fill(report, narrative="Đã triển khai đầy đủ các văn bản chỉ đạo.", self_score="8"):
    report.general_situation = "Tình hình chung của đơn vị trong năm."
    report.save()
    for score in report.scores.all():
        score.narrative = narrative
        score.self_score = Decimal(self_score)
        score.save()
    report.indicators.filter(indicator__required=True).update(value=1)


def submitted_report(unit, head=None, criteria_set=None, **fill_kwargs):
    """The unit's report of the year, filled in and submitted by its head."""
    criteria_set = criteria_set or CriteriaSet.objects.get(year=date.today().year)
    head = head if head is not None and head.unit_id == unit.pk else unit_head(unit)
    report = report_services.start_report(unit, criteria_set, head)
    fill(report, **fill_kwargs)
    with suppress(QueueUnavailable):  # the head's mail; a test may have the queue down
        report_services.send_to_head(report, head)
    return report_services.submit(report, head)


# --- A province of patterned units (dashboards) ----------------------------------------------
#
# Unit i of `build_province` follows a fixed pattern, so tests can add units and stay predictable:
# - i % 5 == 4: no report; i % 5 == 3: a draft (never submitted);
# - i % 5 in (0, 1): accepted with review scores; i % 5 == 2: under review (scores not final);
# - first submitted at 10:00 local time, (i % 6) - 4 days from the deadline (offset +1 is late);
# - one Dân vận khéo model per unit, field by i % 4, recognised at province level when i % 3 == 0.


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
        unit = make_unit(f"U{i:03d}", groups[i % 2], f"Đơn vị thử {i:03d}", short_name="")
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
        fill_report(report_services.start_report(unit, criteria_set, author), i)
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
