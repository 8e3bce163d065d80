"""How long a text and how large a request may be: one place for every field and form.

A free-text field without a maximum lets one person save megabytes (a 5 MB narrative makes the
report and review pages weigh more than the network of a commune office can carry). Every model
text field takes its `max_length` from here, every form shows it (the `maxlength` attribute and
a "Tối đa ... ký tự" hint) and refuses more with the count typed, and request bodies are bounded
so the server never reads a body larger than the largest legitimate form.

Knows no model; settings import the request bounds from here.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan import formats

# Free text, in characters (what a person types, whatever the bytes).
NAME = 255  # a name, a title, a number or a short label on one line
SHORT_TEXT = 2_000  # a reason, a comment, a note: a paragraph or two
TEXT = 5_000  # a description: goals, results, a decision's grounds
NARRATIVE = 20_000  # what a unit did under one criterion: about eight pages
SEARCH = 200  # a search box

# Request bodies, in bytes. The largest form without a file is the unit's whole report posted at
# once: nine narratives and the general part, each at its maximum, URL-encoded (a Vietnamese
# letter is up to 3 bytes of UTF-8, 9 characters once percent-encoded): about 2 MB.
DATA_UPLOAD_MAX_BYTES = 4 * 1024 * 1024
# A form with a file carries one file (evidence or an import) of at most 20 MB by default, which
# the form refuses with its own message when it is larger; a body of twice that is cut off
# before it is read.
FILE_REQUEST_FACTOR = 2


@deconstructible
class MaxLength(MaxLengthValidator):
    """Django's maximum, told in Vietnamese with the count: "Tối đa 20.000 ký tự (đã nhập
    25.310)"."""

    message = _("At most %(limit)s characters (%(count)s typed).")

    def __call__(self, value):
        count = self.clean(value)
        if self.compare(count, self.limit_value):
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit": formats.count(self.limit_value), "count": formats.count(count)},
            )


def _hint(limit):
    return _("At most %(limit)s characters.") % {"limit": formats.count(limit)}


# The line under a field saying how much it takes, read when the form is drawn.
hint = lazy(_hint, str)


def check(value, limit):
    """For a text read outside a form (a comment posted with a button): raises ValidationError
    with the Vietnamese message when `value` is longer than `limit`."""
    MaxLength(limit)(value or "")


class TextFormField(forms.CharField):
    """A free-text form field with its maximum: refused above it with the count typed, and
    stated under the field ("Tối đa 20.000 ký tự.", and "còn N ký tự" while typing, see
    static/js/app.js). The browser's own `maxlength` is left out on purpose: it cuts a pasted
    text silently, and a person must never lose what was typed; the server refuses instead,
    and autosave keeps the text and says why next to the field."""

    def __init__(self, *, max_length, show_hint=True, **kwargs):
        super().__init__(max_length=max_length, **kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]
        self.validators.append(MaxLength(max_length))
        if show_hint:
            self.help_text = (
                format_lazy("{} {}", self.help_text, hint(max_length))
                if self.help_text
                else hint(max_length)
            )

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        attrs["data-maxlength"] = str(self.max_length)
        # Near and past the maximum, static/js/app.js says how much is left or too much.
        attrs["data-chars-left"] = _("{n} characters left")
        attrs["data-chars-over"] = _("{n} characters too many: shorten the text to save it")
        return attrs


class TextField(models.TextField):
    """A model's free text with its maximum (`max_length`, one of the sizes above); its form
    field is a TextFormField. The database does not enforce it; the forms do."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": TextFormField, **kwargs})
