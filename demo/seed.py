"""A demo province: enough units, a criteria set and one user per role to try every screen.

`seed` builds it in one transaction from the pieces here, in `demo.people` and in
`demo.reporting`; every piece finds its rows by their natural keys, so a rerun changes nothing.
"""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.models import User
from campaigns import services as campaign_services
from campaigns.models import (
    Award,
    CampaignPeriod,
    DanVanModel,
    ModelEvent,
    ModelStatus,
    TypicalExample,
)
from criteria.models import CriteriaSet, CriterionItem
from danvan.models import ImportBatch
from demo import reporting
from demo.factories import criteria_set_of
from demo.people import seed_people, seed_users
from reports.models import AnnualReport
from units import services as unit_services
from units.models import Unit, UnitGroup, UnitType

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

# The demo is dated from the day it is made: this year's deadline is this far ahead.
DEADLINE_AHEAD = timedelta(weeks=4)


@transaction.atomic
def seed(year=None):
    """Create or update the demo province; running it twice changes nothing."""
    year = year or date.today().year
    criteria_set_of(year)
    if not AnnualReport.objects.filter(criteria_set__year=year).exists():  # a fresh demo
        CriteriaSet.objects.filter(year=year).update(
            submission_deadline=date.today() + DEADLINE_AHEAD
        )
    _seed_criteria(year)
    seed_units()
    users = seed_users()
    seed_campaigns(year)
    seed_people(year)
    reporting.seed_reports(year)
    reporting.seed_review(year)
    reporting.spread_submission_dates(year)
    reporting.spread_submission_dates(year - 1)
    reporting.seed_ratings(year)
    reporting.publish_last_year(year - 1, users[0])
    seed_unit_import(users[0])
    return users


def seed_units():
    """The province, its departments, communes and wards, and a district dissolved in 2025."""
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


def seed_unit_import(admin):
    """One import in the history: the demo unit list exported and imported back (unchanged)."""
    if ImportBatch.objects.filter(kind="units").exists():
        return
    content = unit_services.export_units(Unit.objects.all())
    upload = SimpleUploadedFile("danh-sach-don-vi.xlsx", content)
    batch = unit_services.start_import(upload, admin)
    unit_services.confirm_import(batch)


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
            campaign_services.move_model(
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
