from datetime import date

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from danvan import limits
from danvan.forms import FilterForm as BaseFilterForm
from danvan.text import clean
from units.models import Unit

from .models import (
    Award,
    AwardKind,
    CampaignPeriod,
    DanVanModel,
    ExampleKind,
    Field,
    ModelStatus,
    Recipient,
    RecognitionLevel,
    TypicalExample,
)
from .summary import PERIOD_SIGNING, Issuer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _year_choices():
    this_year = date.today().year
    return [("", _("All years"))] + [(y, y) for y in range(this_year + 1, 2014, -1)]


class ModelForm(forms.ModelForm):
    """What a unit writes about its model; status and recognition change only by moves."""

    class Meta:
        model = DanVanModel
        fields = [
            "name",
            "field",
            "year",
            "start_date",
            "milestones",
            "problem_and_goals",
            "content_and_method",
            "area_and_people",
            "leaders_and_participants",
            "budget",
            "work_days",
            "social_contributions",
            "results",
            "sustainability",
        ]
        widgets = {
            "start_date": DATE,
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in (
                    "milestones",
                    "problem_and_goals",
                    "content_and_method",
                    "area_and_people",
                    "leaders_and_participants",
                    "results",
                    "sustainability",
                )
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial.setdefault("year", date.today().year)
        self.fields["year"].min_value = 2000

    def clean_name(self):
        return clean(self.cleaned_data["name"])

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year < 2000 or year > date.today().year + 1:
            raise forms.ValidationError(_("Enter a year between 2000 and next year."))
        return year


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=ModelStatus.choices)
    comment = limits.TextFormField(
        label=_("Reason or comment"), required=False, max_length=limits.SHORT_TEXT
    )


class RecogniseForm(forms.Form):
    level = forms.ChoiceField(label=_("Recognised at level"), choices=RecognitionLevel.choices)
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DATE)
    decision = forms.CharField(label=_("Decision number"), max_length=200)
    comment = limits.TextFormField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.SHORT_TEXT,
    )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("File"))
    description = forms.CharField(label=_("Description"), required=False, max_length=300)


class FilterForm(BaseFilterForm):
    """A list's filters: the search box, and each filled field narrows by its lookup."""

    q = forms.CharField(label=_("Search"), required=False, max_length=limits.SEARCH)
    lookups = {}  # field name -> queryset lookup

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        queryset = queryset.search(self.cleaned_data["q"])
        for name, lookup in self.lookups.items():
            value = self.cleaned_data.get(name)
            if value:
                queryset = queryset.filter(**{lookup: value})
        return queryset


class ModelFilterForm(FilterForm):
    search_placeholder = _("Search by name or unit")
    lookups = {
        "unit": "unit",
        "field": "field",
        "status": "status",
        "level": "recognition_level",
        "year": "year",
    }
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None and user.is_reviewer:
            self.fields["unit"].queryset = Unit.objects.order_by("code")
            self.fields["unit"].empty_label = _("All units")
        else:
            del self.fields["unit"]
        self.fields["field"].choices = [("", _("All fields")), *Field.choices]
        self.fields["status"].choices = [("", _("All statuses")), *ModelStatus.choices]
        self.fields["level"].choices = [("", _("All levels")), *RecognitionLevel.choices]
        self.fields["year"].choices = _year_choices()


class TypicalExampleForm(forms.ModelForm):
    """Unit people record their own unit's examples; province roles choose the unit."""

    class Meta:
        model = TypicalExample
        fields = [
            "unit",
            "kind",
            "name",
            "position",
            "level",
            "commended_on",
            "decision",
            "reason",
            "is_monthly_pick",
        ]
        widgets = {"commended_on": DATE, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.is_reviewer:
            self.fields["unit"].queryset = Unit.objects.order_by("code")
        else:
            del self.fields["unit"]
            if not self.instance.pk:
                self.instance.unit_id = user.unit_id
        self.fields["kind"].choices = ExampleKind.choices

    def clean_name(self):
        return clean(self.cleaned_data["name"])


class ExampleFilterForm(FilterForm):
    search_placeholder = _("Search by name or unit")
    lookups = {
        "kind": "kind",
        "level": "level",
        "year": "commended_on__year",
        "picks": "is_monthly_pick",
    }
    kind = forms.ChoiceField(label=_("Collective or person"), required=False)
    level = forms.ChoiceField(label=_("Level"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    picks = forms.BooleanField(label=_("Monthly picks only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Collectives and persons")), *ExampleKind.choices]
        self.fields["level"].choices = [("", _("All levels")), *RecognitionLevel.choices]
        self.fields["year"].choices = _year_choices()


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = [
            "kind",
            "recipient_type",
            "unit",
            "person_name",
            "person_title",
            "decision_number",
            "decision_date",
            "issuer",
            "year",
            "period",
            "reason",
        ]
        widgets = {"decision_date": DATE, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.order_by("code")

    def clean(self):
        data = super().clean()
        for name in ("person_name", "person_title", "decision_number", "issuer"):
            if name in data:
                data[name] = clean(data[name])
        if data.get("recipient_type") == Recipient.PERSON and not data.get("person_name"):
            self.add_error("person_name", _("Enter the name of the person awarded."))
        if data.get("recipient_type") == Recipient.UNIT:
            data["person_name"] = data["person_title"] = ""
        if not data.get("year") and not data.get("period"):
            self.add_error("year", _("Enter the year or choose the campaign period of the award."))
        return data


class AwardFilterForm(FilterForm):
    search_placeholder = _("Search by person, unit or decision")
    lookups = {"kind": "kind", "year": "year", "period": "period"}
    kind = forms.ChoiceField(label=_("Kind of award"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    period = forms.ModelChoiceField(
        label=_("Campaign period"), queryset=CampaignPeriod.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *AwardKind.choices]
        self.fields["year"].choices = _year_choices()
        self.fields["period"].empty_label = _("All periods")


class AwardImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB; split it into several files.")
                % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class PeriodForm(forms.ModelForm):
    class Meta:
        model = CampaignPeriod
        fields = ["code", "name", "kind", "start_year", "end_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error("end_year", _("The last year is before the first year."))
        return data


class PeriodReportForm(forms.Form):
    """Who issues the period's Word report and how it is signed: its template follows."""

    issuer = forms.ChoiceField(
        label=_("Issued by"),
        choices=Issuer.choices,
        initial=Issuer.PARTY,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    signing_form = forms.ChoiceField(
        label=_("Form of signing"),
        choices=[(f.value, f.label) for f in PERIOD_SIGNING],
        initial=PERIOD_SIGNING[0].value,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )

    def choice(self):
        """(issuer, signing form) asked for, the defaults when nothing valid was."""
        if self.is_valid():
            return self.cleaned_data["issuer"], self.cleaned_data["signing_form"]
        return Issuer.PARTY, PERIOD_SIGNING[0]
