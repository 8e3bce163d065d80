"""A demo province: enough units, a criteria set and one user per role to try every screen."""

import zlib
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from reports import figures as report_figures
from reports import services as report_services
from reports.models import AnnualReport, CriterionScore, IndicatorValue
from units.models import Unit, UnitGroup, UnitType

DEMO_PASSWORD = "danvan-demo-2026"

DEPARTMENTS = [
    ("VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND"),
    ("SNV", "Sở Nội vụ", "SNV"),
    ("STC", "Sở Tài chính", "STC"),
    ("STP", "Sở Tư pháp", "STP"),
    ("SCT", "Sở Công Thương", "SCT"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "SNN&MT"),
    ("SXD", "Sở Xây dựng", "SXD"),
    ("SKHCN", "Sở Khoa học và Công nghệ", "SKH&CN"),
    ("SGDDT", "Sở Giáo dục và Đào tạo", "SGD&ĐT"),
    ("SYT", "Sở Y tế", "SYT"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL"),
    ("SDTTG", "Sở Dân tộc và Tôn giáo", "SDT&TG"),
    ("TTT", "Thanh tra tỉnh", "TTT"),
    ("BQLKCN", "Ban Quản lý các khu công nghiệp", "BQL KCN"),
]
COMMUNES = [
    "Long Thành",
    "Nhơn Trạch",
    "Trảng Bom",
    "Thống Nhất",
    "Định Quán",
    "Tân Phú",
    "Xuân Lộc",
    "Cẩm Mỹ",
    "Vĩnh Cửu",
    "Phú Lý",
    "Đồng Phú",
    "Bù Đăng",
    "Lộc Ninh",
    "Hớn Quản",
    "Phú Riềng",
    "Bù Gia Mập",
    "Thanh Sơn",
    "Phước An",
]
WARDS = ["Trấn Biên", "Biên Hòa", "Long Bình", "Tam Hiệp", "Hố Nai", "Long Khánh", "Đồng Xoài"]

# username, full name, role, unit code
USERS = [
    ("adam", "Quản trị tỉnh", Role.ADMIN, None),
    ("lena", "Trưởng đoàn thẩm định", Role.LEAD, None),
    ("rita", "Chuyên viên Ban Dân vận", Role.REVIEWER, None),
    ("alice", "Nguyễn Thị Alice", Role.STAFF, "SNV"),
    ("hana", "Trần Văn Hà", Role.HEAD, "SNV"),
    ("bob", "Lê Văn Bình", Role.STAFF, "STP"),
    ("hung", "Phạm Văn Hùng", Role.HEAD, "STP"),
    ("xuan", "Đỗ Thị Xuân", Role.STAFF, "XA001"),
    ("thanh", "Võ Văn Thành", Role.HEAD, "XA001"),
]
# The demo is dated from the day it is made: this year's deadline is this far ahead.
DEADLINE_AHEAD = timedelta(weeks=4)


@transaction.atomic
def seed(year=None):
    """Create or update the demo province; running it twice changes nothing."""
    year = year or date.today().year
    if not CriteriaSet.objects.filter(year=year).exists():
        create_default_set(year)
    if not AnnualReport.objects.filter(criteria_set__year=year).exists():  # a fresh demo
        CriteriaSet.objects.filter(year=year).update(
            submission_deadline=date.today() + DEADLINE_AHEAD
        )
    _seed_criteria(year)
    groups = {g.code: g for g in UnitGroup.objects.all()}
    province = _unit(
        "UBNDT",
        "Ủy ban nhân dân tỉnh Đồng Nai",
        "UBND tỉnh",
        UnitType.PROVINCE,
        None,
        None,
        "Nguyễn Văn An",
        "Chủ tịch",
    )
    for code, name, short in DEPARTMENTS:
        _unit(
            code,
            name,
            short,
            UnitType.DEPARTMENT,
            groups["so-ban-nganh"],
            province,
            f"Giám đốc {short}",
            "Giám đốc",
        )
    for i, name in enumerate(COMMUNES, start=1):
        _unit(
            f"XA{i:03d}",
            f"Ủy ban nhân dân xã {name}",
            f"UBND xã {name}",
            UnitType.COMMUNE,
            groups["xa-phuong"],
            province,
            f"Chủ tịch xã {name}",
            "Chủ tịch",
        )
    for i, name in enumerate(WARDS, start=1):
        _unit(
            f"PH{i:03d}",
            f"Ủy ban nhân dân phường {name}",
            f"UBND phường {name}",
            UnitType.WARD,
            groups["xa-phuong"],
            province,
            f"Chủ tịch phường {name}",
            "Chủ tịch",
        )
    _unit(
        "HLT",
        "Ủy ban nhân dân huyện Long Thành",
        "UBND huyện Long Thành",
        UnitType.DISTRICT,
        groups["quan-huyen"],
        province,
        "Võ Văn Bình",
        "Chủ tịch",
        active_from=2015,
        active_to=2025,
    )
    users = []
    for username, full_name, role, unit_code in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "role": role,
                "email": f"{username}@danvan.example.vn",
                "unit": Unit.objects.get(code=unit_code) if unit_code else None,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        users.append(user)
    seed_campaigns(year)
    seed_people(year)
    seed_reports(year)
    _seed_review(year)
    spread_submission_dates(year)
    spread_submission_dates(year - 1)
    seed_ratings(year)
    publish_last_year(year - 1, users[0])
    seed_unit_import(users[0])
    return users


def publish_last_year(year, admin):
    """Last year's classification published as the province's decision, so every unit sees
    its class."""
    from ratings import services as ratings
    from ratings.models import Decision

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


def seed_unit_import(admin):
    """One import in the history: the demo unit list exported and imported back (unchanged)."""

    from django.core.files.uploadedfile import SimpleUploadedFile

    from danvan.models import ImportBatch
    from units import services as unit_services

    if ImportBatch.objects.filter(kind="units").exists():
        return
    content = unit_services.export_units(Unit.objects.all())
    upload = SimpleUploadedFile("danh-sach-don-vi.xlsx", content)
    batch = unit_services.start_import(upload, admin)
    unit_services.confirm_import(batch)


# e-mail, full name, role, unit code, state: people still invited or switched off, to show
# the people list's states (the demo sends no mail: invitations are recorded as sent).
PEOPLE = [
    ("lan.vo@snv.example.vn", "Võ Thị Lan", Role.STAFF, "SNV", "invited"),
    ("minh.dang@stp.example.vn", "Đặng Quang Minh", Role.STAFF, "STP", "invited"),
    ("thu.ho@xa001.example.vn", "Hồ Thị Thu", Role.HEAD, "XA001", "invited"),
    ("khoa.bui@bandanvan.example.vn", "Bùi Đăng Khoa", Role.REVIEWER, None, "invited"),
    ("tuan.ly@snv.example.vn", "Lý Minh Tuấn", Role.STAFF, "SNV", "deactivated"),
    ("nga.mai@hlt.example.vn", "Mai Thị Nga", Role.STAFF, "HLT", "active"),
]


def seed_people(year):
    """Invited and deactivated accounts and this year's review team; safe to rerun."""
    import hashlib
    import secrets
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import Invitation, ReviewTeamMember

    for email, full_name, role, unit_code, state in PEOPLE:
        user, created = User.objects.get_or_create(
            username=email,
            defaults={
                "email": email,
                "full_name": full_name,
                "role": role,
                "unit": Unit.objects.get(code=unit_code) if unit_code else None,
                "is_active": state != "deactivated",
            },
        )
        if not created:
            continue
        if state == "invited":
            user.set_unusable_password()
            now = timezone.now()
            Invitation.objects.create(
                user=user,
                token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                sent_at=now,
                expires_at=now + timedelta(days=7),
            )
        else:
            user.set_password(DEMO_PASSWORD)
        user.save()
    for username in ("rita", "lena"):
        ReviewTeamMember.objects.get_or_create(year=year, user=User.objects.get(username=username))


def _unit(
    code, name, short, unit_type, group, parent, head, title, active_from=2025, active_to=None
):
    unit, _created = Unit.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "short_name": short,
            "type": unit_type,
            "group": group,
            "parent": parent,
            "email": f"{code.lower()}@dongnai.example.vn",
            "head_name": head,
            "head_title": title,
            "active_from": active_from,
            "active_to": active_to,
        },
    )
    return unit


def _seed_criteria(year):
    """Sub-items for this year's criterion 5, so the criteria pages show some."""
    from criteria.models import CriterionItem

    current = CriteriaSet.objects.get(year=year)
    criterion = current.criteria.filter(number=5).first()
    if criterion is not None and not criterion.items.exists():
        for order, (label, title) in enumerate(
            [
                ("a)", "Tổ chức tiếp công dân định kỳ và đột xuất theo quy định"),
                ("b)", "Giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo đúng hạn"),
                ("c)", "Tổ chức đối thoại với Nhân dân"),
            ],
            start=1,
        ):
            CriterionItem.objects.create(criterion=criterion, label=label, title=title, order=order)


# Dân vận khéo models: (unit code, name, field, year offset, final status, level)
DEMO_MODELS = [
    (
        "SNV",
        "Dân vận khéo trong giải quyết thủ tục hành chính",
        "political_system",
        0,
        "recognised",
        "province",
    ),
    ("SNV", "Cơ quan không khói thuốc, công sở văn minh", "culture_society", 0, "running", ""),
    ("STP", "Trợ giúp pháp lý lưu động đến tận thôn, ấp", "political_system", 0, "evaluated", ""),
    ("XA001", "Chợ 4.0 - thanh toán không dùng tiền mặt", "economy", 0, "spread", "province"),
    ("XA002", "Tuyến đường nở hoa, an toàn", "culture_society", -1, "recognised", "commune"),
    (
        "XA003",
        "Tổ tự quản an ninh trật tự khu dân cư",
        "defence_security",
        -1,
        "recognised",
        "central",
    ),
    ("PH001", "Hiến đất mở rộng hẻm, không ai bị bỏ lại", "economy", 0, "registered", ""),
]


def seed_campaigns(year):
    """A few models across units and levels, typical examples, awards and one period.
    Runs twice without duplicating: rows are found by their natural keys."""
    from campaigns import services
    from campaigns.models import (
        Award,
        CampaignPeriod,
        DanVanModel,
        ModelEvent,
        ModelStatus,
        TypicalExample,
    )

    today = date.today()
    reviewer = User.objects.get(username="rita")
    steps = [ModelStatus.RUNNING, ModelStatus.EVALUATED, ModelStatus.RECOGNISED, ModelStatus.SPREAD]
    for code, name, field, offset, status, level in DEMO_MODELS:
        unit = Unit.objects.get(code=code)
        model, created = DanVanModel.objects.get_or_create(
            unit=unit,
            name=name,
            defaults={
                "year": year + offset,
                "field": field,
                "start_date": date(year + offset, 2, 1),
                "problem_and_goals": "Người dân phải đi lại nhiều lần; mục tiêu: đúng hẹn.",
                "content_and_method": "Cán bộ xuống tận nơi hướng dẫn, lắng nghe ý kiến của dân.",
                "results": "Hơn 95% người dân hài lòng.",
            },
        )
        if not created:
            continue
        actor = unit.users.first() or reviewer
        ModelEvent.objects.create(
            model=model, actor=actor, action="registered", to_status=ModelStatus.REGISTERED
        )
        for step in steps[: steps.index(status) + 1] if status != "registered" else []:
            services.move_model(
                model,
                reviewer,
                step,
                comment="Dữ liệu mẫu",
                level=level,
                decided_on=min(date(year + offset, 9, 2), today),
                decision=f"{10 + len(name) % 50}/QĐ-BDVTU",
            )
            model.refresh_from_db()

    examples = [
        ("SNV", "person", "Nguyễn Thị Lan", "Chuyên viên", 3, True),
        ("SNV", "collective", "Phòng Công chức, viên chức", "", 3, True),
        ("XA001", "person", "Trần Văn Bảy", "Trưởng ấp 3", 4, True),
        ("XA002", "collective", "Chi hội Phụ nữ ấp 1", "", 5, False),
    ]
    for code, kind, name, position, month, pick in examples:
        TypicalExample.objects.get_or_create(
            unit=Unit.objects.get(code=code),
            name=name,
            defaults={
                "kind": kind,
                "position": position,
                "level": "unit" if code == "SNV" else "commune",
                "commended_on": min(date(year, month, 15), today),
                "reason": "Gương điển hình trong thực hiện phong trào thi đua “Dân vận khéo”.",
                "is_monthly_pick": pick,
            },
        )
    period, _created = CampaignPeriod.objects.get_or_create(
        code=f"{year - 2}-{year}",
        defaults={
            "name": f"Sơ kết 3 năm thực hiện phong trào “Dân vận khéo” {year - 2}-{year}",
            "kind": "interim",
            "start_year": year - 2,
            "end_year": year,
        },
    )
    awards = [
        ("province_chair_merit", "unit", "SNV", "", "", "1520/QĐ-UBND", year - 1, None),
        ("certificate", "person", "STP", "Lê Thị Hoa", "Chuyên viên", "45/QĐ-STP", year, None),
        ("province_chair_merit", "unit", "XA001", "", "", "2010/QĐ-UBND", None, period),
    ]
    for kind, recipient, code, person, title, number, award_year, award_period in awards:
        Award.objects.get_or_create(
            decision_number=number,
            unit=Unit.objects.get(code=code),
            person_name=person,
            defaults={
                "kind": kind,
                "recipient_type": recipient,
                "person_title": title,
                "decision_date": min(date(award_year or year, 12, 20), today),
                "issuer": "Chủ tịch UBND tỉnh" if kind != "certificate" else "Giám đốc Sở Tư pháp",
                "year": award_year,
                "period": award_period,
                "reason": "Có thành tích xuất sắc trong phong trào thi đua “Dân vận khéo”.",
            },
        )


def _seed_review(year):
    """Reviewers for the demo units: rita takes the departments, lena the communes and wards.

    Units already assigned keep their reviewer, so a second run changes nothing.
    """
    from accounts.models import User
    from reports.models import ReviewAssignment

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


def _demo_people(unit):
    """A staff member and the head of `unit` (the demo's named users where they exist)."""
    # Active people who have logged in (not invited or deactivated demo accounts).
    people = User.objects.filter(unit=unit, is_active=True).exclude(password__startswith="!")
    staff = people.filter(role=Role.STAFF).order_by("pk").first()
    head = people.filter(role=Role.HEAD).order_by("pk").first()
    if head is None:
        head, created = User.objects.get_or_create(
            username=f"tt.{unit.code.lower()}",
            defaults={
                "full_name": unit.head_name,
                "role": Role.HEAD,
                "unit": unit,
                "email": f"tt.{unit.code.lower()}@danvan.example.vn",
            },
        )
        if created:
            head.set_password(DEMO_PASSWORD)
            head.save()
    return staff or head, head


def seed_reports(year):
    """Reports of most demo units, in assorted states, through the services (so states, events,
    snapshots and versions agree). Units that already have a report of the year are left alone,
    so running it twice changes nothing."""
    current = CriteriaSet.objects.get(year=year)
    previous = CriteriaSet.objects.filter(year=year - 1).first() or create_default_set(year - 1)
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
        staff, head = _demo_people(unit)
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
    import random
    from datetime import datetime, timedelta
    from decimal import Decimal

    from criteria.services import copy_to_year
    from ratings import services as ratings
    from reports.models import AnnualReport, CriterionScore, ReportState

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
            report = AnnualReport.objects.create(
                unit=unit,
                criteria_set=criteria_set,
                state=ReportState.ACCEPTED,
                first_submitted_at=at,
                submitted_at=at,
                is_late=late,
                violation_flagged=unit.code in DEMO_VIOLATION,
                violation_reason=DEMO_VIOLATION.get(unit.code, ""),
                subject=f"Báo cáo kết quả công tác dân vận chính quyền năm {criteria_set.year}",
            )
            strength = rng.choice([0.72, 0.8, 0.86, 0.9, 0.93, 0.96, 1.0])
            CriterionScore.objects.bulk_create(
                CriterionScore(
                    report=report,
                    criterion=c,
                    self_score=c.max_points,
                    review_score=min(
                        c.max_points,
                        (c.max_points * Decimal(strength + rng.uniform(-0.08, 0.06))).quantize(
                            Decimal("0.5")
                        ),
                    ),
                    reviewed_by=reviewer,
                )
                for c in criteria
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
