"""The demo's annual reports in assorted states, their reviewers, last year's and this year's
classification and last year's published decision."""

import random
import zlib
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import Role, User
from criteria.models import CriteriaSet
from criteria.services import copy_to_year
from demo.factories import criteria_set_of, scored_report
from demo.people import demo_people
from ratings import services as ratings
from ratings.models import Decision
from reports import figures as report_figures
from reports import services as report_services
from reports.models import AnnualReport, CriterionScore, IndicatorValue, ReviewAssignment
from units.models import Unit


def publish_last_year(year, admin):
    """Last year's classification published as the province's decision, so every unit sees
    its class."""
    run = ratings.current_run(year)
    if run is None or Decision.objects.filter(year=year).exists():
        return
    deadline = CriteriaSet.objects.get(year=year).submission_deadline
    ratings.publish(
        run,
        admin,
        number=f"{2000 + year % 100}/QĐ-UBND",
        date=min(deadline + timedelta(days=30), date.today()),
        place="Đồng Nai",
        issuing_body="Ủy ban nhân dân tỉnh Đồng Nai",
        signing_form="kt",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name="Nguyễn Văn An",
    )


def seed_review(year):
    """Reviewers for the demo units: rita takes the departments, lena the communes and wards.

    Units already assigned keep their reviewer, so a second run changes nothing.
    """
    criteria_set = CriteriaSet.objects.get(year=year)
    lead = User.objects.get(username="lena")
    plan = {"so-ban-nganh": "rita", "xa-phuong": "lena"}
    reviewers = {u.username: u for u in User.objects.filter(username__in=plan.values())}
    for unit in Unit.objects.active_in(year).filter(group__code__in=plan):
        ReviewAssignment.objects.get_or_create(
            criteria_set=criteria_set,
            unit=unit,
            defaults={"reviewer": reviewers[plan[unit.group.code]], "assigned_by": lead},
        )


# --- Annual reports ----------------------------------------------------------------------------

NARRATIVES = [
    "Đã ban hành kế hoạch triển khai, phân công cụ thể cho từng phòng, đơn vị; tổ chức quán triệt "
    "đến toàn thể cán bộ, công chức, viên chức.",
    "Thực hiện nghiêm quy chế dân chủ ở cơ sở; công khai các nội dung theo quy định; tổ chức "
    "hội nghị cán bộ, công chức đúng thời gian.",
    "Tiếp nhận, giải quyết hồ sơ đúng hạn; niêm yết công khai thủ tục hành chính tại bộ phận "
    "một cửa và trên cổng thông tin điện tử.",
    "Phối hợp với Mặt trận Tổ quốc và các đoàn thể tổ chức đối thoại với Nhân dân; tiếp thu, "
    "giải quyết kịp thời các kiến nghị.",
]
STEP = Decimal("0.25")


def _demo_score(criterion, seed_number):
    """A plausible self-score: 70 to 100 % of the maximum, on the 0.25 grid."""
    share = Decimal(70 + (seed_number * 7 + criterion.number * 3) % 31) / 100
    return (criterion.max_points * share / STEP).quantize(Decimal("1")) * STEP


def _fill(report, seed_number, criteria_count=None):
    """Write the report's content as the unit would (general part, criteria, indicators)."""
    report.general_situation = (
        f"{report.unit.name} có {40 + seed_number % 60} công chức, viên chức; "
        "thực hiện tốt nhiệm vụ chính trị được giao."
    )
    report.leadership = "Cấp ủy, lãnh đạo đơn vị quan tâm lãnh đạo, chỉ đạo công tác dân vận."
    report.strengths = "Nhận thức của cán bộ, công chức về công tác dân vận được nâng lên."
    report.shortcomings = "Một số nội dung triển khai còn chậm so với kế hoạch."
    report.next_year_direction = "Tiếp tục đẩy mạnh phong trào thi đua “Dân vận khéo”."
    report.place = "Đồng Nai"
    report.save()
    scores = list(report.scores.select_related("criterion"))[:criteria_count]
    for i, score in enumerate(scores):
        score.narrative = NARRATIVES[(seed_number + i) % len(NARRATIVES)]
        score.self_score = _demo_score(score.criterion, seed_number)
    contradicts = seed_number % 7 == 3  # a few units whose figures break the rules
    if contradicts:
        for score in scores:
            if score.criterion.number == 3:
                score.self_score = score.criterion.max_points
    CriterionScore.objects.bulk_update(scores, ["narrative", "self_score"])
    received = 20 + seed_number % 40
    values = {
        "tthc_published": 40 + seed_number % 80,
        "dossiers_received": 300 + seed_number * 17 % 700,
        "dossiers_on_time": Decimal("95.5") + seed_number % 4,
        "online_full": 100,
        "citizen_receptions": 12 + seed_number % 30,
        "petitions_received": received,
        "petitions_resolved": received - 3,
        "petitions_transferred": 2,
        "petitions_pending": 1,
    }
    if contradicts:
        # Full marks on administrative reform with dossiers late, and two petitions missing.
        values.update({"dossiers_on_time": Decimal("88.5"), "petitions_resolved": received - 5})
    rows = [v for v in report.indicators.select_related("indicator") if v.indicator.code in values]
    for row in rows:
        row.value = values[row.indicator.code]
    IndicatorValue.objects.bulk_update(rows, ["value"])


DEMO_EXPLANATIONS = [
    "Hệ thống một cửa điện tử ngừng hoạt động hai tháng để nâng cấp nên nhiều hồ sơ trễ hạn; "
    "đơn vị đã xin lỗi người dân và khắc phục.",
    "Hai đơn thư nhận cuối tháng 12 đang được phân loại, sẽ báo cáo trong kỳ sau.",
]


def _explanations(report):
    """What the head writes for each warning still open when signing off (demo wording)."""
    broken = report_figures.broken_rules(report)
    return {item.pk: DEMO_EXPLANATIONS[0 if item.criterion_id else 1] for item in broken}


def seed_reports(year):
    """Reports of most demo units, in assorted states, through the services (so states, events,
    snapshots and versions agree). Units that already have a report of the year are left alone,
    so running it twice changes nothing."""
    current = CriteriaSet.objects.get(year=year)
    previous = criteria_set_of(year - 1)
    reviewer = (
        User.objects.filter(role=Role.REVIEWER, is_active=True)
        .exclude(password__startswith="!")
        .order_by("pk")
        .first()
    )
    units = Unit.objects.filter(group__code__in=["so-ban-nganh", "xa-phuong"]).order_by("code")
    # Alice's unit has a draft to continue; Bob's awaits the head's (hung's) sign-off.
    fixed = {"SNV": "draft", "STP": "awaiting"}
    plan = ["none", "draft", "awaiting", "submitted", "review", "returned", "submitted"]
    for i, unit in enumerate(units):
        staff, head = demo_people(unit)
        if i % 3 == 0 and not AnnualReport.objects.filter(unit=unit, criteria_set=previous):
            report = report_services.start_report(unit, previous, staff)
            _fill(report, i + 11)
            report_services.send_to_head(report, staff)
            report_services.submit(report, head, explanations=_explanations(report))
            if reviewer is not None:
                report_services.start_review(report, reviewer)
                scores = list(report.scores.all())
                for score in scores:
                    score.review_score = score.self_score - (STEP if i % 2 else 0)
                    score.reviewed_by = reviewer
                CriterionScore.objects.bulk_update(scores, ["review_score", "reviewed_by"])
                report_services.accept(report, reviewer)
        step = fixed.get(unit.code, plan[i % len(plan)])
        if step == "none" or AnnualReport.objects.filter(unit=unit, criteria_set=current):
            continue
        report = report_services.start_report(unit, current, staff)
        if step == "draft":
            _fill(report, i, criteria_count=3 + i % 5)
            continue
        _fill(report, i)
        report_services.send_to_head(report, staff)
        if step == "awaiting":
            continue
        report_services.submit(report, head, explanations=_explanations(report))
        if step in ("review", "returned") and reviewer is not None:
            report_services.start_review(report, reviewer)
            if step == "returned":
                report_services.return_for_revision(
                    report, reviewer, "Bổ sung số liệu tiếp công dân và minh chứng tiêu chí 5."
                )


# Units whose demo report is late, or flagged for a serious violation (veto).
DEMO_LATE = {"SXD", "XA005"}
DEMO_VIOLATION = {"SCT": "Người đứng đầu bị kỷ luật khiển trách trong năm"}


def seed_ratings(year):
    """Accepted, re-scored reports for the demo units that have no report yet, this year and
    last, and a classification of both years, so the results page, its chart against last year
    and the exports show something. Reports the filing and review demo data made are kept."""
    reviewer = User.objects.get(username="rita")
    current = CriteriaSet.objects.get(year=year)
    sets = [CriteriaSet.objects.filter(year=year - 1).first() or copy_to_year(current, year - 1)]
    sets.append(current)
    for criteria_set in sets:
        criteria = list(criteria_set.criteria.all())
        have = set(
            AnnualReport.objects.filter(criteria_set=criteria_set).values_list("unit_id", flat=True)
        )
        units = Unit.objects.rated_in(criteria_set.year).exclude(pk__in=have)
        for unit in units.exclude(group__isnull=True).order_by("code"):
            rng = random.Random(f"{unit.code}-{criteria_set.year}")
            late = unit.code in DEMO_LATE
            deadline = datetime.combine(
                criteria_set.submission_deadline, datetime.min.time(), tzinfo=UTC
            )
            at = deadline + timedelta(days=2 if late else -rng.randint(1, 20))
            at = min(at, timezone.now() - timedelta(days=rng.randint(1, 20)))
            late = at.date() > criteria_set.submission_deadline
            strength = rng.choice([0.72, 0.8, 0.86, 0.9, 0.93, 0.96, 1.0])
            review_scores = {
                c.number: min(
                    c.max_points,
                    (c.max_points * Decimal(strength + rng.uniform(-0.08, 0.06))).quantize(
                        Decimal("0.5")
                    ),
                )
                for c in criteria
            }
            scored_report(
                unit,
                criteria_set,
                review_scores,
                self_scores={c.number: c.max_points for c in criteria},
                reviewed_by=reviewer,
                submitted_at=at,
                is_late=late,
                violation_flagged=unit.code in DEMO_VIOLATION,
                violation_reason=DEMO_VIOLATION.get(unit.code, ""),
                subject=f"Báo cáo kết quả công tác dân vận chính quyền năm {criteria_set.year}",
            )
        if ratings.current_run(criteria_set.year) is None:
            ratings.run_now(criteria_set.year, reviewer)


def spread_submission_dates(year):
    """Spread the year's first submissions over three weeks, so the filing burn-up chart has
    a shape: before a deadline that has passed (a few just after it), or over the last three
    weeks when it is still ahead. Each report's day follows from its unit's code, so a
    second run on the same day changes nothing."""
    criteria_set = CriteriaSet.objects.filter(year=year).first()
    if criteria_set is None:
        return
    deadline, today = criteria_set.submission_deadline, date.today()
    reports = AnnualReport.objects.filter(criteria_set=criteria_set).exclude(
        first_submitted_at=None
    )
    for report in reports.select_related("unit"):
        offset = zlib.crc32(report.unit.code.encode()) % 24 - 20
        day = (
            deadline + timedelta(days=offset)
            if deadline < today
            else today - timedelta(days=abs(offset) % 21)
        )
        at = timezone.make_aware(datetime.combine(min(day, today), time(9 + offset % 8, 0)))
        at = min(at, timezone.now())
        AnnualReport.objects.filter(pk=report.pk).update(
            first_submitted_at=at, submitted_at=at, is_late=at.date() > deadline
        )
