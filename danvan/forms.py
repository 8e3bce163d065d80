"""The form layer shared by every app."""

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


def _attrs(attrs):
    """A widget's attributes as Django's `attrs.html` writes them (True: bare, False: left out)."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class QuickSelect(forms.Select):
    """A `Select` that writes the markup of Django's select templates in Python.

    The templates include a template per option, about 60 microseconds each: a page with a few
    selects of some twenty options (the review board's filters and assign form) spent longer
    on them than on its fifty rows. Same context (`get_context`), same markup but for blank
    lines between options."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _attrs(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append(mark_safe("\n  </optgroup>"))
        parts.append(mark_safe("\n</select>"))
        return mark_safe("".join(parts))


class QuickInputMixin:
    """An `Input` that writes the markup of Django's `input.html` (with `attrs.html`) in Python.

    The report form has some fifty inputs and textareas; their templates (an include of
    `attrs.html` each, a loop over the attributes) were the larger part of rendering the form.
    Same context (`get_context`), same markup byte for byte (tests/test_quick_select.py)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else format_html(' value="{}"', str(widget["value"]))
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            shown,
            _attrs(widget["attrs"]),
        )


class QuickTextInput(QuickInputMixin, forms.TextInput):
    pass


class QuickDateInput(QuickInputMixin, forms.DateInput):
    pass


class QuickTextarea(forms.Textarea):
    """A `Textarea` that writes the markup of Django's `textarea.html` in Python (see
    `QuickInputMixin`)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            widget["name"],
            _attrs(widget["attrs"]),
            widget["value"] or "",
        )


class FilterForm(forms.Form):
    """A list page's filters, shown by templates/filter_form.html with a visible label on each.

    Each widget gets Bootstrap's class for its kind, the search box (`q`) is a search field with
    the page's hint (`search_placeholder`), so no list page styles or labels its filters itself.
    """

    search_placeholder = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css
        if "q" in self.fields:
            self.fields["q"].widget.input_type = "search"
            if self.search_placeholder:
                self.fields["q"].widget.attrs["placeholder"] = self.search_placeholder


class ImportForm(forms.Form):
    """The upload of every import kind's page."""

    # Empty files reach the reader, which says what to do (and the history records them).
    file = forms.FileField(
        allow_empty_file=True,
        label=_("Excel file (.xlsx)"),
        help_text=_("The first sheet with a header row naming the columns below is read."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB. Split it into smaller files.")
                % {"mb": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        return upload
