"""A set as .xlsx: export then import into another year gives an equal set; a bad file writes
nothing and names each bad row and column."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from audit.models import Action, AuditEntry
from criteria.models import CriteriaSet, CriterionItem
from tests.conftest import login


def snapshot(criteria_set):
    """Everything of a set that does not depend on its year or its row ids."""
    fields = [
        "total_points",
        "bonus_per_model",
        "bonus_max",
        "bonus_min_level",
        "late_penalty",
        "veto_min_ratio",
        "quota_ratio",
        "quota_min",
        "legal_basis",
    ]
    return {
        "set": {f: getattr(criteria_set, f) for f in fields},
        "deadlines": (
            criteria_set.submission_deadline.replace(year=2000),
            criteria_set.review_deadline.replace(year=2000),
        ),
        "criteria": list(
            criteria_set.criteria.values_list("number", "title", "max_points", "guidance", "order")
        ),
        "items": list(
            CriterionItem.objects.filter(criterion__criteria_set=criteria_set)
            .order_by("criterion__number", "order")
            .values_list("criterion__number", "label", "title", "max_points", "order")
        ),
        "tiers": list(
            criteria_set.tiers.values_list(
                "code", "name", "min_total", "order", "is_top", "is_violation_cap"
            )
        ),
        "indicators": list(
            criteria_set.indicators.values_list(
                "code",
                "name",
                "unit_of_measure",
                "criterion__number",
                "kind",
                "min_value",
                "max_value",
                "required",
                "order",
            )
        ),
        "rules": list(
            criteria_set.rules.order_by("pk").values_list(
                "left_codes",
                "operator",
                "right_codes",
                "right_constant",
                "tolerance",
                "criterion__number",
                "score_above",
                "message",
            )
        ),
    }


def _export(client, criteria_set):
    response = client.get(reverse("criteria:export", kwargs={"year": criteria_set.year}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def _import(client, content, year, name="bo-tieu-chi.xlsx"):
    upload = SimpleUploadedFile(name, content)
    return client.post(reverse("criteria:import"), {"file": upload, "year": year})


def _edited(content, edit):
    workbook = load_workbook(BytesIO(content))
    edit(workbook)
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


@pytest.fixture
def richer_set(criteria_set):
    """The default set with sub-items, guidance and a decimal maximum, to test the round trip."""
    five = criteria_set.criteria.get(number=5)
    five.guidance = "Chấm theo tỷ lệ đơn được giải quyết đúng hạn."
    five.save()
    CriterionItem.objects.create(criterion=five, label="a)", title="Tiếp công dân", order=1)
    CriterionItem.objects.create(
        criterion=five, label="b)", title="Đối thoại", max_points="2.5", order=2
    )
    criteria_set.legal_basis = "Kế hoạch số 12/KH-UBND"
    criteria_set.quota_ratio = "0.25"
    criteria_set.save()
    criteria_set.refresh_from_db()
    return criteria_set


def test_export_then_import_into_another_year_gives_an_equal_set(client, adam, richer_set):
    login(client, adam)
    target = richer_set.year + 2
    response = _import(client, _export(client, richer_set), target)
    assert response.status_code == 302, response.context and response.context["errors"]
    imported = CriteriaSet.objects.get(year=target)
    assert snapshot(imported) == snapshot(richer_set)
    assert imported.title == richer_set.title.replace(str(richer_set.year), str(target))
    assert imported.submission_deadline.year == target
    entry = AuditEntry.objects.get(action=Action.IMPORT)
    assert entry.details["file"] == "bo-tieu-chi.xlsx" and entry.details["criteria"] == 9


def test_bad_file_writes_nothing_and_names_rows_and_columns(client, adam, criteria_set):
    login(client, adam)

    def spoil(workbook):
        criteria = workbook["Tiêu chí"]
        criteria["C3"] = "mười lăm"  # Điểm tối đa of criterion 2
        criteria["B5"] = None  # Tên tiêu chí of criterion 4
        workbook["Chỉ số"]["E2"] = 42  # no criterion 42
        workbook["Xếp loại"]["E2"] = "có lẽ"  # Loại cao nhất

    response = _import(client, _edited(_export(client, criteria_set), spoil), 2040)
    assert response.status_code == 200
    errors = response.context["errors"]
    page = response.content.decode()
    assert "Dòng 3, cột Điểm tối đa (trang Tiêu chí): Hãy nhập một số." in errors
    assert "Dòng 2, cột Loại cao nhất (trang Xếp loại): Hãy ghi “Có” hoặc “Không”." in errors
    assert all(e in page for e in errors)
    assert not CriteriaSet.objects.filter(year=2040).exists()
    assert not AuditEntry.objects.filter(action=Action.IMPORT).exists()


def test_rows_that_break_the_set_rules_write_nothing(client, adam, criteria_set):
    login(client, adam)

    def spoil(workbook):
        workbook["Tiêu chí"]["B5"] = None  # Tên tiêu chí of criterion 4
        workbook["Tiêu chí"]["C3"] = 20  # 105 points in all
        workbook["Chỉ số"]["E2"] = 42
        workbook["Kiểm tra chỉ số"]["C2"] = "khong_co"

    response = _import(client, _edited(_export(client, criteria_set), spoil), 2040)
    errors = response.context["errors"]
    assert any(e.startswith("Dòng 5, cột Tên tiêu chí (trang Tiêu chí):") for e in errors)
    assert not CriteriaSet.objects.filter(year=2040).exists()

    def spoil_rows(workbook):
        workbook["Tiêu chí"]["C3"] = 20
        workbook["Chỉ số"]["E2"] = 42
        workbook["Kiểm tra chỉ số"]["C2"] = "khong_co"
        workbook["Xếp loại"]["D3"] = 95  # Tốt above Xuất sắc

    response = _import(client, _edited(_export(client, criteria_set), spoil_rows), 2040)
    errors = response.context["errors"]
    assert any("105" in e and "100" in e for e in errors), errors
    assert any(e.startswith("Dòng 2, cột Tiêu chí (trang Chỉ số):") and "42" in e for e in errors)
    assert any(e.startswith("Dòng 2 (trang Kiểm tra chỉ số):") and "khong_co" in e for e in errors)
    assert any("Trang Xếp loại" in e and "Tốt" in e for e in errors)
    assert not CriteriaSet.objects.filter(year=2040).exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [("bo-tieu-chi.csv", b"a,b\n"), ("hong.xlsx", b"not a zip file")],
)
def test_not_an_xlsx_file(client, adam, criteria_set, name, content):
    login(client, adam)
    response = _import(client, content, 2040, name=name)
    assert response.status_code == 200
    assert "Excel .xlsx" in response.context["errors"][0]
    assert not CriteriaSet.objects.filter(year=2040).exists()


def test_missing_sheet_is_named(client, adam, criteria_set):
    login(client, adam)
    content = _edited(_export(client, criteria_set), lambda wb: wb.remove(wb["Chỉ số"]))
    response = _import(client, content, 2040)
    assert response.context["errors"] == ["Thiếu trang “Chỉ số”."]


def test_import_into_a_year_that_has_a_set_is_refused(client, adam, criteria_set):
    login(client, adam)
    response = _import(client, _export(client, criteria_set), criteria_set.year)
    assert response.status_code == 200 and response.context["form"].errors["year"]


def test_reviewer_may_export_but_not_import(client, rita, criteria_set):
    login(client, rita)
    content = _export(client, criteria_set)
    assert _import(client, content, 2040).status_code == 403


def test_a_workbook_written_before_sum_rules_still_imports(client, adam, criteria_set):
    """The rules sheet of earlier exports: four columns, "So với chỉ số" for one indicator."""
    login(client, adam)
    book = load_workbook(BytesIO(_export(client, criteria_set)))
    old = book["Kiểm tra chỉ số"]
    book.remove(old)
    sheet = book.create_sheet("Kiểm tra chỉ số")
    sheet.append(["Tổng các chỉ số", "So sánh", "So với chỉ số", "Cảnh báo"])
    sheet.append(["petitions_resolved petitions_pending", "<=", "petitions_received", "Vượt."])
    out = BytesIO()
    book.save(out)
    response = _import(client, out.getvalue(), criteria_set.year + 3)
    assert response.status_code == 302
    rule = CriteriaSet.objects.get(year=criteria_set.year + 3).rules.get()
    assert (rule.right_codes, rule.tolerance, rule.criterion, rule.message) == (
        "petitions_received",
        0,
        None,
        "Vượt.",
    )
