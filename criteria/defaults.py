"""The default criteria set of docs/rules.md: 9 criteria, 100 points, three classes, indicators.

Used by the data migration and by `seed_demo`; a province edits its own copy per year.
"""

from datetime import date
from decimal import Decimal

CRITERIA = [
    (1, "Triển khai thực hiện các văn bản chỉ đạo, hướng dẫn về công tác dân vận", 10),
    (2, "Kết quả thực hiện nhiệm vụ chuyên môn của cơ quan, đơn vị", 15),
    (
        3,
        "Công khai thủ tục hành chính; thực hiện cơ chế một cửa, một cửa liên thông",
        10,
    ),
    (4, "Thực hiện dân chủ trong cơ quan, đơn vị, địa phương", 10),
    (
        5,
        "Tiếp công dân; xử lý phản ánh, kiến nghị, khiếu nại, tố cáo; đối thoại với Nhân dân",
        15,
    ),
    (6, "Xây dựng cơ quan văn hóa, công sở văn minh", 10),
    (
        7,
        "Tạo điều kiện để Mặt trận Tổ quốc, các đoàn thể, cán bộ và Nhân dân tham gia "
        "quản lý nhà nước",
        10,
    ),
    (8, "Thực hiện các phong trào thi đua và phong trào thi đua “Dân vận khéo”", 10),
    (
        9,
        "Phân công lãnh đạo phụ trách công tác dân vận; thực hiện chế độ thông tin, báo cáo",
        10,
    ),
]

# code, name, min_total, is_top, is_violation_cap
TIERS = [
    ("excellent", "Xuất sắc", 90, True, False),
    ("good", "Tốt", 70, False, False),
    ("average", "Trung bình", 0, False, True),
]

# code, name, unit of measure, criterion number, kind, max, required
INDICATORS = [
    ("tthc_published", "Số thủ tục hành chính được công khai", "thủ tục", 3, "integer", None, True),
    ("dossiers_received", "Số hồ sơ tiếp nhận", "hồ sơ", 3, "integer", None, True),
    ("dossiers_on_time", "Tỷ lệ hồ sơ giải quyết đúng hạn", "%", 3, "percent", 100, True),
    ("online_full", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", 3, "percent", 100, False),
    ("citizen_receptions", "Số lượt tiếp công dân", "lượt", 5, "integer", None, True),
    ("petitions_received", "Số đơn thư tiếp nhận", "đơn", 5, "integer", None, True),
    ("petitions_resolved", "Số đơn đã giải quyết", "đơn", 5, "integer", None, False),
    ("petitions_transferred", "Số đơn chuyển cấp có thẩm quyền", "đơn", 5, "integer", None, False),
    ("petitions_returned", "Số đơn trả lại, hướng dẫn", "đơn", 5, "integer", None, False),
    ("petitions_archived", "Số đơn lưu", "đơn", 5, "integer", None, False),
    ("petitions_pending", "Số đơn đang xem xét", "đơn", 5, "integer", None, False),
    ("petitions_withdrawn", "Số đơn rút", "đơn", 5, "integer", None, False),
    (
        "training_participants",
        "Số lượt người tham gia tập huấn",
        "người",
        1,
        "integer",
        None,
        False,
    ),
    ("initiatives", "Số sáng kiến, giải pháp", "sáng kiến", 8, "integer", None, False),
    (
        "models_registered",
        "Số mô hình “Dân vận khéo” đăng ký",
        "mô hình",
        8,
        "integer",
        None,
        False,
    ),
]

PETITION_DISPOSITIONS = (
    "petitions_resolved petitions_transferred petitions_returned petitions_archived "
    "petitions_pending petitions_withdrawn"
)

# The consistency rules (docs/rules.md, Consistency of the figures): every indicator of the set
# takes part in one. left, operator, right (indicators), constant, tolerance, and for a rule tied
# to a self-score: criterion number and the share of its maximum (%) above which it applies.
RULES = [
    # Every petition received is dealt with in exactly one way.
    ("petitions_received", "==", PETITION_DISPOSITIONS, None, 0, None, None),
    # Full marks on administrative procedures expect the unit's own figures to back them.
    ("dossiers_on_time", ">=", "", 95, 0, 3, 90),
    ("online_full", ">=", "", 80, 0, 3, 90),
    ("tthc_published", ">=", "", 1, 0, 3, 50),
    ("dossiers_received", ">=", "", 1, 0, 3, 50),
    # Heads receive citizens at least once a month (Luật Tiếp công dân 2013, art. 18).
    ("citizen_receptions", ">=", "", 12, 0, 5, 90),
    ("training_participants", ">=", "", 1, 0, 1, 90),
    ("initiatives", ">=", "", 1, 0, 8, 90),
    ("models_registered", ">=", "", 1, 0, 8, 90),
]

# The one rule of the first default set, replaced by the first rule above (migration 0006).
OLD_PETITION_RULE = (PETITION_DISPOSITIONS, "<=", "petitions_received")


def add_default_rules(criteria_set, models):
    """Add the default rules whose indicators and criterion the set has and that it does not
    hold yet; the old petition rule becomes the new one in place (its warning notes keep their
    rule). `models` maps names to model classes (migration-safe). Returns the rules added."""
    rule_model = models["IndicatorRule"]
    codes = set(
        models["Indicator"].objects.filter(criteria_set=criteria_set).values_list("code", flat=True)
    )
    criteria = {c.number: c for c in models["Criterion"].objects.filter(criteria_set=criteria_set)}
    existing = list(rule_model.objects.filter(criteria_set=criteria_set))
    added = []
    for order, (left, operator, right, constant, tolerance, number, above) in enumerate(RULES):
        if not set(f"{left} {right}".split()) <= codes or (number and number not in criteria):
            continue
        fields = {
            "left_codes": left,
            "operator": operator,
            "right_codes": right,
            "right_constant": None if constant is None else Decimal(constant),
            "tolerance": Decimal(tolerance),
            "criterion": criteria.get(number),
            "score_above": None if above is None else Decimal(above),
        }
        same = [
            r
            for r in existing
            if (r.left_codes, r.operator, r.right_codes) == (left, operator, right)
            and r.criterion_id == getattr(fields["criterion"], "pk", None)
        ]
        if same:
            continue
        old = [
            r
            for r in existing
            if (r.left_codes, r.operator, r.right_codes) == OLD_PETITION_RULE and order == 0
        ]
        rule = old[0] if old else rule_model(criteria_set=criteria_set)
        for name, value in {**fields, "message": ""}.items():
            setattr(rule, name, value)
        rule.save()
        added.append(rule)
    return added


def default_state(year, today=None):
    """A first install opens this year's set; earlier years count as classified, later ones as
    prepared (the admin changes any of them on the criteria pages)."""
    this_year = (today or date.today()).year
    if year == this_year:
        return "open"
    return "classified" if year < this_year else "prepared"


def create_default_set(year, models):
    """Create the default set for `year`; `models` maps names to model classes (migration-safe)."""
    criteria_set = models["CriteriaSet"].objects.create(
        year=year,
        title=f"Bộ tiêu chí đánh giá công tác dân vận chính quyền năm {year}",
        submission_deadline=date(year, 11, 15),
        review_deadline=date(year, 12, 15),
    )
    by_number = {}
    for number, title, points in CRITERIA:
        by_number[number] = models["Criterion"].objects.create(
            criteria_set=criteria_set,
            number=number,
            title=title,
            max_points=Decimal(points),
            order=number,
        )
    for order, (code, name, min_total, is_top, is_cap) in enumerate(TIERS):
        models["ClassTier"].objects.create(
            criteria_set=criteria_set,
            code=code,
            name=name,
            min_total=Decimal(min_total),
            order=order,
            is_top=is_top,
            is_violation_cap=is_cap,
        )
    for order, (code, name, uom, number, kind, maximum, required) in enumerate(INDICATORS):
        models["Indicator"].objects.create(
            criteria_set=criteria_set,
            code=code,
            name=name,
            unit_of_measure=uom,
            criterion=by_number[number],
            kind=kind,
            max_value=maximum,
            required=required,
            order=order,
        )
    if "IndicatorRule" in models:
        add_default_rules(criteria_set, models)
    return criteria_set
