"""A criteria set as an .xlsx workbook: export, and import into a new year.

One sheet per part of the set, a header row on row 1 (`danvan.xlsx.open_workbook` checks that the
file is an .xlsx at all). The import reads every sheet, checks every row with the same forms as
the edit pages and the same cross-row checks, and writes nothing unless the whole file is valid;
errors read "Dòng N, cột X (trang Y): ...".
"""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _
from python_calamine import CalamineError

from audit.services import Action, record
from danvan import xlsx_writer
from danvan.importing import Errors, Outcome
from danvan.text import clean, fold
from danvan.xlsx import Row, XlsxError, open_workbook

from . import checks, forms
from .models import CriteriaSet, CriterionItem
from .services import shift_year

KINDS = {"integer": "Số nguyên", "decimal": "Số thập phân", "percent": "Tỷ lệ %"}
LEVELS = {"unit": "Đơn vị", "commune": "Xã", "province": "Tỉnh", "central": "Trung ương"}
OPERATORS = {"<=": "<=", "==": "=", ">=": ">="}
OPERATOR_ALIASES = {"≤": "<=", "=": "==", "≥": ">="}
YES, NO = "Có", "Không"


class Sheet:
    """A sheet of the workbook: its title and (header, field, kind) columns. `optional` columns
    may be missing (files written before they existed); `aliases` maps an earlier header to
    today's."""

    def __init__(self, title, columns, optional=(), aliases=None):
        self.title = title
        self.columns = columns
        self.optional = set(optional)
        self.aliases = aliases or {}

    def header(self, field):
        """The header of `field`'s column, as errors name it; "" for a field of no column."""
        return next((h for h, f, _k in self.columns if f == field), "")


SET = Sheet(
    "Bộ tiêu chí",
    [
        ("Năm", "year", "int"),
        ("Tên bộ tiêu chí", "title", "text"),
        ("Căn cứ", "legal_basis", "text"),
        ("Hạn nộp báo cáo", "submission_deadline", "date"),
        ("Hạn thẩm định", "review_deadline", "date"),
        ("Tổng điểm", "total_points", "number"),
        ("Điểm thưởng mỗi mô hình", "bonus_per_model", "number"),
        ("Điểm thưởng tối đa", "bonus_max", "number"),
        ("Cấp công nhận thấp nhất được thưởng", "bonus_min_level", "level"),
        ("Điểm trừ nộp muộn", "late_penalty", "number"),
        ("Tỷ lệ điểm tối thiểu mỗi tiêu chí để đạt loại cao nhất", "veto_min_ratio", "percent"),
        ("Tỷ lệ tối đa loại cao nhất trong khối", "quota_ratio", "percent"),
        ("Số đơn vị loại cao nhất tối thiểu", "quota_min", "int"),
    ],
)
CRITERIA = Sheet(
    "Tiêu chí",
    [
        ("Số", "number", "int"),
        ("Tên tiêu chí", "title", "text"),
        ("Điểm tối đa", "max_points", "number"),
        ("Hướng dẫn", "guidance", "text"),
        ("Thứ tự", "order", "int"),
    ],
)
ITEMS = Sheet(
    "Nội dung tiêu chí",
    [
        ("Tiêu chí", "criterion", "int"),
        ("Ký hiệu", "label", "text"),
        ("Nội dung", "title", "text"),
        ("Điểm tối đa", "max_points", "number"),
        ("Thứ tự", "order", "int"),
    ],
)
TIERS = Sheet(
    "Xếp loại",
    [
        ("Thứ tự", "order", "int"),
        ("Mã", "code", "text"),
        ("Tên loại", "name", "text"),
        ("Điểm tối thiểu", "min_total", "number"),
        ("Loại cao nhất", "is_top", "bool"),
        ("Mức tối đa khi vi phạm nghiêm trọng", "is_violation_cap", "bool"),
    ],
)
INDICATORS = Sheet(
    "Chỉ số",
    [
        ("Thứ tự", "order", "int"),
        ("Mã", "code", "text"),
        ("Tên chỉ số", "name", "text"),
        ("Đơn vị tính", "unit_of_measure", "text"),
        ("Tiêu chí", "criterion", "int"),
        ("Kiểu", "kind", "kind"),
        ("Giá trị nhỏ nhất", "min_value", "number"),
        ("Giá trị lớn nhất", "max_value", "number"),
        ("Bắt buộc", "required", "bool"),
    ],
)
RULES = Sheet(
    "Kiểm tra chỉ số",
    [
        ("Tổng các chỉ số", "left_codes", "text"),
        ("So sánh", "operator", "operator"),
        ("So với tổng các chỉ số", "right_codes", "text"),
        ("Cộng số", "right_constant", "number"),
        ("Sai lệch cho phép", "tolerance", "number"),
        ("Khi điểm tự chấm của tiêu chí", "criterion", "int"),
        ("Trên (% điểm tối đa)", "score_above", "number"),
        ("Cảnh báo", "message", "text"),
    ],
    # Files exported before rules had sums on both sides, tolerances and self-score conditions.
    optional={"right_constant", "tolerance", "criterion", "score_above"},
    aliases={"So với chỉ số": "So với tổng các chỉ số"},
)
SHEETS = [SET, CRITERIA, ITEMS, TIERS, INDICATORS, RULES]


# --- Export ---------------------------------------------------------------------------------


def export_set(criteria_set):
    """The set as .xlsx bytes, in the layout `import_set` reads."""
    criteria = list(criteria_set.criteria.prefetch_related("items"))
    rows = {
        SET: [criteria_set],
        CRITERIA: criteria,
        ITEMS: [item for c in criteria for item in c.items.all()],
        TIERS: list(criteria_set.tiers.all()),
        INDICATORS: list(criteria_set.indicators.select_related("criterion")),
        RULES: list(criteria_set.rules.all()),
    }
    tables = [
        xlsx_writer.Table(
            sheet.title,
            [xlsx_writer.Column(header) for header, _field, _kind in sheet.columns],
            [[_export_value(obj, f, kind) for _h, f, kind in sheet.columns] for obj in rows[sheet]],
        )
        for sheet in SHEETS
    ]
    return xlsx_writer.xlsx_bytes(*tables)


def _export_value(obj, field, kind):
    if field == "criterion":
        related = getattr(obj, "criterion", None)
        return related.number if related else None
    value = getattr(obj, field)
    if kind == "bool":
        return YES if value else NO
    if kind == "kind":
        return KINDS.get(value, value)
    if kind == "level":
        return LEVELS.get(value, value)
    if kind == "percent":  # written as people say it: 20 for a ratio of 0.200
        value = value * 100
    if kind == "operator":
        return OPERATORS.get(value, value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else value
    return value


# --- Import ---------------------------------------------------------------------------------


def import_set(upload, year, user):
    """Create the set of `year` from an exported workbook; all or nothing. The Outcome is
    danvan's, so its errors read like every other import's."""
    rows, errors = _read(upload)
    if errors:
        return Outcome(errors=list(errors))
    plan = _Plan(rows, year)
    plan.validate()
    if plan.errors:
        return Outcome(errors=list(plan.errors))
    with transaction.atomic():
        criteria_set = plan.write()
        record(
            Action.IMPORT,
            user=user,
            obj=criteria_set,
            part="criteria_set",
            file=getattr(upload, "name", ""),
            criteria=len(plan.criteria),
            indicators=len(plan.indicators),
        )
    return Outcome(written=True)


def _read(upload):
    """Rows of every sheet, converted by column kind; or the errors that stop the import."""
    errors = Errors()
    try:
        workbook = open_workbook(upload)
        titles = {fold(title): title for title in workbook.sheet_names}
        tables = {}
        for sheet in SHEETS:
            title = titles.get(fold(sheet.title))
            if title is not None:
                tables[sheet] = workbook.get_sheet_by_name(title).to_python(skip_empty_area=False)
    except XlsxError as unusable:
        errors.add(None, "", unusable)
        return {}, errors
    except CalamineError:
        errors.add(None, "", _("The file cannot be read as an Excel .xlsx file. Check the file."))
        return {}, errors
    rows = {}
    for sheet in SHEETS:
        if sheet not in tables:
            errors.add(None, "", _("The sheet “%(sheet)s” is missing.") % {"sheet": sheet.title})
            continue
        rows[sheet] = _sheet_rows(sheet, tables[sheet], errors)
    return rows, errors


def _sheet_rows(sheet, table, errors):
    """The sheet's non-blank data rows (danvan.xlsx Rows of converted values); their problems
    go to `errors`."""
    if not table:
        errors.add(None, "", _("The sheet “%(sheet)s” is empty.") % {"sheet": sheet.title})
        return []
    aliases = {fold(old): fold(new) for old, new in sheet.aliases.items()}
    positions = {
        aliases.get(fold(cell), fold(cell)): i for i, cell in enumerate(table[0]) if clean(cell)
    }
    missing = [
        h for h, f, _k in sheet.columns if fold(h) not in positions and f not in sheet.optional
    ]
    if missing:
        message = _("Sheet %(sheet)s: missing column(s) %(columns)s in row 1.")
        errors.add(None, "", message % {"sheet": sheet.title, "columns": ", ".join(missing)})
        return []
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if all(clean(c) == "" for c in cells):
            continue
        row = Row(line, {})
        for header, field, kind in sheet.columns:
            position = positions.get(fold(header), len(cells))
            raw = cells[position] if position < len(cells) else ""
            try:
                row.values[field] = _convert(raw, kind)
            except ValueError as bad:
                errors.add(line, header, bad, sheet.title)
        rows.append(row)
    return rows


def _convert(raw, kind):
    """A cell as the string a form field expects ("" when empty)."""
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.isoformat() if kind == "date" else raw.strftime("%d/%m/%Y")
    if isinstance(raw, float):
        raw = format(Decimal(repr(raw)).normalize(), "f")
    text = clean(raw)
    if text == "":
        return False if kind == "bool" else ""
    if kind == "percent":
        return _percent(text)
    if kind == "bool":
        word = fold(text)
        if word in {"co", "x", "1", "true", "yes"}:
            return True
        if word in {"khong", "0", "false", "no"}:
            return False
        raise ValueError(_("Write “Có” or “Không”."))
    if kind == "kind":
        return _lookup(text, KINDS, _("Write one of: %(values)s."))
    if kind == "level":
        return _lookup(text, LEVELS, _("Write one of: %(values)s."))
    if kind == "operator":
        text = OPERATOR_ALIASES.get(text, text)
        if text not in OPERATORS:
            raise ValueError(_("Write one of: %(values)s.") % {"values": "<=, =, >="})
        return text
    if kind == "date":
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if match:
            day, month, year_ = map(int, match.groups())
            try:
                return date(year_, month, day).isoformat()
            except ValueError:
                raise ValueError(_("Enter a valid date (dd/mm/yyyy).")) from None
        return text
    if kind in ("number", "int"):
        try:
            value = Decimal(text.replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Enter a number.")) from None
        if kind == "int" and value != value.to_integral():
            raise ValueError(_("Enter a whole number."))
        return format(value.normalize(), "f")
    return text


def _percent(text):
    """A percentage cell as the rules form reads it. Files written before the set spoke in
    percentages hold the ratio itself (0,2 for 20%): a value of at most 1 is such a ratio, since
    no province sets a quota or a veto share of 1% or less."""
    try:
        number = Decimal(text.replace("%", "").replace(",", ".").strip())
    except InvalidOperation:
        return text  # the form says what is wrong with it
    if number.is_finite() and 0 < number <= 1:
        number *= 100
    return format(number.normalize(), "f")


def _lookup(text, mapping, message):
    word = fold(text)
    for code, label in mapping.items():
        if word in (fold(code), fold(label)):
            return code
    raise ValueError(message % {"values": ", ".join(mapping.values())})


class _Plan:
    """The validated objects of the new set, before any of them is written."""

    def __init__(self, rows, year):
        self.rows = rows
        self.year = year
        self.errors = Errors()
        self.criteria_set = None
        self.criteria = []  # (row, instance)
        self.items = []  # (row, instance, criterion number)
        self.tiers = []
        self.indicators = []  # (row, instance, criterion number or None)
        self.rules = []

    def validate(self):
        self._set()
        self.criteria = self._objects(CRITERIA, forms.CriterionForm)
        self.items = self._objects(ITEMS, forms.CriterionItemForm)
        self.tiers = self._objects(TIERS, TierImportForm)
        self.indicators = self._objects(INDICATORS, IndicatorImportForm)
        self.rules = self._objects(RULES, RuleImportForm)
        if not self.errors:
            self._across_rows()

    def _set(self):
        set_rows = self.rows[SET]
        if len(set_rows) != 1:
            message = _("Sheet %(sheet)s must have exactly one data row (row 2).")
            self.errors.add(None, "", message % {"sheet": SET.title})
            return
        row = set_rows[0]
        values = dict(row.values)
        source_year = values.pop("year", "")
        shift = self.year - int(source_year) if source_year else 0
        form = SetImportForm(values)
        self._collect(SET, row, form)
        if form.is_valid():
            instance = form.save(commit=False)
            instance.year = self.year
            if source_year:
                instance.title = instance.title.replace(str(source_year), str(self.year))
            instance.submission_deadline = shift_year(instance.submission_deadline, shift)
            instance.review_deadline = shift_year(instance.review_deadline, shift)
            self.criteria_set = instance

    def _objects(self, sheet, form_class):
        objects = []
        for row in self.rows[sheet]:
            values = dict(row.values)
            reference = values.pop("criterion", None)
            form = form_class(values)
            self._collect(sheet, row, form)
            if form.is_valid():
                objects.append((row, form.save(commit=False), reference))
        return objects

    def _collect(self, sheet, row, form):
        if form.is_valid():
            return
        for field, messages in form.errors.items():
            for message in messages:
                self._error(sheet, row, field, message)

    def _error(self, sheet, row, field, message):
        """A problem of one row, named by the column of `field` (or only by the row)."""
        self.errors.add(row.line, sheet.header(field), message, sheet.title)

    def _across_rows(self):
        total = self.criteria_set.total_points
        numbers = {obj.number: (row, obj) for row, obj, _r in self.criteria}
        self._sheet_errors(
            CRITERIA,
            checks.duplicate_errors(
                [obj.number for _row, obj, _r in self.criteria],
                _("The number %(value)s is used twice."),
            )
            + checks.points_total_errors([obj.max_points for _r, obj, _x in self.criteria], total),
        )
        for row, _obj, number in self.items:
            if not number:
                self._error(ITEMS, row, "criterion", _("Enter the criterion's number."))
            elif int(number) not in numbers:
                self._error(ITEMS, row, "criterion", self._no_criterion(number))
        for number, (_row, criterion) in numbers.items():
            points = [o.max_points for _r, o, n in self.items if n and int(n) == number]
            self._sheet_errors(ITEMS, checks.item_points_errors(points, criterion.max_points))
        tiers = [
            {
                "order": t.order,
                "name": t.name,
                "min_total": t.min_total,
                "is_top": t.is_top,
                "is_violation_cap": t.is_violation_cap,
            }
            for _r, t, _x in self.tiers
        ]
        self._sheet_errors(
            TIERS,
            checks.tier_errors(tiers, total)
            + checks.duplicate_errors(
                [t.code for _r, t, _x in self.tiers], _("The code %(value)s is used twice.")
            ),
        )
        codes = [i.code for _r, i, _x in self.indicators]
        self._sheet_errors(
            INDICATORS, checks.duplicate_errors(codes, _("The code %(value)s is used twice."))
        )
        for row, _obj, number in self.indicators:
            if number and int(number) not in numbers:
                self._error(INDICATORS, row, "criterion", self._no_criterion(number))
        for row, rule, number in self.rules:
            for error in checks.rule_code_errors(rule.codes, set(codes)):
                self._error(RULES, row, None, error)
            if number and int(number) not in numbers:
                self._error(RULES, row, "criterion", self._no_criterion(number))
            elif bool(number) != (rule.score_above is not None):
                message = _("Give both the criterion and the share of its maximum, or neither.")
                self._error(RULES, row, "criterion", message)

    @staticmethod
    def _no_criterion(number):
        return _("No criterion has the number %(n)s in the sheet Tiêu chí.") % {"n": number}

    def _sheet_errors(self, sheet, messages):
        for message in messages:
            self.errors.add(None, "", message, sheet.title)

    def write(self):
        criteria_set = self.criteria_set
        criteria_set.save()
        by_number = {}
        for _row, criterion, _x in self.criteria:
            criterion.criteria_set = criteria_set
            criterion.save()
            by_number[criterion.number] = criterion
        items = []
        for _row, item, number in self.items:
            item.criterion = by_number[int(number)]
            items.append(item)
        CriterionItem.objects.bulk_create(items)
        for _row, tier, _x in self.tiers:
            tier.criteria_set = criteria_set
            tier.save()
        for _row, rule, number in self.rules:
            rule.criteria_set = criteria_set
            rule.criterion = by_number[int(number)] if number else None
            rule.save()
        for _row, indicator, number in self.indicators:
            indicator.criteria_set = criteria_set
            indicator.criterion = by_number[int(number)] if number else None
            indicator.save()
        return criteria_set


class SetImportForm(forms.RulesForm):
    class Meta(forms.RulesForm.Meta):
        model = CriteriaSet
        fields = [
            "title",
            "legal_basis",
            "submission_deadline",
            "review_deadline",
            "total_points",
            *forms.RulesForm.Meta.fields,
        ]


class TierImportForm(forms.ClassTierForm):
    """The workbook carries each class's code, so an export imports back unchanged."""

    class Meta(forms.ClassTierForm.Meta):
        fields = ["code", *forms.ClassTierForm.Meta.fields]


class IndicatorImportForm(forms.IndicatorForm):
    class Meta(forms.IndicatorForm.Meta):
        fields = [f for f in forms.IndicatorForm.Meta.fields if f != "criterion"]


class RuleImportForm(forms.IndicatorRuleForm):
    """The criterion comes as its number in the sheet, resolved once the criteria exist."""

    class Meta(forms.IndicatorRuleForm.Meta):
        fields = [f for f in forms.IndicatorRuleForm.Meta.fields if f != "criterion"]
