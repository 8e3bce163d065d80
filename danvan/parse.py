"""Reading what people type. Knows no model.

A number is read the one Vietnamese way, in every form: a comma before the decimals, dots
grouping thousands ("1.250.000,5"), an optional minus, and nothing else. Python's own readers
take more than that ("1e1", "1_0", full-width "５", Arabic-Indic "٣", "NaN"): none of it is a
number a person in the portal means, so none of it gets in.
"""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# [0-9], not \d: \d also matches full-width and other scripts' digits.
_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?")
# Longer than any number a form holds (14 digits with their dots and decimals).
MAX_CHARS = 40


def parse_number(text):
    """The Decimal a Vietnamese user wrote ("7,5", "1.250"); None when blank. Raises
    ValidationError (code "invalid") for anything else."""
    text = (text or "").strip()
    if not text:
        return None
    if len(text) > MAX_CHARS or not _NUMBER.fullmatch(text):
        raise ValidationError(_("Enter a number, e.g. 7,5."), code="invalid")
    return Decimal(text.replace(".", "").replace(",", "."))
