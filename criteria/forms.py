"""Forms of the admin pages of a criteria set, one per part of the set.

Every form and formset can say which of its changes would alter scores (`score_changes`), so
`services.save_parts` can refuse exactly those once reports of the year have been submitted.
"""

from decimal import Decimal, InvalidOperation

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import Truncator, capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan import formats
from danvan.parse import parse_number
from danvan.text import clean, fold

from . import checks
from .models import ClassTier, CriteriaSet, Criterion, CriterionItem, Indicator, IndicatorRule

# The recognition levels of a Dân vận khéo model (same values as campaigns.RecognitionLevel;
# criteria sits below campaigns and cannot import it).
BONUS_LEVELS = [
    ("unit", _("Unit")),
    ("commune", _("Commune")),
    ("province", _("Province")),
    ("central", _("Central")),
]


def _field_label(model, name):
    return capfirst(str(model._meta.get_field(name).verbose_name))


class ScoreChangesMixin:
    """For a model form: the changed fields that would alter scores, as readable phrases."""

    def score_changes(self):
        model = self._meta.model
        return [
            gettext("%(field)s of “%(object)s”")
            % {"field": _field_label(model, name), "object": self.instance}
            for name in self.changed_data
            if name in model.score_fields
        ]


class PercentField(forms.CharField):
    """A share the set stores as a ratio (0.200), typed and shown as a percentage: "20",
    "12,5" or "20%" is 0.200, 0.125, 0.200."""

    PLACES = Decimal("0.001")  # the model keeps three decimals of the ratio

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return formats.percent_number(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        text = text.replace("%", "").replace(" ", "").replace("\u00a0", "").replace(",", ".")
        if not text:
            return None
        message = gettext("Enter a percentage from 0 to 100, e.g. 20 or 12,5.")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(message, code="invalid") from None
        if not number.is_finite() or not 0 <= number <= 100:
            raise forms.ValidationError(message, code="range")
        ratio = number / 100
        if ratio != ratio.quantize(self.PLACES):
            raise forms.ValidationError(
                gettext("Use at most one decimal in a percentage, e.g. 12,5."), code="decimals"
            )
        return ratio.quantize(self.PLACES)


def saved_value(form, name):
    """The value of `name` as it is saved, in words: what a refused change leaves in place."""
    value, field = form.initial.get(name), form.fields[name]
    if isinstance(field, PercentField):
        return formats.percent(value)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(field, forms.ModelChoiceField):
        chosen = field.queryset.filter(pk=value).first() if value is not None else None
        return field.label_from_instance(chosen) if chosen is not None else "—"
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    return formats.display(value) or "—"


def mark_refused(parts):
    """After save_parts refused the changes that alter scores: put an error on each refused
    field that names the value still saved, so the page never shows a refused value as if it
    had been saved. The typed value stays in its input, marked invalid."""
    for part in parts:
        is_formset = hasattr(part, "forms")
        for form in part.forms if is_formset else [part]:
            model = form._meta.model
            if is_formset and part.can_delete and part._should_delete_form(form):
                if form.instance.pk:
                    form.add_error(None, gettext("Not removed: reports have been submitted."))
                continue
            if form.instance.pk is None or (is_formset and form.initial == {}):
                if is_formset and form.has_changed():
                    form.add_error(None, gettext("Not added: reports have been submitted."))
                continue
            for name in form.changed_data:
                if name in model.score_fields and name in form.fields:
                    saved = saved_value(form, name)
                    widget = form.fields[name].widget
                    widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                    form.add_error(
                        name, gettext("Not saved. Saved value: %(value)s.") % {"value": saved}
                    )


class SetPartFormSet(BaseInlineFormSet):
    """An inline formset that knows which of its changes would alter scores."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select form-select-sm")
            elif isinstance(field, (forms.DecimalField, forms.IntegerField)):
                field.widget.attrs.setdefault("class", "form-control form-control-sm input-narrow")
            else:
                field.widget.attrs.setdefault("class", "form-control form-control-sm")

    def score_changes(self):
        model = self.model
        changes = []
        deleted = set(map(id, self.deleted_forms))
        for form in self.forms:
            if id(form) in deleted:
                if form.instance.pk:
                    changes.append(gettext("removing “%(object)s”") % {"object": form.instance})
            elif form.instance.pk is None:
                if form.has_changed():
                    changes.append(gettext("adding “%(object)s”") % {"object": form.instance})
            else:
                changes += [
                    gettext("%(field)s of “%(object)s”")
                    % {"field": _field_label(model, name), "object": form.instance}
                    for name in form.changed_data
                    if name in model.score_fields
                ]
        return changes

    def kept_forms(self):
        """Forms that will exist after saving: filled in and not marked for deletion."""
        deleted = set(map(id, self.deleted_forms))
        return [
            f
            for f in self.forms
            if id(f) not in deleted and (f.instance.pk or f.has_changed()) and f.is_valid()
        ]


class CopyForm(forms.Form):
    year = forms.IntegerField(label=_("Copy to year"), min_value=2000, max_value=2100)
    confirm = forms.BooleanField(
        label=_("I confirm copying the whole set (criteria, classes, indicators and rules)."),
        required=True,
    )

    def clean_year(self):
        year = self.cleaned_data["year"]
        if CriteriaSet.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("The year %(year)s already has a criteria set; choose another year."),
                params={"year": year},
            )
        return year


class SettingsForm(ScoreChangesMixin, forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "title",
            "legal_basis",
            "submission_deadline",
            "review_deadline",
            "submissions_closed",
        ]
        widgets = {
            "submission_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "review_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "legal_basis": forms.Textarea(attrs={"rows": 3}),
        }

    def clean_title(self):
        return clean(self.cleaned_data["title"])

    def clean(self):
        data = super().clean()
        submission, review = data.get("submission_deadline"), data.get("review_deadline")
        if submission and review and review < submission:
            self.add_error(
                "review_deadline", _("The review deadline is before the submission deadline.")
            )
        return data


class RulesForm(ScoreChangesMixin, forms.ModelForm):
    bonus_min_level = forms.ChoiceField(
        label=_("lowest recognition level that earns the bonus"), choices=BONUS_LEVELS
    )
    veto_min_ratio = PercentField(
        label=_("minimum share of each criterion for the top class (%)"),
        help_text=_(
            "A unit with a criterion below this share of its maximum cannot get the top class."
        ),
    )
    quota_ratio = PercentField(
        label=_("top class quota (% of the group)"),
        help_text=_("At most this share of a group's classified units get the top class."),
    )

    class Meta:
        model = CriteriaSet
        fields = [
            "bonus_per_model",
            "bonus_max",
            "bonus_min_level",
            "late_penalty",
            "veto_min_ratio",
            "quota_ratio",
            "quota_min",
        ]

    def clean(self):
        data = super().clean()
        for name in ("bonus_per_model", "bonus_max", "late_penalty"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, _("Enter a number of points of 0 or more."))
        return data


class TotalForm(ScoreChangesMixin, forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = ["total_points"]


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["number", "title", "max_points", "guidance", "order"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "guidance": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_title(self):
        return clean(self.cleaned_data["title"])


class CriterionFormSet(SetPartFormSet):
    def __init__(self, *args, total=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.total = total

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        numbers = [f.cleaned_data["number"] for f in kept]
        errors = checks.duplicate_errors(numbers, gettext("The number %(value)s is used twice."))
        errors += checks.points_total_errors(
            [f.cleaned_data["max_points"] for f in kept], self.total
        )
        if errors:
            raise forms.ValidationError(errors)


class CriterionItemForm(forms.ModelForm):
    class Meta:
        model = CriterionItem
        fields = ["label", "title", "max_points", "order"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}


class CriterionItemFormSet(SetPartFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        points = [f.cleaned_data.get("max_points") for f in self.kept_forms()]
        errors = checks.item_points_errors(points, self.instance.max_points)
        if errors:
            raise forms.ValidationError(errors)


class ClassTierForm(forms.ModelForm):
    """A class as people know it: order, name, threshold and flags. Its code is for programs
    (the API, the results' data) and is made from the name when the class is added."""

    class Meta:
        model = ClassTier
        fields = ["order", "name", "min_total", "is_top", "is_violation_cap"]


def tier_code(name, used):
    """A code for a new class from its name, unique among `used`: "Không đạt" -> "khong-dat"."""
    base = slugify(fold(name))[:26] or "class"
    code, n = base, 2
    while code in used:
        code, n = f"{base}-{n}", n + 1
    return code


class ClassTierFormSet(SetPartFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = self.kept_forms()
        tiers = [f.cleaned_data for f in kept]
        errors = checks.tier_errors(tiers, self.instance.total_points)
        errors += checks.duplicate_errors(
            [t["name"] for t in tiers], gettext("Two classes have the same name %(value)s.")
        )
        if errors:
            raise forms.ValidationError(errors)
        used = (
            set(self.instance.tiers.values_list("code", flat=True)) if self.instance.pk else set()
        )
        for form in kept:
            if not form.instance.code:
                form.instance.code = tier_code(form.cleaned_data["name"], used)
                used.add(form.instance.code)


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "order",
            "code",
            "name",
            "unit_of_measure",
            "criterion",
            "kind",
            "min_value",
            "max_value",
            "required",
        ]
        labels = {"criterion": _("Criterion")}
        widgets = {"name": forms.Textarea(attrs={"rows": 2})}


class IndicatorFormSet(SetPartFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the criterion choices, shared by every row.
        choices = [("", "---------")] + [
            (c.pk, Truncator(str(c)).chars(32)) for c in self.instance.criteria.all()
        ]
        for form in self.forms + [self.empty_form]:
            form.fields["criterion"].queryset = self.instance.criteria.all()
            form.fields["criterion"].choices = choices

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        codes = [f.cleaned_data["code"] for f in self.kept_forms()]
        errors = checks.duplicate_errors(codes, gettext("The code %(value)s is used twice."))
        if errors:
            raise forms.ValidationError(errors)


def _vietnamese_number(value):
    """A typed number read by the one parser; a number from a workbook cell as it is."""
    if isinstance(value, str):
        return parse_number(value.strip()) if value.strip() else None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    return None


def _shown_number(value):
    return formats.measure(value) if isinstance(value, Decimal) else value


class IndicatorRuleForm(forms.ModelForm):
    class Meta:
        model = IndicatorRule
        fields = [
            "left_codes",
            "operator",
            "right_codes",
            "right_constant",
            "tolerance",
            "criterion",
            "score_above",
            "message",
        ]
        labels = {"criterion": _("Only when the self-score of criterion")}
        widgets = {
            "left_codes": forms.TextInput(attrs={"size": 24}),
            "right_codes": forms.TextInput(attrs={"size": 24}),
            "message": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tolerance"].required = False  # empty is no tolerance
        for name in ("right_constant", "tolerance", "score_above"):
            if name in self.fields:  # typed and shown the Vietnamese way: "95", "12,5", "1.250"
                field = self.fields[name]
                field.to_python = _vietnamese_number
                field.prepare_value = _shown_number
                field.widget = forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "size": 8}
                )

    def clean_tolerance(self):
        return self.cleaned_data["tolerance"] or Decimal("0")

    def clean_left_codes(self):
        return " ".join(self.cleaned_data["left_codes"].split())

    def clean_right_codes(self):
        return " ".join(self.cleaned_data["right_codes"].split())

    def clean(self):
        data = super().clean()
        if not data.get("right_codes") and data.get("right_constant") is None:
            self.add_error(
                "right_codes",
                gettext("Compare with indicator codes, a number, or both."),
            )
        if "criterion" not in self.fields:  # the workbook import checks the pair itself
            return data
        if data.get("criterion") is not None and data.get("score_above") is None:
            self.add_error(
                "score_above",
                gettext("Enter the share of the criterion's maximum, from 0 to 100."),
            )
        if data.get("criterion") is None and data.get("score_above") is not None:
            self.add_error("criterion", gettext("Choose the criterion whose self-score counts."))
        return data


class IndicatorRuleFormSet(SetPartFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        criteria = self.instance.criteria.all()
        choices = [("", "---------")] + [(c.pk, c.number) for c in criteria]
        for form in self.forms + [self.empty_form]:
            form.fields["criterion"].queryset = criteria
            form.fields["criterion"].choices = choices

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        known = set(self.instance.indicators.values_list("code", flat=True))
        for form in self.kept_forms():
            data = form.cleaned_data
            codes = data["left_codes"].split() + data["right_codes"].split()
            for error in checks.rule_code_errors(codes, known):
                form.add_error(None, error)


def _formset(model, form, formset, **extra):
    return inlineformset_factory(
        CriteriaSet if model is not CriterionItem else Criterion,
        model,
        form=form,
        formset=formset,
        extra=extra.pop("extra", 2),
        can_delete=True,
        **extra,
    )


CriteriaFormSet = _formset(Criterion, CriterionForm, CriterionFormSet)
ItemsFormSet = _formset(CriterionItem, CriterionItemForm, CriterionItemFormSet)
TiersFormSet = _formset(ClassTier, ClassTierForm, ClassTierFormSet, extra=1)
IndicatorsFormSet = _formset(Indicator, IndicatorForm, IndicatorFormSet)
IndicatorRulesFormSet = _formset(IndicatorRule, IndicatorRuleForm, IndicatorRuleFormSet, extra=1)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))
    year = forms.IntegerField(label=_("Year of the new set"), min_value=2000, max_value=2100)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if CriteriaSet.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("The year %(year)s already has a criteria set; choose another year."),
                params={"year": year},
            )
        return year
