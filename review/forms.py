"""Forms of the review team's screens: board filters, assignment, review scores, decisions."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan import limits
from danvan.forms import FilterForm, QuickSelect
from reports.forms import STEP, NumberField, read_bases
from units.models import Unit, UnitGroup

from .services import BOARD_STATES

UNASSIGNED = "none"


def _team_choices(team):
    return [(str(u.pk), u.display_name) for u in team]


class BoardFilterForm(FilterForm):
    search_placeholder = _("Search by code or name")
    q = forms.CharField(label=_("Search"), required=False, max_length=limits.SEARCH)
    group = forms.ModelChoiceField(
        label=_("Group"),
        queryset=UnitGroup.objects.all(),
        required=False,
        empty_label=_("All groups"),
        widget=QuickSelect,
    )
    state = forms.ChoiceField(label=_("State"), required=False, widget=QuickSelect)
    reviewer = forms.ChoiceField(label=_("Reviewer"), required=False, widget=QuickSelect)
    mine = forms.BooleanField(label=_("Only my units"), required=False)
    warnings = forms.BooleanField(label=_("Only reports with figure warnings"), required=False)

    def __init__(self, *args, team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", _("All states")), *BOARD_STATES]
        self.fields["reviewer"].choices = [
            ("", _("All reviewers")),
            (UNASSIGNED, _("Not assigned")),
            *_team_choices(team),
        ]

    def filter(self, units, user, warned=None):
        """`warned()` gives the ids of the year's reports whose figures break a rule."""
        if not self.is_valid():
            return units
        data = self.cleaned_data
        units = units.search(data["q"])
        if data["group"]:
            units = units.filter(group=data["group"])
        if data["reviewer"] == UNASSIGNED:
            units = units.filter(reviewer_id__isnull=True)
        elif data["reviewer"]:
            units = units.filter(reviewer_id=int(data["reviewer"]))
        if data["mine"]:
            units = units.filter(reviewer_id=user.pk)
        if data["warnings"] and warned is not None:
            units = units.filter(report_id__in=list(warned()))
        return units

    def filter_state(self, units):
        """(units in the chosen state, that state), or (units, None) when none is chosen."""
        if self.is_valid() and self.cleaned_data["state"]:
            state = self.cleaned_data["state"]
            return units.filter(state=state), state
        return units, None


class AssignForm(forms.Form):
    """Give the selected units, or a whole group, to one reviewer (or take them back)."""

    reviewer = forms.ChoiceField(label=_("Reviewer"), widget=QuickSelect)
    units = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False)
    group = forms.ModelChoiceField(
        label=_("Whole group"),
        queryset=UnitGroup.objects.all(),
        required=False,
        empty_label=_("Selected rows only"),
        widget=QuickSelect,
    )

    def __init__(self, *args, team=(), year=None, **kwargs):
        # Its own ids: the board's filters above it have a group and a reviewer field too.
        kwargs.setdefault("auto_id", "id_assign_%s")
        super().__init__(*args, **kwargs)
        self.team = {u.pk: u for u in team}
        self.year = year
        self.fields["reviewer"].choices = [
            ("", _("Choose a reviewer")),
            *_team_choices(team),
            (UNASSIGNED, _("Remove the assignment")),
        ]
        self.fields["units"].queryset = Unit.objects.rated_in(year)
        self.fields["reviewer"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["group"].widget.attrs["class"] = "form-select form-select-sm"

    def clean_reviewer(self):
        value = self.cleaned_data["reviewer"]
        return None if value == UNASSIGNED else self.team[int(value)]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("group"):
            data["units"] = list(Unit.objects.rated_in(self.year).filter(group=data["group"]))
        if not data.get("units"):
            raise forms.ValidationError(_("Tick the units to assign, or choose a whole group."))
        return data


class ReviewScoreForm(forms.Form):
    """A criterion's review score and comment; the narrative is the unit's and is not here.
    The score is read and checked like the unit's self-score (the same field): an invalid one
    is the form's error (422), never a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    review_comment = limits.TextFormField(
        label=_("Review comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=limits.TEXT,
    )

    def __init__(self, *args, criterion=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_score"] = NumberField(
            label=_("Review score"),
            minimum=Decimal("0"),
            maximum=criterion.max_points if criterion is not None else None,
            step=STEP,
        )

    def bases(self, names):
        return read_bases(self, names)


class DecisionForm(forms.Form):
    ACTIONS = ["start", "return", "accept", "reopen", "flag"]

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    comment = limits.TextFormField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=limits.TEXT
    )
