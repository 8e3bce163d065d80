"""danvan.forms.QuickSelect writes the markup of Django's select templates, in Python."""

import re

from django import forms

from danvan.forms import QuickDateInput, QuickSelect, QuickTextarea, QuickTextInput

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


class Inputs(forms.Form):
    django_text = forms.CharField(required=False)
    quick_text = forms.CharField(required=False, widget=QuickTextInput)
    django_date = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    quick_date = forms.DateField(
        required=False, widget=QuickDateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    django_area = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 6}))
    quick_area = forms.CharField(required=False, widget=QuickTextarea(attrs={"rows": 6}))


def test_inputs_and_textareas_write_djangos_markup():
    """Empty, unbound, and values that need escaping; attributes bare, left out and numbers."""
    texts = ["", "7,5", 'Tên <b>"&"</b>\nhai dòng', "\n  lề đầu"]
    for data in [
        None,
        {},
        *({f"{k}_{n}": t for k in ("django", "quick") for n in ("text", "area")} for t in texts),
        {"django_date": "2026-12-04", "quick_date": "2026-12-04"},
    ]:
        form = Inputs(data, initial={"django_text": 0, "quick_text": 0})
        for field in form.fields.values():
            field.widget.attrs.update(
                {"class": "form-control", "required": True, "data-x": False, "maxlength": 20}
            )
        for kind in ("text", "date", "area"):
            quick = str(form[f"quick_{kind}"]).replace(f"quick_{kind}", "X")
            assert quick == str(form[f"django_{kind}"]).replace(f"django_{kind}", "X")
    assert "&lt;b&gt;&quot;&amp;&quot;" in str(
        Inputs({"quick_text": 'Tên <b>"&"</b>'})["quick_text"]
    )
