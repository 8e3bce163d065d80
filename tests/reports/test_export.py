"""The Word export in the Nghị định 30 layout, opened by LibreOffice."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from docx import Document

from danvan.office import docx_to_pdf
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(report):
    complete(report)
    report.document_number = "125/BC-SNV"
    report.place = "Đồng Nai"
    report.subject = "Kết quả công tác dân vận chính quyền năm 2026"
    report.signer_authority = "KT. GIÁM ĐỐC"
    report.signer_title = "Phó Giám đốc"
    report.signer_name = "Nguyễn Văn Bình"
    report.recipients = "Ban Dân vận Tỉnh ủy\n- Sở Nội vụ;\nLưu: VT, VP."
    report.strengths = "Lãnh đạo quan tâm sát sao."
    report.save()
    return report


def download(client, report):
    response = client.get(reverse("reports:export", args=[report.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content


def test_docx_holds_header_parts_and_signature(client, filled, alice):
    login(client, alice)
    document = Document(io.BytesIO(download(client, filled)))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "SỞ NỘI VỤ" in cells and "Số: 125/BC-SNV" in cells
    assert "Đồng Nai, ngày" in cells
    assert "BÁO CÁO" in paragraphs and "Kết quả công tác dân vận chính quyền năm 2026" in paragraphs
    assert "Phần thứ nhất" in paragraphs and "Phần thứ hai" in paragraphs
    assert "Lãnh đạo quan tâm sát sao." in paragraphs
    # Each recipient ends in ";", the last in "." (never ".;"), whatever was typed.
    assert "Nơi nhận:\n- Ban Dân vận Tỉnh ủy;\n- Sở Nội vụ;\n- Lưu: VT, VP." in cells
    assert ".;" not in cells
    assert "KT. GIÁM ĐỐC" in cells and "PHÓ GIÁM ĐỐC" in cells and "Nguyễn Văn Bình" in cells


def test_signature_defaults_to_the_unit_head(client, report, alice):
    login(client, alice)
    document = Document(io.BytesIO(download(client, report)))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "GIÁM ĐỐC" in cells and "Trần Thị Hà" in cells
    assert "Số:" in cells and "/BC-SNV" in cells


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_converts_to_pdf_with_the_unit_title_and_signature(client, filled, alice, tmp_path):
    login(client, alice)
    pdf = docx_to_pdf(download(client, filled))
    assert pdf.startswith(b"%PDF")
    (tmp_path / "report.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "SỞ NỘI VỤ" in text
    assert "BÁO CÁO" in text and "Kết quả công tác dân vận chính quyền năm 2026" in text
    assert "PHÓ GIÁM ĐỐC" in text and "Nguyễn Văn Bình" in text
