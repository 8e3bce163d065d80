"""Forms of the report: they validate one section and say which fields were sent.

The page saves one field at a time, so a form is bound to whatever the browser sent; only the
fields present in the data are saved (`AutosaveForm.sent_fields`). Widgets carry the htmx
attributes that post a field on change.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from criteria.models import Indicator
from danvan import formats, limits
from danvan.forms import QuickDateInput, QuickTextarea, QuickTextInput
from danvan.parse import parse_number

from .models import AnnualReport
from .services import GENERAL_FIELDS, HEADER_FIELDS

STEP = Decimal("0.25")
# The largest number an indicator column holds (14 digits, 2 after the point).
CEILING = Decimal("999999999999")


class NumberField(forms.CharField):
    """A decimal typed as Vietnamese users type it (danvan.parse.parse_number): "7,5",
    "1.250", "1.250,5". With a `step` it is a score, from 0 to `maximum`: every form that
    takes a score (the unit's self-score, the review score) uses this field."""

    widget = QuickTextInput

    def __init__(self, *, minimum=None, maximum=None, whole=False, step=None, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.minimum, self.maximum, self.whole, self.step = minimum, maximum, whole, step
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        return formats.decimal(value, grouping=False) if isinstance(value, Decimal) else value

    def to_python(self, value):
        text = super().to_python(value)
        if self.step and "." in text:
            # A score never reaches the thousands: a dot in it is a decimal point typed the
            # English way ("7.125"), so the person is shown the step and the comma format.
            raise forms.ValidationError(self.step_message, code="step")
        return parse_number(text)

    step_message = gettext_lazy("Scores go in steps of 0.25 (e.g. 7; 7.25; 7.5; 7.75).")

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        low = self.minimum if self.minimum is not None else Decimal("0")
        high = self.maximum if self.maximum is not None else CEILING
        if value < low or value > high:
            if self.step:
                message = _("Enter a score from 0 to %(max)s.")
            elif self.maximum is None:
                message = _("Enter a number not below %(min)s.")
                if value > high:
                    message = _("Enter a number from %(min)s to %(max)s.")
            else:
                message = _("Enter a number from %(min)s to %(max)s.")
            raise forms.ValidationError(
                message % {"min": formats.measure(low), "max": formats.measure(high)}, code="range"
            )
        if self.whole and value != value.to_integral_value():
            raise forms.ValidationError(_("Enter a whole number."), code="whole")
        if self.step and (value / self.step) != (value / self.step).to_integral_value():
            raise forms.ValidationError(self.step_message, code="step")
        if value.normalize().as_tuple().exponent < -2:
            raise forms.ValidationError(_("Use at most two decimals."), code="decimals")


def read_bases(form, names):
    """The saved values the page last read (`base-NAME`), cleaned like `form`'s fields.

    A field is in conflict only when its saved value has moved away from its base; a field sent
    without a readable base is treated as possibly changed by someone else.
    """
    bases = {}
    for name in names:
        raw = form.data.get(f"base-{name}")
        if raw is None:
            continue
        try:
            bases[name] = form.fields[name].clean(raw)
        except forms.ValidationError:
            continue
    return bases


def shown_value(field, value):
    """`value` as `field`'s input shows it, for the conflict view's "keep saved"."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(field.prepare_value(value))


class AutosaveForm(forms.Form):
    """A form whose fields post themselves to `url` when they change.

    `key_prefix` makes each field's key unique on the page; the key names the input
    (`f-KEY`) and the place its save status is shown (`st-KEY`).
    """

    key_prefix = ""

    def __init__(self, *args, url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_fields()
        for name, field in self.fields.items():
            key = self.key(name)
            widget = field.widget
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 5)
            widget.attrs.setdefault("class", "form-control")
            widget.attrs.update(
                {
                    "id": f"f-{key}",
                    "data-key": key,
                    "data-autosave": url,
                    "aria-describedby": f"st-{key}",
                }
            )

    def add_fields(self):
        """Fields that depend on data (a criterion's maximum, the year's indicators)."""

    def key(self, name):
        return f"{self.key_prefix}{name}"

    def sent_fields(self):
        return [name for name in self.fields if name in self.data]

    def bases(self):
        """The saved values this tab last read (see `read_bases`)."""
        return read_bases(self, self.sent_fields())

    def shown(self, name, value):
        return shown_value(self.fields[name], value)

    def results(self):
        """(valid values to save, {field: [errors]}) for the fields that were sent."""
        self.is_valid()
        sent = self.sent_fields()
        errors = {name: self.errors[name] for name in sent if name in self.errors}
        valid = {name: self.cleaned_data[name] for name in sent if name not in errors}
        return valid, errors


class GeneralForm(AutosaveForm):
    """Header of the document and the general part."""

    key_prefix = "g-"

    def add_fields(self):
        for name in HEADER_FIELDS + GENERAL_FIELDS:
            model_field = AnnualReport._meta.get_field(name)
            if name == "report_date":
                field = forms.DateField(
                    widget=QuickDateInput(attrs={"type": "date"}, format="%Y-%m-%d")
                )
            elif name == "recipients":
                field = limits.TextFormField(
                    strip=False,
                    widget=QuickTextarea(attrs={"rows": 4}),
                    help_text=gettext_lazy("One recipient per line."),
                    max_length=model_field.max_length,
                )
            elif isinstance(model_field, models.TextField):
                field = limits.TextFormField(
                    strip=False, widget=QuickTextarea, max_length=model_field.max_length
                )
            else:
                field = forms.CharField(
                    max_length=model_field.max_length, strip=False, widget=QuickTextInput
                )
            field.required = False
            field.label = model_field.verbose_name
            self.fields[name] = field

    def keyed(self):
        """(bound field, key, whether it takes the full width) for the template."""
        return [
            (self[name], self.key(name), isinstance(field.widget, forms.Textarea))
            for name, field in self.fields.items()
        ]

    @staticmethod
    def initial_from(report):
        return {name: getattr(report, name) for name in HEADER_FIELDS + GENERAL_FIELDS}

    def results(self):
        valid, errors = super().results()
        for name, value in valid.items():
            if value is None and name != "report_date":
                valid[name] = ""
        return valid, errors


class CriterionForm(AutosaveForm):
    """What was done for one criterion and its self-score."""

    def __init__(self, *args, criterion, **kwargs):
        self.criterion = criterion
        self.key_prefix = f"c{criterion.pk}-"
        super().__init__(*args, **kwargs)

    def add_fields(self):
        self.fields["narrative"] = limits.TextFormField(
            label=gettext_lazy("What was done"),
            required=False,
            strip=False,
            widget=QuickTextarea(attrs={"rows": 6}),
            max_length=limits.NARRATIVE,
        )
        self.fields["self_score"] = NumberField(
            label=_("Self-score (0 to %(max)s)")
            % {"max": formats.measure(self.criterion.max_points)},
            maximum=self.criterion.max_points,
            step=STEP,
        )
        self.fields["self_score"].widget.attrs["class"] = "form-control score-input"


class IndicatorsForm(AutosaveForm):
    """One number per indicator of the year; kind and bounds are data of the criteria set."""

    def __init__(self, *args, indicators, **kwargs):
        self.indicators = list(indicators)
        super().__init__(*args, **kwargs)

    def add_fields(self):
        for indicator in self.indicators:
            whole = indicator.kind == Indicator.Kind.INTEGER
            maximum = indicator.max_value
            if indicator.kind == Indicator.Kind.PERCENT and maximum is None:
                maximum = Decimal("100")
            field = NumberField(
                label=indicator.name,
                minimum=indicator.min_value,
                maximum=maximum,
                whole=whole,
            )
            field.indicator = indicator
            self.fields[self.field_name(indicator)] = field

    @staticmethod
    def field_name(indicator):
        return f"ind-{indicator.pk}"

    def changes(self, valid):
        """{indicator id: value} from the valid fields."""
        return {self.fields[name].indicator.pk: value for name, value in valid.items()}
