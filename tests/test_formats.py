"""One way to write a number or a date: danvan/formats.py and its template filters."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template
from openpyxl import Workbook

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


def test_xlsx_cells_hold_numbers_with_number_formats():
    sheet = Workbook().active
    total = formats.xlsx_cell(sheet["A1"], Decimal("95.60"))
    whole = formats.xlsx_cell(sheet["A2"], Decimal("90.00"))
    money = formats.xlsx_cell(sheet["A3"], 15000000, "amount")
    day = formats.xlsx_cell(sheet["A4"], datetime.date(2026, 12, 2))
    at = formats.xlsx_cell(
        sheet["A5"], datetime.datetime(2026, 12, 1, 20, 30, tzinfo=ZoneInfo("UTC"))
    )
    assert (total.value, total.number_format) == (95.6, "#,##0.00")
    assert (whole.value, whole.number_format) == (90.0, "#,##0.00")
    assert money.number_format == '#,##0 "đồng"'
    assert day.number_format == "dd/mm/yyyy"
    assert at.value == datetime.datetime(2026, 12, 2, 3, 30)
    assert at.number_format == "dd/mm/yyyy hh:mm"


def test_xlsx_rows_in_write_only_sheets_carry_formats():
    from io import BytesIO

    from openpyxl import load_workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("x")
    formats.xlsx_row(sheet, ["A", Decimal("95.60"), 48, datetime.date(2026, 12, 2)], {2: "count"})
    buffer = BytesIO()
    book.save(buffer)
    row = load_workbook(BytesIO(buffer.getvalue())).active[1]
    assert [c.value for c in row[:3]] == ["A", 95.6, 48]
    assert [c.number_format for c in row[1:]] == ["#,##0.00", "#,##0", "dd/mm/yyyy"]
