"""A demo province: enough units, a criteria set and one user per role to try every screen."""

from datetime import date

from django.db import transaction

from accounts.models import Role, User
from criteria.models import CriteriaSet
from criteria.services import create_default_set
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
    _seed_review(year)
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
