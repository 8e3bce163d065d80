"""Template filters that write numbers and dates the Vietnamese way (see danvan/formats.py).

Loaded on every template (settings.TEMPLATES builtins):
{{ total|vn_decimal }} "95,60" · {{ figure|vn_measure }} "12,5" · {{ n|vn_count }} "48" ·
{{ budget|vn_amount }} "15.000.000 đồng" ·
{{ ratio|vn_percent }} "20%" · {{ day|vn_date }} "02/12/2026" · {{ at|vn_datetime }}
"02/12/2026 14:05" · {{ day|vn_long_date }} "ngày 02 tháng 12 năm 2026".
Each gives "" for None, so `|default:"—"` follows naturally.
"""

from django import forms, template
from django.utils.html import format_html_join

from danvan import formats, limits

register = template.Library()

register.filter("vn_decimal", formats.decimal, is_safe=True)
register.filter("vn_measure", formats.measure, is_safe=True)
register.filter("vn_count", formats.count, is_safe=True)
register.filter("vn_amount", formats.amount, is_safe=True)
register.filter("vn_percent", formats.percent, is_safe=True)
register.filter("vn_date", formats.short_date, is_safe=True, expects_localtime=False)
register.filter("vn_datetime", formats.short_datetime, is_safe=True)
register.filter("vn_long_date", formats.long_date, is_safe=True)
register.filter("vn_display", formats.display, is_safe=True)


@register.simple_tag
def text_limit_attrs(size="TEXT"):
    """The attributes of a hand-written text box with a maximum, as TextFormField gives them:
    `<textarea {% text_limit_attrs "TEXT" %}>` (no `maxlength`: it would cut a paste)."""
    field = limits.TextFormField(max_length=getattr(limits, size))
    attrs = field.widget_attrs(forms.Textarea())
    return format_html_join(" ", '{}="{}"', sorted(attrs.items()))


@register.simple_tag
def text_limit(size="TEXT"):
    """The hint under a hand-written text box: `{% text_limit "TEXT" %}` -> "Tối đa 5.000 ký
    tự." (sizes of danvan/limits.py)."""
    return limits.hint(getattr(limits, size))
