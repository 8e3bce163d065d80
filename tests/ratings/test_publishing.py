"""Publishing a run as the decision, its frozen state, versions, the .docx and the .xlsx."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from criteria.models import ClassTier
from danvan.office import soffice_path
from ratings import services
from ratings.models import Decision, DecisionFrozen
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit

FORM = {
    "number": "125/QĐ-UBND",
    "date": "2026-12-28",
    "place": "Đồng Nai",
    "issuing_body": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
    "signing_form": "tm",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
}


@pytest.fixture
def year_with_results(criteria_set, group_departments, group_communes):
    reports = {}
    for code, total, group in (
        ("SNV", 96, group_departments),
        ("STP", 84, group_departments),
        ("STC", 66, group_departments),
        ("XA1", 91, group_communes),
    ):
        unit = make_unit(code, group, name=f"Đơn vị {code}")
        reports[code] = accepted_report(unit, criteria_set, total)
    make_unit("XA2", group_communes, name="Đơn vị XA2")
    return reports


def _publish(client, run, **changes):
    """The decision's fields, confirmed as final on the preview step."""
    data = FORM | changes | {"step": "confirm", "final": "on"}
    return client.post(reverse("ratings:publish", args=[run.pk]), data)


def test_admin_publishes_a_run_and_it_is_frozen(client, adam, criteria_set, year_with_results):
    run = services.run_now(criteria_set.year)
    response = _publish(login(client, adam), run)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.run, decision.version, decision.number) == (run, 1, "125/QĐ-UBND")
    assert decision.date == date(2026, 12, 28)

    again = _publish(client, run, number="126/QĐ-UBND")
    assert again.status_code == 302
    assert Decision.objects.count() == 1
    decision.number = "999/QĐ-UBND"
    with pytest.raises(DecisionFrozen):
        decision.save()
    with pytest.raises(DecisionFrozen):
        decision.delete()


def test_lead_may_not_publish(client, lena, criteria_set, year_with_results):
    run = services.run_now(criteria_set.year)
    assert _publish(login(client, lena), run).status_code == 403
    assert not Decision.objects.exists()


def test_changed_scores_make_the_decision_out_of_date_until_a_new_version(
    client, adam, criteria_set, year_with_results
):
    run = services.run_now(criteria_set.year)
    _publish(login(client, adam), run)
    url = reverse("ratings:year", args=[criteria_set.year])
    assert 'id="out-of-date"' not in client.get(url).content.decode()

    score = year_with_results["STP"].scores.get(criterion__number=1)
    score.review_score = 0
    score.save()
    page = client.get(url).content.decode()
    assert 'id="out-of-date"' in page and "báo cáo hoặc điểm đã thay đổi" in page

    newer = services.run_now(criteria_set.year)
    page = client.get(url).content.decode()
    assert "lần chạy mới hơn cho kết quả khác" in page
    _publish(client, newer, number="130/QĐ-UBND")
    second = Decision.objects.get(version=2)
    assert second.run == newer
    assert 'id="out-of-date"' not in client.get(url).content.decode()
    # The first decision still points at its own, unchanged run.
    assert Decision.objects.get(version=1).run == run


def test_changed_rules_make_the_decision_out_of_date(client, adam, criteria_set, year_with_results):
    _publish(login(client, adam), services.run_now(criteria_set.year))
    ClassTier.objects.filter(criteria_set=criteria_set, code="good").update(min_total=85)
    page = client.get(reverse("ratings:year", args=[criteria_set.year])).content.decode()
    assert "quy tắc xếp loại của năm đã thay đổi" in page


def test_decision_docx_in_the_nd30_layout(client, adam, criteria_set, year_with_results):
    run = services.run_now(criteria_set.year)
    _publish(login(client, adam), run)
    decision = Decision.objects.get()
    response = client.get(reverse("ratings:decision_docx", args=[decision.pk]))
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "QUYẾT ĐỊNH" in text
    assert f"Về việc xếp loại công tác dân vận chính quyền năm {criteria_set.year}" in text
    assert "Điều 1." in text and "Điều 2." in text and "Điều 3." in text
    assert any("TM. ỦY BAN NHÂN DÂN" in c and "CHỦ TỊCH" in c for c in cells)
    assert any("Nơi nhận:" in c for c in cells)
    assert "Số: 125/QĐ-UBND" in "\n".join(cells)
    assert "PHỤ LỤC" in text
    appendix = document.tables[-1]
    rows = [[c.text for c in row.cells] for row in appendix.rows]
    assert rows[0][:4] == ["STT", "Tên cơ quan, đơn vị", "Tổng điểm", "Xếp loại"]
    assert rows[1][:4] == ["1", "Đơn vị XA1", "91,00", "Xuất sắc"]
    assert rows[2][1:4] == ["Đơn vị XA2", "", "Không xếp loại"]
    departments = [[c.text for c in row.cells] for row in document.tables[-2].rows]
    assert [r[1] for r in departments[1:]] == ["Đơn vị SNV", "Đơn vị STP", "Đơn vị STC"]
    assert [r[3] for r in departments[1:]] == ["Xuất sắc", "Tốt", "Trung bình"]


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_decision_pdf_is_made_on_the_worker_with_progress_on_the_page(
    client, adam, criteria_set, year_with_results, django_capture_on_commit_callbacks
):
    """Issue 16 item 4: the page shows the progress while the worker converts; polling says
    when it is done; the same decision is converted once."""
    from documents.models import PdfCopy

    _publish(login(client, adam), services.run_now(criteria_set.year))
    url = reverse("ratings:decision_pdf", args=[Decision.objects.get().pk])
    with django_capture_on_commit_callbacks(execute=True) as sent:
        page = client.get(url)
        assert page["Content-Type"].startswith("text/html")
        html = page.content.decode()
        assert 'id="pdf-progress"' in html and "Đang chuẩn bị bản PDF" in html
        waiting = client.get(url, HTTP_ACCEPT="application/json").json()
        assert waiting["finished"] is False and waiting["status"] == "queued"
    assert len(sent) == 1
    done = client.get(url, HTTP_ACCEPT="application/json").json()
    assert done["finished"] is True and done["redirect"] == url
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert PdfCopy.objects.count() == 1 and PdfCopy.objects.get().status == "done"


def test_xlsx_has_a_sheet_per_group_and_one_of_all_scores(
    client, lena, criteria_set, year_with_results
):
    run = services.run_now(criteria_set.year)
    response = login(client, lena).get(reverse("ratings:export_xlsx", args=[run.pk]))
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "Khối sở, ban, ngành",
        "Khối xã, phường",
        "Điểm từng tiêu chí",
    ]
    departments = list(book["Khối sở, ban, ngành"].iter_rows(min_row=3, values_only=True))
    assert [(r[1], r[3], r[4]) for r in departments] == [
        ("SNV", 96, "Xuất sắc"),
        ("STP", 84, "Tốt"),
        ("STC", 66, "Trung bình"),
    ]
    scores = list(book["Điểm từng tiêu chí"].iter_rows(values_only=True))
    assert scores[0][3:12] == tuple(f"Tiêu chí {n}" for n in range(1, 10))
    snv = next(r for r in scores if r[1] == "SNV")
    assert sum(snv[3:12]) == 96
    assert next(r for r in scores if r[1] == "XA2")[-1] == "Không xếp loại"
