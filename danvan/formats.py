"""How the portal writes numbers and dates: the Vietnamese way, in one place.

Pages (through the `vn` template filters), Excel cells and Word documents all use these, so a
score reads "9,80", a total "95,60", a count "48", an amount "15.000.000 đồng" and a date
"02/12/2026" or "ngày 02 tháng 12 năm 2026" wherever it appears. The rule for decimals: a comma
before the decimals, a dot between thousands, and scores and totals always with two decimals
("95,60", "10,00"), as the province's decisions print them; a percentage drops trailing zeros
("20%", "12,5%").
Datetimes are shown in the portal's time zone (settings.TIME_ZONE), never in UTC.

The portal is a Vietnamese administration's: numbers keep this form in the English interface
too, as they do in the decisions it prints. Knows no model.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

DECIMAL_PLACES = 2
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
CURRENCY = "đồng"

# Excel number formats: the cell holds a real number, Excel draws it with the reader's
# separators (a Vietnamese Excel shows "95,60" and "15.000.000").
XLSX_INTEGER = "#,##0"
XLSX_DECIMAL = "#,##0.00"
XLSX_AMOUNT = '#,##0 "đồng"'
XLSX_DATE = "dd/mm/yyyy"
XLSX_DATETIME = "dd/mm/yyyy hh:mm"


def _decimal(value):
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _group(digits):
    """ "15000000" -> "15.000.000"."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return THOUSAND_SEPARATOR.join(parts)


def _write(number, places, grouping, trim=False):
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    text = _group(whole) if grouping else whole
    if fraction:
        text += DECIMAL_SEPARATOR + fraction
    return sign + text


def decimal(value, grouping=True):
    """A score, total or measure: 95.6 -> "95,60", 9.8 -> "9,80", 1250.5 -> "1.250,50",
    10 -> "10,00". None (or text that is no number) is "". `grouping=False` is for inputs."""
    number = _decimal(value)
    return "" if number is None else _write(number, DECIMAL_PLACES, grouping)


def measure(value):
    """An indicator's figure, as the unit typed it: 48 -> "48", 12.5 -> "12,5", 1250 ->
    "1.250"; never "48,00 thủ tục"."""
    number = _decimal(value)
    return "" if number is None else _write(number, DECIMAL_PLACES, True, trim=True)


def count(value):
    """A number of things, without decimals: 48.00 -> "48", 1250 -> "1.250"."""
    number = _decimal(value)
    return "" if number is None else _write(number, 0, True)


def amount(value):
    """A sum of money in đồng: 15000000 -> "15.000.000 đồng"."""
    text = count(value)
    return f"{text} {CURRENCY}" if text else ""


def percent(ratio):
    """A share stored as a ratio, as people say it: 0.200 -> "20%", 0.125 -> "12,5%"."""
    text = percent_number(ratio)
    return f"{text}%" if text else ""


def percent_number(ratio):
    """A ratio as the number of per cent an input shows: 0.200 -> "20", 0.125 -> "12,5"."""
    number = _decimal(ratio)
    return "" if number is None else _write(number * 100, DECIMAL_PLACES, False, trim=True)


def local_date(value):
    """The calendar day of `value` in the portal's time zone (a date stays itself)."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def short_date(value):
    """ "02/12/2026"; None is ""."""
    day = local_date(value)
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def short_datetime(value):
    """ "02/12/2026 14:05", in local time; a plain date prints as short_date."""
    if value is None:
        return ""
    if not isinstance(value, datetime.datetime):
        return short_date(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{short_date(value)} {value.hour:02d}:{value.minute:02d}"


def long_date(value):
    """ "ngày 02 tháng 12 năm 2026", as documents write a date; None is ""."""
    day = local_date(value)
    if day is None:
        return ""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def display(value):
    """Any table cell as text: a whole count (an int) as `count`, other numbers as `decimal`,
    dates and datetimes short, the rest as is."""
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int):
        return count(value)
    if isinstance(value, float | Decimal):
        return decimal(value)
    if isinstance(value, datetime.datetime):
        return short_datetime(value)
    if isinstance(value, datetime.date):
        return short_date(value)
    return str(value)


def xlsx_value(value):
    """`value` as an Excel cell holds it: Decimals as floats, aware datetimes as local naive
    ones (Excel has no time zones). Other values unchanged."""
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(timezone.localtime(value))
    return value


def xlsx_format(value, kind="decimal"):
    """The Excel number format for `value` of `kind` ("decimal", "count", "amount"): a Python
    int of the default kind is a count, so Excel draws "48", and a score "90,00"."""
    if isinstance(value, datetime.datetime):
        return XLSX_DATETIME
    if isinstance(value, datetime.date):
        return XLSX_DATE
    if kind == "amount":
        return XLSX_AMOUNT
    if kind == "count" or isinstance(value, int):
        return XLSX_INTEGER
    return XLSX_DECIMAL
