"""danvan.forms.QuickSelect writes the markup of Django's select templates, in Python."""

import re

from django import forms

from danvan.forms import QuickSelect

CHOICES = [("", "Tất cả <khối>"), ("1", 'Một "&"'), ("Nhóm", [("2", "Hai"), ("3", "Ba")])]


class Both(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False)
    quick = forms.ChoiceField(choices=CHOICES, required=False, widget=QuickSelect)


def markup(form, name):
    """The field's HTML with its own name and id taken out, and without blank lines."""
    html = str(form[name]).replace(f'"{name}"', '"X"').replace(f'"id_{name}"', '"X"')
    return re.sub(r"\n\s*\n", "\n", html)


def test_the_markup_is_djangos_with_or_without_a_choice():
    for data in ({"django": "2", "quick": "2"}, {}):
        form = Both(data)
        for field in form.fields.values():
            field.widget.attrs.update({"class": "form-select", "disabled": True, "data-x": False})
        assert markup(form, "quick") == markup(form, "django")
    assert '<option value="2" selected>Hai</option>' in str(Both({"quick": "2"})["quick"])
    assert "&lt;khối&gt;" in str(Both()["quick"]) and "disabled" not in str(Both()["quick"])
