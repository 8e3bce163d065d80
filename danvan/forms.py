"""The form layer shared by every app."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


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
