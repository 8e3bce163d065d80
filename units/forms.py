from django import forms
from django.utils.translation import gettext_lazy as _

from danvan import limits
from danvan.forms import FilterForm
from danvan.text import clean

from .models import UNIT_FIELDS, Unit, UnitGroup, UnitType


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = UNIT_FIELDS

    def clean_code(self):
        return clean(self.cleaned_data["code"])

    def clean_name(self):
        return clean(self.cleaned_data["name"])

    def clean(self):
        data = super().clean()
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", _("The end year is before the start year."))
        parent = data.get("parent")
        if parent and self.instance.pk:
            node = parent
            while node is not None:
                if node.pk == self.instance.pk:
                    self.add_error("parent", _("A unit cannot be placed under itself."))
                    break
                node = node.parent
        return data


class UnitFilterForm(FilterForm):
    search_placeholder = _("Search by code or name")
    q = forms.CharField(label=_("Search"), required=False, max_length=limits.SEARCH)
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = UnitGroup.objects.all()
        self.fields["type"].choices = [("", _("All types")), *UnitType.choices]
