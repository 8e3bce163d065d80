"""The form layer shared by every app."""

from django import forms


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
