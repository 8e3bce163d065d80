"""Word documents in the layout of Nghị định 30/2020/NĐ-CP, Appendix I.

A4 portrait, Times New Roman, the two-column header (issuing body / national motto), number
and symbol, place and date, the document type centred, body, "Nơi nhận" and the signature
block; page numbers centred at the top from page 2. Reports and decisions both build on this.
"""

from dataclasses import dataclass, field
from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
MOTTO_TOP = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class Header:
    parent_body: str  # e.g. "UBND TỈNH ĐỒNG NAI" (upper case, not bold)
    issuing_body: str  # e.g. "SỞ NỘI VỤ" (upper case, bold)
    number: str  # e.g. "Số: 123/BC-SNV"
    place_date: str  # e.g. "Đồng Nai, ngày 10 tháng 11 năm 2026"
    doc_type: str  # "BÁO CÁO", "QUYẾT ĐỊNH"
    subject: str  # the line under the document type


@dataclass
class Signature:
    authority: str = ""  # "TM. ỦY BAN NHÂN DÂN", "KT. GIÁM ĐỐC" (may be empty)
    title: str = ""  # "CHỦ TỊCH", "PHÓ GIÁM ĐỐC"
    name: str = ""
    recipients: list[str] = field(default_factory=list)


def new_document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    _page_numbers_from_page_two(section)
    return document


def write_header(document, header):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, Mm(60), Mm(105))
    _cell_line(left, header.parent_body.upper(), size=13, first=True)
    _cell_line(left, header.issuing_body.upper(), size=13, bold=True)
    _cell_line(left, "")
    _cell_line(left, header.number, size=13)
    _cell_line(right, MOTTO_TOP, size=12, bold=True, first=True)
    _cell_line(right, MOTTO, size=13, bold=True)
    _cell_line(right, "")
    _cell_line(right, header.place_date, size=13, italic=True)
    document.add_paragraph()
    heading(document, header.doc_type, size=14)
    if header.subject:
        heading(document, header.subject, size=14)


def heading(document, text, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    return paragraph


def body(document, text, bold=False, italic=False, indent=True):
    """Body text; blank-line separated paragraphs of `text` become Word paragraphs."""
    for chunk in (text or "").replace("\r\n", "\n").split("\n"):
        if not chunk.strip():
            continue
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Mm(10)
        run = paragraph.add_run(chunk.strip())
        run.bold, run.italic = bold, italic
        run.font.size = Pt(14)


def write_signature(document, signature):
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, Mm(80), Mm(85))
    _cell_line(left, "Nơi nhận:", size=12, bold=True, italic=True, first=True, center=False)
    for line in signature.recipients:
        _cell_line(left, f"- {line};", size=11, center=False)
    first = True
    if signature.authority:
        _cell_line(right, signature.authority.upper(), size=14, bold=True, first=first)
        first = False
    _cell_line(right, signature.title.upper(), size=14, bold=True, first=first)
    for _ in range(3):
        _cell_line(right, "")
    _cell_line(right, signature.name, size=14, bold=True)


def simple_table(document, headers, rows, size=12):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _cell_line(cell, str(text), size=size, bold=True, first=True)
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            _cell_line(cell, "" if value is None else str(value), size=size, first=True)
    return table


def to_bytes(document):
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _widths(table, *widths):
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _cell_line(cell, text, size=13, bold=False, italic=False, first=False, center=True):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def _page_numbers_from_page_two(section):
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
