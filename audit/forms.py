from django import forms
from django.utils.translation import gettext_lazy as _

from danvan import limits
from danvan.forms import FilterForm

from .models import Action


class AuditFilterForm(FilterForm):
    search_placeholder = _("User or object")
    q = forms.CharField(label=_("User or object"), required=False, max_length=limits.SEARCH)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *Action.choices]

    def filter(self, entries):
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["q"]:
            # The action's name as the page shows it ("Thay đổi điểm") finds its entries too.
            needle = data["q"].strip().lower()
            actions = [code for code, label in Action.choices if needle in str(label).lower()]
            entries = (
                entries.filter(username__icontains=data["q"])
                | entries.filter(object_repr__icontains=data["q"])
                | entries.filter(action__in=actions)
            )
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
        return entries
