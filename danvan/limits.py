"""How long a text and how large a request may be: one place for every field and form.

A free-text field without a maximum lets one person save megabytes (a 5 MB narrative makes the
report and review pages weigh more than the network of a commune office can carry). Every model
text field takes its `max_length` from here, every form shows it (the `maxlength` attribute and
a "Tối đa ... ký tự" hint) and refuses more with the count typed, and request bodies are bounded
so the server never reads a body larger than the largest legitimate form.

Knows no model; settings import the request bounds from here.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
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


def hint(limit):
    """The line under a field saying how much it takes."""
    return _("At most %(limit)s characters.") % {"limit": formats.count(limit)}
