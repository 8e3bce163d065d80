import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.shared import Mm

from danvan import nd30
from danvan.office import docx_to_pdf


def _sample():
    document = nd30.new_document()
    nd30.write_header(
        document,
        nd30.Header(
            "UBND tỉnh Đồng Nai",
            "Sở Nội vụ",
            "Số: 12/BC-SNV",
            "Đồng Nai, ngày 10 tháng 11 năm 2026",
            "BÁO CÁO",
            "Kết quả công tác dân vận chính quyền năm 2026",
        ),
    )
    nd30.body(document, "Đoạn một.\n\nĐoạn hai.")
    nd30.write_signature(
        document,
        nd30.Signature("KT. GIÁM ĐỐC", "Phó Giám đốc", "Trần Văn Hà", ["Ban Dân vận Tỉnh ủy"]),
    )
    return nd30.to_bytes(document)


def test_layout_is_a4_with_decree_margins_and_header_blocks():
    document = Document(io.BytesIO(_sample()))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1)
    assert abs(section.left_margin - Mm(30)) < Mm(1)
    texts = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("SỞ NỘI VỤ" in t and "Số: 12/BC-SNV" in t for t in texts)
    assert any(nd30.MOTTO in t for t in texts)
    assert any("KT. GIÁM ĐỐC" in t and "PHÓ GIÁM ĐỐC" in t and "Trần Văn Hà" in t for t in texts)
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in paragraphs and "Đoạn hai." in paragraphs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_document_converts_to_pdf_with_libreoffice(tmp_path):
    pdf = docx_to_pdf(_sample())
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        (tmp_path / "d.pdf").write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True
        ).stdout
        assert "BÁO CÁO" in text
