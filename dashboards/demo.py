"""A demo province: enough units, a criteria set and one user per role to try every screen."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from campaigns.models import DanVanModel, Field, ModelStatus, RecognitionLevel
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from reports.models import AnnualReport, CriterionScore, ReportState
from reports.services import start_report
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
]


@transaction.atomic
def seed(year=None):
    """Create or update the demo province; running it twice changes nothing."""
    year = year or date.today().year
    if not CriteriaSet.objects.filter(year=year).exists():
        create_default_set(year)
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
    seed_dashboard_data(year, users[2])
    return users


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


DEMO_MODELS = [
    ("Dân vận khéo trong giải quyết thủ tục hành chính", Field.POLITICAL_SYSTEM),
    ("Chợ phiên nông sản an toàn", Field.ECONOMY),
    ("Tổ tự quản an ninh trật tự khu dân cư", Field.DEFENCE_SECURITY),
    ("Tủ sách cộng đồng", Field.CULTURE_SOCIETY),
    ("Đối thoại với Nhân dân mỗi tháng", Field.POLITICAL_SYSTEM),
    ("Con đường hoa nông thôn mới", Field.CULTURE_SOCIETY),
]


def seed_dashboard_data(year, reviewer):
    """Reports filed over the three weeks before the deadline, some reviewed and accepted, and
    a few Dân vận khéo models, so the dashboards have something to draw. Leaves existing reports
    and models alone, so a second run changes nothing."""
    criteria_set = CriteriaSet.objects.get(year=year)
    rng = random.Random(year)
    units = list(Unit.objects.active_in(year).exclude(group=None).order_by("code"))
    deadline = criteria_set.submission_deadline
    for index, unit in enumerate(units):
        if AnnualReport.objects.filter(unit=unit, criteria_set=criteria_set).exists():
            continue
        if index % 6 == 5:
            continue  # not started: shows as missing on the burn-up chart
        report = start_report(unit, criteria_set, reviewer)
        skill = Decimal(rng.randint(60, 100)) / 100
        for score in report.scores.select_related("criterion"):
            maximum = score.criterion.max_points
            skill = min(Decimal(1), skill + Decimal(rng.randint(-15, 10)) / 100)
            score.narrative = "Đã triển khai đầy đủ theo kế hoạch."
            score.self_score = min(maximum, (maximum * skill).quantize(Decimal("0.5")) + 1)
            score.review_score = (maximum * skill).quantize(Decimal("0.5"))
            score.save()
        day = deadline - timedelta(days=rng.randint(-3, 20))
        submitted = timezone.make_aware(datetime.combine(day, time(9, rng.randint(0, 59))))
        state = ReportState.ACCEPTED if index % 3 else ReportState.UNDER_REVIEW
        AnnualReport.objects.filter(pk=report.pk).update(
            state=state,
            general_situation="Tình hình chung ổn định.",
            first_submitted_at=submitted,
            submitted_at=submitted,
            is_late=day > deadline,
        )
        if state != ReportState.ACCEPTED:
            CriterionScore.objects.filter(report=report).update(review_score=None)
    for index, (name, field) in enumerate(DEMO_MODELS):
        unit = units[(index * 5) % len(units)]
        recognised = index % 2 == 0
        DanVanModel.objects.get_or_create(
            unit=unit,
            year=year,
            name=name,
            defaults={
                "field": field,
                "status": ModelStatus.RECOGNISED if recognised else ModelStatus.RUNNING,
                "recognition_level": RecognitionLevel.PROVINCE if recognised else "",
                "recognised_on": deadline if recognised else None,
            },
        )
