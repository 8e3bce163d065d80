"""The campaign period summary counts what the database holds, on the page and in the .docx."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from campaigns.models import Award, CampaignPeriod, TypicalExample
from tests.campaigns.conftest import make_model
from tests.conftest import login


@pytest.fixture
def period(db):
    return CampaignPeriod.objects.create(
        code="2021-2023", name="Sơ kết 3 năm", kind="interim", start_year=2021, end_year=2023
    )


@pytest.fixture
def seeded(period, unit_a, unit_b):
    recognised = {"status": "recognised", "recognised_on": date(2022, 6, 1)}
    make_model(unit_a, "M1", year=2021, **recognised, recognition_level="province")
    make_model(unit_b, "M2", year=2022, **recognised, recognition_level="province")
    make_model(
        unit_b,
        "M3",
        year=2022,
        field="culture_society",
        **recognised,
        recognition_level="commune",
    )
    make_model(unit_a, "M4", year=2023, field="culture_society")
    make_model(
        unit_a,
        "Ngoài giai đoạn",
        year=2024,
        status="recognised",
        recognised_on=date(2024, 8, 1),
        recognition_level="central",
    )
    for day, kind, pick in [
        (date(2021, 3, 1), "person", True),
        (date(2021, 3, 2), "collective", True),
        (date(2023, 5, 1), "person", False),
        (date(2024, 1, 1), "person", True),
    ]:
        TypicalExample.objects.create(
            unit=unit_a,
            kind=kind,
            name="Điển hình",
            level="unit",
            commended_on=day,
            reason="Tốt",
            is_monthly_pick=pick,
        )
    award = {"recipient_type": "unit", "decision_date": date(2022, 12, 1), "issuer": "UBND"}
    Award.objects.create(
        kind="province_chair_merit", unit=unit_a, decision_number="1", year=2021, **award
    )
    Award.objects.create(
        kind="province_chair_merit", unit=unit_b, decision_number="2", year=2021, **award
    )
    Award.objects.create(kind="certificate", unit=unit_b, decision_number="3", year=2023, **award)
    Award.objects.create(kind="certificate", unit=unit_b, decision_number="4", year=2019, **award)
    Award.objects.create(
        kind="emulation_flag", unit=unit_a, decision_number="5/QĐ-UBND", period=period, **award
    )
    return period


def _table(document, first_header):
    for table in document.tables:
        if table.rows[0].cells[0].text == first_header:
            return [[cell.text for cell in row.cells] for row in table.rows]
    raise AssertionError(f"no table starting with {first_header}")


def test_docx_summary_holds_the_right_counts(client, rita, seeded):
    response = login(client, rita).get(reverse("campaigns:period_docx", args=[seeded.pk]))
    assert response.status_code == 200
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Sơ kết phong trào thi đua “Dân vận khéo” giai đoạn 2021-2023" in text
    assert "Sơ kết 3 năm." in text

    fields = _table(document, "Lĩnh vực")
    assert fields[0][1:] == [
        "Công nhận cấp đơn vị",
        "Công nhận cấp xã",
        "Công nhận cấp tỉnh",
        "Công nhận trung ương",
        "Chưa công nhận",
        "Tổng số",
    ]
    rows = {row[0]: row[1:] for row in fields[1:]}
    assert rows["Kinh tế"] == ["0", "0", "2", "0", "0", "2"]
    assert rows["Văn hóa - xã hội"] == ["0", "1", "0", "0", "1", "2"]
    assert rows["Tổng cộng"] == ["0", "1", "2", "0", "1", "4"]

    years = _table(document, "Năm")
    assert years[1:] == [["2021", "1", "0"], ["2022", "2", "3"], ["2023", "1", "0"]]

    examples = [t for t in document.tables if t.rows[0].cells[1].text == "Tập thể"][0]
    assert [[c.text for c in r.cells] for r in examples.rows][1:] == [
        ["2021", "1", "1", "2"],
        ["2022", "0", "0", "0"],
        ["2023", "0", "1", "0"],
    ]
    awards = [
        t
        for t in document.tables
        if t.rows[0].cells[-1].text == "Tổng số" and t.rows[0].cells[0].text == "Năm"
    ][0]
    totals = {r.cells[0].text: r.cells[-1].text for r in awards.rows[1:]}
    assert totals == {"2021": "2", "2022": "0", "2023": "1"}
    period_awards = _table(document, "Hình thức")
    assert len(period_awards) == 2 and period_awards[1][0] == "Cờ thi đua"
    assert "5/QĐ-UBND ngày 01/12/2022" in period_awards[1][3]


def test_summary_page_shows_the_same_counts(client, rita, seeded):
    response = login(client, rita).get(reverse("campaigns:period_detail", args=[seeded.pk]))
    summary = response.context["summary"]
    assert summary["models_by_field"][-1]["total"] == 4
    assert [r["awards"]["total"] for r in summary["per_year"]] == [2, 0, 1]
    assert [a.decision_number for a in summary["period_awards"]] == ["5/QĐ-UBND"]
    assert "Sơ kết 3 năm" in response.content.decode()


def test_admin_creates_a_period_and_bad_ranges_are_refused(client, adam):
    login(client, adam)
    data = {
        "code": "2025-2030",
        "name": "Tổng kết",
        "kind": "final",
        "start_year": 2030,
        "end_year": 2025,
    }
    response = client.post(reverse("campaigns:period_create"), data)
    assert "Năm kết thúc trước năm bắt đầu" in response.content.decode()
    data.update(start_year=2025, end_year=2030)
    assert client.post(reverse("campaigns:period_create"), data).status_code == 302
    assert CampaignPeriod.objects.get().years == [2025, 2026, 2027, 2028, 2029, 2030]
