"""One way to write a number or a date: danvan/formats.py and its template filters."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template

from danvan import formats


def test_decimal_comma_always_two_places():
    assert formats.decimal(Decimal("95.60")) == "95,60"
    assert formats.decimal(Decimal("9.8")) == "9,80"
    assert formats.decimal(Decimal("88.25")) == "88,25"
    assert formats.decimal(Decimal("10")) == "10,00"
    assert formats.decimal(Decimal("1.005")) == "1,01"
    assert formats.decimal(Decimal("-2.50")) == "-2,50"
    assert formats.decimal(95.6) == "95,60"


def test_decimal_groups_thousands_with_a_dot_except_for_inputs():
    assert formats.decimal(Decimal("1250.50")) == "1.250,50"
    assert formats.decimal(Decimal("1250.50"), grouping=False) == "1250,50"


def test_blank_values_print_nothing():
    for helper in (formats.decimal, formats.count, formats.amount, formats.percent):
        assert helper(None) == ""
    assert formats.short_date(None) == formats.long_date(None) == formats.short_datetime(None) == ""


def test_count_has_no_decimals():
    assert formats.count(Decimal("48.00")) == "48"
    assert formats.count(1250) == "1.250"


def test_amount_in_dong():
    assert formats.amount(15000000) == "15.000.000 đồng"
    assert formats.amount(Decimal("500")) == "500 đồng"


def test_percent_of_a_ratio():
    assert formats.percent(Decimal("0.200")) == "20%"
    assert formats.percent(Decimal("0.125")) == "12,5%"
    assert formats.percent_number(Decimal("0.200")) == "20"


def test_dates_short_and_long():
    day = datetime.date(2026, 12, 2)
    assert formats.short_date(day) == "02/12/2026"
    assert formats.long_date(day) == "ngày 02 tháng 12 năm 2026"


def test_datetimes_are_local_never_utc(settings):
    settings.TIME_ZONE = "Asia/Ho_Chi_Minh"
    # 20:30 UTC on 1 December is 03:30 on 2 December in Hà Nội.
    at = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=ZoneInfo("UTC"))
    assert formats.short_date(at) == "02/12/2026"
    assert formats.short_datetime(at) == "02/12/2026 03:30"
    assert formats.long_date(at) == "ngày 02 tháng 12 năm 2026"


def test_template_filters_need_no_load(settings):
    at = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=ZoneInfo("UTC"))
    text = Template(
        "{{ s|vn_decimal }}|{{ n|vn_count }} thủ tục|{{ m|vn_amount }}|{{ r|vn_percent }}|"
        "{{ at|vn_date }}|{{ at|vn_datetime }}|{{ at|vn_long_date }}|"
        "{{ none|vn_decimal|default:'—' }}"
    ).render(
        Context(
            {
                "s": Decimal("95.60"),
                "n": Decimal("48.00"),
                "m": 15000000,
                "r": Decimal("0.2"),
                "at": at,
                "none": None,
            }
        )
    )
    assert text == (
        "95,60|48 thủ tục|15.000.000 đồng|20%|02/12/2026|02/12/2026 03:30|"
        "ngày 02 tháng 12 năm 2026|—"
    )


def test_xlsx_tables_hold_numbers_and_dates_with_number_formats():
    from io import BytesIO

    from openpyxl import load_workbook

    from danvan.xlsx_writer import Column, Table, xlsx_bytes

    columns = [
        Column("Tên"),
        Column("Tổng"),
        Column("Điểm tròn"),
        Column("Số lượt", kind="count"),
        Column("Kinh phí", kind="amount"),
        Column("Ngày"),
        Column("Lúc"),
    ]
    at = datetime.datetime(2026, 12, 1, 20, 30, tzinfo=ZoneInfo("UTC"))
    row = ["A", Decimal("95.60"), Decimal("90.00"), 48, 15000000, datetime.date(2026, 12, 2), at]
    sheet = load_workbook(BytesIO(xlsx_bytes(Table("x", columns, [row])))).active
    cells = sheet[2]
    assert [c.value for c in cells[:5]] == ["A", 95.6, 90.0, 48, 15000000]
    assert cells[6].value == datetime.datetime(2026, 12, 2, 3, 30)
    assert [c.number_format for c in cells[1:]] == [
        "#,##0.00",
        "#,##0.00",
        "#,##0",
        '#,##0 "đồng"',
        "dd/mm/yyyy",
        "dd/mm/yyyy hh:mm",
    ]
