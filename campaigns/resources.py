"""Awards as .xlsx through django-import-export, the columns declared once: the export writes
them and the award import reads them (`danvan.resources.declared_columns`). Vietnamese column
names, cell values checked with messages that say what to fix; a row is known by (Số quyết
định, Mã đơn vị, Họ và tên)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from danvan.text import clean, fold
from units.models import Unit

from .models import Award, AwardKind, CampaignPeriod, Recipient


def _text(value):
    """Excel gives codes like 101 as 101.0 and names with stray spaces or in NFD."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean(value)


class TextWidget(widgets.CharWidget):
    def __init__(self, required=False, **kwargs):
        self.required = required
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if self.required and not text:
            raise ValueError(_("this cell must not be empty"))
        return text


class ChoiceLabelWidget(widgets.Widget):
    """A choice written as its Vietnamese label (or its code), with or without diacritics."""

    def __init__(self, choices, **kwargs):
        self.choices = choices
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = fold(_text(value))
        if not text:
            raise ValueError(_("this cell must not be empty"))
        for code, label in self.choices.choices:
            if text in (fold(str(label)), fold(code)):
                return code
        allowed = "; ".join(str(label) for _code, label in self.choices.choices)
        raise ValueError(
            _("“%(value)s” is not one of: %(allowed)s")
            % {"value": _text(value), "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return str(self.choices(value).label) if value else ""


class CodeWidget(widgets.ForeignKeyWidget):
    """A unit or a campaign period given by its code; an unknown code is named in the error."""

    def __init__(self, model, field, required, missing, **kwargs):
        self.required = required
        self.missing = missing
        super().__init__(model, field, **kwargs)

    def clean(self, value, row=None, **kwargs):
        code = _text(value)
        if not code:
            if self.required:
                raise ValueError(_("this cell must not be empty"))
            return None
        try:
            return self.model.objects.get(**{self.field: code})
        except self.model.DoesNotExist:
            raise ValueError(self.missing % {"code": code}) from None


class DayWidget(widgets.Widget):
    """Dates as Excel dates or as text dd/mm/yyyy; written back as dd/mm/yyyy."""

    FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = _text(value)
        if not text:
            raise ValueError(_("this cell must not be empty"))
        for fmt in self.FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy") % {"value": text})

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%d/%m/%Y") if value else ""


class YearWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        if not text.isdigit() or not 1990 <= int(text) <= 2100:
            raise ValueError(_("“%(value)s” is not a year") % {"value": text})
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return value or ""


class AwardResource(resources.ModelResource):
    kind = fields.Field("kind", "Hình thức khen thưởng", ChoiceLabelWidget(AwardKind))
    recipient_type = fields.Field("recipient_type", "Đối tượng", ChoiceLabelWidget(Recipient))
    unit = fields.Field(
        "unit",
        "Mã đơn vị",
        CodeWidget(Unit, "code", True, gettext_lazy("no unit has the code “%(code)s”")),
    )
    unit_name = fields.Field("unit__name", "Tên đơn vị", readonly=True)
    person_name = fields.Field("person_name", "Họ và tên", TextWidget())
    person_title = fields.Field("person_title", "Chức vụ", TextWidget())
    decision_number = fields.Field("decision_number", "Số quyết định", TextWidget(required=True))
    decision_date = fields.Field("decision_date", "Ngày quyết định", DayWidget())
    issuer = fields.Field("issuer", "Cơ quan ban hành", TextWidget(required=True))
    year = fields.Field("year", "Năm", YearWidget())
    period = fields.Field(
        "period",
        "Giai đoạn",
        CodeWidget(
            CampaignPeriod,
            "code",
            False,
            gettext_lazy("no campaign period has the code “%(code)s”"),
        ),
    )
    reason = fields.Field("reason", "Lý do, thành tích", TextWidget())

    # The other names provinces give the columns in their own files (danvan.resources).
    header_aliases = {
        "kind": ("Hình thức", "Loại khen thưởng"),
        "recipient_type": ("Tập thể/Cá nhân",),
        "unit": ("Mã ĐV", "Mã"),
        "person_name": ("Họ tên", "Cá nhân"),
        "person_title": ("Chức danh",),
        "decision_number": ("Số QĐ", "Quyết định số"),
        "decision_date": ("Ngày QĐ", "Ngày ký"),
        "issuer": ("Cấp khen", "Người ký"),
        "year": ("Năm khen thưởng",),
        "period": ("Mã giai đoạn",),
        "reason": ("Thành tích", "Lý do"),
    }
    required_columns = (
        "kind",
        "recipient_type",
        "unit",
        "decision_number",
        "decision_date",
        "issuer",
    )

    class Meta:
        model = Award
        fields = (
            "kind",
            "recipient_type",
            "unit",
            "unit_name",
            "person_name",
            "person_title",
            "decision_number",
            "decision_date",
            "issuer",
            "year",
            "period",
            "reason",
        )
        export_order = fields
        import_id_fields = ("decision_number", "unit", "person_name")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def get_queryset(self):
        return Award.objects.select_related("unit", "period").order_by("decision_date", "pk")

    def get_instance(self, instance_loader, row):
        # A bad key cell is reported once, as the error of its column, by import_instance.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.recipient_type == Recipient.PERSON and not instance.person_name:
            errors.setdefault(
                "person_name", ValidationError(_("enter the name of the person awarded"))
            )
        if instance.recipient_type == Recipient.UNIT and instance.person_name:
            errors.setdefault(
                "person_name",
                ValidationError(_("leave empty for an award to a collective, or write Cá nhân")),
            )
        if instance.year is None and instance.period_id is None and "year" not in errors:
            errors["year"] = ValidationError(_("enter the year or the campaign period"))
        super().validate_instance(instance, errors, validate_unique)
