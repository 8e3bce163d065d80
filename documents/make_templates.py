"""Write the default Word templates of documents/templates_docx/ (run it after changing them):

    python -m documents.make_templates

python-docx lays out the page once here (A4, the margins and fonts of Nghị định 30/2020/NĐ-CP
or Hướng dẫn 36-HD/VPTW, the header table with its rules, the signature block); the words and
the docxtpl tags ({{ unit_name }}, {%tr for row in rows %}) are what a province may change in
Word afterwards. Nothing here runs when a document is made: `documents.render` only fills the
.docx files this script wrote.
"""

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

OUT = Path(__file__).resolve().parent / "templates_docx"
FONT = "Times New Roman"
TEXT_WIDTH = 165  # mm: A4 210 - left 30 - right 15
LEFT_CELL, RIGHT_CELL = 70, 95  # the header's two blocks, mm
CENTER, LEFT, JUSTIFY, RIGHT = (
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
    WD_ALIGN_PARAGRAPH.RIGHT,
)
# The state motto (Nghị định 30, Appendix I, ô số 1) and the Party's heading (HD 36, ô số 1).
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
# Rule lengths, mm: under the motto as long as "Độc lập - Tự do - Hạnh phúc" in 14 pt bold;
# under the Party heading as long as it; under the agency's name and the summary line short.
MOTTO_RULE, PARTY_RULE, SHORT_RULE = 64, 62, 25


# -- page -------------------------------------------------------------------------------------


def new_document():
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = section.footer_distance = Mm(10)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.element.rPr.rFonts.set(qn("w:cs"), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.space_before = Pt(0)
    style.paragraph_format.line_spacing = 1.1
    _lang_vi(style)
    _page_numbers_from_page_two(section)
    return document


def _lang_vi(style):
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    style.element.rPr.append(lang)


def _page_numbers_from_page_two(section):
    """Nghị định 30: page numbers centred at the top, not on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    run = paragraph.add_run()
    run.font.size = Pt(13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


# -- paragraphs -------------------------------------------------------------------------------


def line(container, text, size=14, bold=False, italic=False, align=CENTER, after=0, before=0):
    """One paragraph of one run (docxtpl tags must stay whole in one run)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def tag(container, text):
    """A paragraph holding only a docxtpl paragraph tag ({%p ... %}); docxtpl removes it."""
    return line(container, text, size=10, align=LEFT)


def body(container, text, italic=False, bold=False, indent=True):
    paragraph = line(container, text, size=14, bold=bold, italic=italic, align=JUSTIFY, after=6)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph


def paragraphs(container, name, italic=False):
    """The paragraphs of the text `name` (a list of strings in the context)."""
    tag(container, f"{{%p for text in {name} %}}")
    body(container, "{{ text }}", italic=italic)
    tag(container, "{%p endfor %}")


def title(container, text, size=14, align=LEFT, bold=True, italic=False, before=6):
    paragraph = line(container, text, size=size, bold=bold, italic=italic, align=align, after=6)
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def rule(container, length_mm, width_mm):
    """A solid rule `length_mm` long, centred in a block `width_mm` wide: an empty paragraph
    with a top border, indented from both sides."""
    paragraph = container.add_paragraph()
    paragraph.alignment = CENTER
    fmt = paragraph.paragraph_format
    fmt.space_after = fmt.space_before = Pt(0)
    fmt.line_spacing = Pt(4)
    side = Mm((width_mm - length_mm) / 2)
    fmt.left_indent = fmt.right_indent = side
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        top.set(qn(f"w:{key}"), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)
    run = paragraph.add_run()
    run.font.size = Pt(2)
    return paragraph


def page_break(document):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# -- tables -----------------------------------------------------------------------------------


def _fixed(table, widths):
    table.autofit = False
    pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    pr.append(layout)
    grid = table._tbl.tblGrid
    cols = grid.findall(qn("w:gridCol"))
    for col in cols[len(widths) :]:
        grid.remove(col)
    for _ in range(len(widths) - len(cols)):
        grid.append(OxmlElement("w:gridCol"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Mm(width)


def _borderless(table):
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _row_flags(row, header=False):
    """Rows never split across pages; the header row repeats on every page."""
    pr = row._tr.get_or_add_trPr()
    pr.append(OxmlElement("w:cantSplit"))
    if header:
        pr.append(OxmlElement("w:tblHeader"))


def _cell(cell, text, size, bold=False, align=CENTER, italic=False, keep=False):
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.keep_with_next = keep
    # The paragraph mark takes the cell's size too, so a blank cell is no taller.
    mark = OxmlElement("w:rPr")
    for name in ("w:sz", "w:szCs"):
        element = OxmlElement(name)
        element.set(qn("w:val"), str(size * 2))
        mark.append(element)
    paragraph._p.get_or_add_pPr().append(mark)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT


def layout_table(container, widths):
    table = container.add_table(rows=1, cols=len(widths))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _fixed(table, widths)
    return table


def intro(container, text, before=0):
    """The line that introduces a table: it never stays alone at the foot of a page."""
    paragraph = body(container, text)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.space_before = Pt(before)
    return paragraph


def grid_table(container, columns, loop, size=12):
    """A ruled table: a header row, then one row per item of `loop` ("r in rows").

    `columns` is a list of (header, width mm, cell text, alignment). A column whose header is a
    tuple (headings, values, count) repeats with docxtpl's {%tc %} for each of the headings:
    the grid holds `count` columns of that width and docxtpl drops those a document does not
    fill."""
    widths, cells_head, cells_body = [], [], []
    for header, width, text, align in columns:
        if isinstance(header, tuple):
            names, values, count = header
            widths += [width] * count
            cells_head += [
                (f"{{%tc for h in {names} %}}", CENTER),
                ("{{ h }}", CENTER),
                ("{%tc endfor %}", CENTER),
            ]
            cells_body += [
                (f"{{%tc for v in {values} %}}", align),
                ("{{ v }}", align),
                ("{%tc endfor %}", align),
            ]
        else:
            widths.append(width)
            cells_head.append((header, CENTER))
            cells_body.append((text, align))
    table = container.add_table(rows=4, cols=len(cells_head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, loop_open, data, loop_close = table.rows
    for cell, (text, _align) in zip(header.cells, cells_head, strict=True):
        _cell(cell, text, size, bold=True, keep=True)
    _row_flags(header, header=True)
    _merge_text(loop_open, f"{{%tr for {loop} %}}", size)
    for cell, (text, align) in zip(data.cells, cells_body, strict=True):
        _cell(cell, text, size, align=align)
    _row_flags(data)
    _merge_text(loop_close, "{%tr endfor %}", size)
    _fixed(table, widths)
    return table


def _merge_text(row, text, size):
    cell = row.cells[0].merge(row.cells[-1]) if len(row.cells) > 1 else row.cells[0]
    _cell(cell, text, size, align=LEFT)


# -- header and signature ---------------------------------------------------------------------


def state_header(document, number_prefix="Số: "):
    """Nghị định 30: the parent body and the issuing body at the left with a short rule, the
    number under them; the motto at the right with a rule as long as its second line, then
    the place and date in italics."""
    table = layout_table(document, [LEFT_CELL, RIGHT_CELL])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    tag(left, "{%p if parent_body %}")
    line(left, "{{ parent_body }}", size=13)
    tag(left, "{%p endif %}")
    line(left, "{{ issuing_body }}", size=13, bold=True)
    rule(left, SHORT_RULE, LEFT_CELL)
    line(left, f"{number_prefix}{{{{ number }}}}", size=13, before=6)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    line(right, MOTTO[0], size=12, bold=True)
    line(right, MOTTO[1], size=14, bold=True)
    rule(right, MOTTO_RULE, RIGHT_CELL)
    line(right, "{{ place_date }}", size=14, italic=True, before=6)
    return table


def party_header(document):
    """Hướng dẫn 36: the superior Party body over the issuing board and an asterisk at the
    left, "Số 12-BC/BDVTU" under them; "ĐẢNG CỘNG SẢN VIỆT NAM" with its rule at the right."""
    table = layout_table(document, [LEFT_CELL, RIGHT_CELL])
    left, right = table.rows[0].cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    line(left, "{{ parent_body }}", size=14)
    line(left, "{{ issuing_body }}", size=14, bold=True)
    line(left, "*", size=14)
    line(left, "Số {{ number }}", size=14)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    line(right, PARTY, size=15, bold=True)
    rule(right, PARTY_RULE, RIGHT_CELL)
    line(right, "{{ place_date }}", size=14, italic=True, before=6)
    return table


def signature(document):
    """ "Nơi nhận" at the left (each item ends in ";", the last in "."), the signer at the
    right, one line each: the authority lines, the title, space for signature and seal, the
    name."""
    spacer = document.add_paragraph()
    spacer.paragraph_format.space_after = Pt(6)
    table = layout_table(document, [80, 85])
    row = table.rows[0]
    _row_flags(row)
    left, right = row.cells
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    line(left, "Nơi nhận:", size=12, bold=True, italic=True, align=LEFT)
    tag(left, "{%p for item in recipients %}")
    line(left, "- {{ item }}{% if loop.last %}.{% else %};{% endif %}", size=11, align=LEFT)
    tag(left, "{%p endfor %}")
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    tag(right, "{%p for item in signer_lines %}")
    line(right, "{{ item }}", size=14, bold=True)
    tag(right, "{%p endfor %}")
    for _ in range(4):
        line(right, "", size=14)
    line(right, "{{ signer_name }}", size=14, bold=True)
    return table


def document_type(document, name, subject="{{ subject }}", short_rule=True):
    title(document, name, align=CENTER, before=18)
    line(document, subject, size=14, bold=True, after=2)
    if short_rule:
        rule(document, SHORT_RULE, TEXT_WIDTH)
    document.add_paragraph()


# -- the documents ----------------------------------------------------------------------------


def report():
    """The unit's yearly report on công tác dân vận chính quyền (Nghị định 30)."""
    document = new_document()
    state_header(document)
    document_type(document, "BÁO CÁO")
    paragraphs(document, "legal_bases")
    title(document, "Phần thứ nhất", align=CENTER)
    title(document, "KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {{ year }}", align=CENTER)
    title(document, "I. TÌNH HÌNH CHUNG")
    paragraphs(document, "general_situation")
    title(document, "II. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO")
    paragraphs(document, "leadership")
    title(document, "III. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ")
    tag(document, "{%p for c in criteria %}")
    title(
        document,
        "{{ c.number }}. {{ c.title }} (tự chấm: {{ c.self_score or '…' }}/{{ c.max_points }}"
        " điểm)",
        bold=False,
        italic=True,
        before=0,
    )
    paragraphs(document, "c.narrative")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if indicators %}")
    title(document, "Một số chỉ tiêu chủ yếu", bold=False, italic=True)
    grid_table(
        document,
        [
            ("STT", 14, "{{ r.number }}", CENTER),
            ("Chỉ tiêu", 93, "{{ r.name }}", LEFT),
            ("Đơn vị tính", 30, "{{ r.unit_of_measure }}", CENTER),
            ("Kết quả", 28, "{{ r.value }}", RIGHT),
        ],
        "r in indicators",
        size=12,
    )
    tag(document, "{%p endif %}")
    total = body(
        document,
        "Tổng điểm tự chấm: {{ total }}/{{ max_total }} điểm"
        "{% if self_class %}; tự xếp loại: {{ self_class }}{% endif %}.",
        bold=True,
    )
    total.paragraph_format.space_before = Pt(12)
    title(document, "IV. ĐÁNH GIÁ CHUNG")
    title(document, "1. Ưu điểm và nguyên nhân", bold=False, italic=True, before=0)
    paragraphs(document, "strengths")
    title(document, "2. Hạn chế, khuyết điểm và nguyên nhân", bold=False, italic=True, before=0)
    paragraphs(document, "shortcomings")
    title(document, "3. Bài học kinh nghiệm", bold=False, italic=True, before=0)
    paragraphs(document, "lessons")
    title(document, "V. ĐỀ XUẤT, KIẾN NGHỊ")
    paragraphs(document, "proposals")
    title(document, "Phần thứ hai", align=CENTER, before=12)
    title(document, "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {{ next_year }}", align=CENTER)
    paragraphs(document, "next_year_direction")
    signature(document)
    return document


def decision():
    """The province's decision publishing the classification, with its appendix."""
    document = new_document()
    state_header(document)
    document_type(document, "QUYẾT ĐỊNH")
    title(document, "{{ authority }}", align=CENTER, before=0)
    body(document, "Căn cứ Luật Tổ chức chính quyền địa phương;", italic=True)
    tag(document, "{%p for item in legal_bases %}")
    body(document, "Căn cứ {{ item }};", italic=True)
    tag(document, "{%p endfor %}")
    body(
        document,
        "Căn cứ Bộ tiêu chí đánh giá công tác dân vận chính quyền năm {{ year }};",
        italic=True,
    )
    body(document, "Theo đề nghị của Giám đốc Sở Nội vụ và Trưởng Đoàn thẩm định.", italic=True)
    title(document, "QUYẾT ĐỊNH:", align=CENTER)
    body(
        document,
        "Điều 1. Công bố kết quả xếp loại công tác dân vận chính quyền năm {{ year }} đối với "
        "{{ classified }} cơ quan, đơn vị, địa phương (chi tiết tại Phụ lục kèm theo), cụ thể:",
    )
    tag(document, "{%p for g in groups %}")
    body(
        document,
        "- {{ g.name }}: {{ g.classified }} đơn vị"
        "{% if g.tiers %}; trong đó {% for t in g.tiers %}{{ t.count }} {{ t.name }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}"
        "{% if g.unclassified %}; {{ g.unclassified }} đơn vị không xếp loại{% endif %}.",
    )
    tag(document, "{%p endfor %}")
    body(
        document,
        "Điều 2. Các cơ quan, đơn vị, địa phương căn cứ kết quả xếp loại để khắc phục hạn chế, "
        "nâng cao chất lượng công tác dân vận chính quyền trong năm tiếp theo; kết quả xếp loại "
        "là căn cứ để xét thi đua, khen thưởng năm {{ year }}.",
    )
    body(
        document,
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."
        "{% if replaces %} Quyết định này thay thế Quyết định số {{ replaces.number }} "
        "{{ replaces.date }}.{% endif %} Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở "
        "Nội vụ, Thủ trưởng các cơ quan, đơn vị, địa phương có tên tại Điều 1 chịu trách nhiệm "
        "thi hành Quyết định này./.",
    )
    signature(document)
    page_break(document)
    title(document, "PHỤ LỤC", align=CENTER, before=0)
    title(document, "KẾT QUẢ XẾP LOẠI CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {{ year }}", align=CENTER)
    line(
        document,
        "(Kèm theo Quyết định số {{ number }} {{ date_long }} của {{ issuer_name }})",
        size=13,
        italic=True,
        after=12,
    )
    tag(document, "{%p for g in groups %}")
    title(document, "{{ g.numeral }}. {{ g.name|upper }}", size=13)
    grid_table(
        document,
        [
            ("STT", 13, "{{ r.number }}", CENTER),
            ("Tên cơ quan, đơn vị", 70, "{{ r.name }}", LEFT),
            ("Tổng điểm", 18, "{{ r.total }}", CENTER),
            ("Xếp loại", 25, "{{ r.tier }}", CENTER),
            ("Thứ hạng", 15, "{{ r.rank }}", CENTER),
            ("Ghi chú", 24, "{{ r.note }}", LEFT),
        ],
        "r in g.rows",
        size=12,
    )
    tag(document, "{%p endfor %}")
    return document


def period(party):
    """The campaign period's report: issued by the Ban Dân vận of the Tỉnh ủy (a Party body,
    Hướng dẫn 36) or by the UBND tỉnh (a state body, Nghị định 30)."""
    document = new_document()
    if party:
        party_header(document)
    else:
        state_header(document)
    document_type(document, "BÁO CÁO", short_rule=not party)
    paragraphs(document, "introduction")
    title(document, "I. MÔ HÌNH “DÂN VẬN KHÉO”")
    intro(document, "1. Mô hình đăng ký trong giai đoạn, theo lĩnh vực và cấp công nhận:")
    grid_table(
        document,
        [
            ("Lĩnh vực", 45, "{{ r.label }}", LEFT),
            (("level_headers", "r.levels", 6), 20, "", CENTER),
        ],
        "r in models_by_field",
        size=11,
    )
    intro(document, "2. Mô hình theo năm:", before=12)
    grid_table(
        document,
        [
            ("Năm", 25, "{{ r.year }}", CENTER),
            ("Đăng ký", 40, "{{ r.registered }}", CENTER),
            ("Được công nhận", 40, "{{ r.recognised }}", CENTER),
        ],
        "r in models_by_year",
    )
    title(document, "II. ĐIỂN HÌNH", before=12)
    grid_table(
        document,
        [
            ("Năm", 25, "{{ r.year }}", CENTER),
            ("Tập thể", 35, "{{ r.collectives }}", CENTER),
            ("Cá nhân", 35, "{{ r.persons }}", CENTER),
            ("Điển hình chọn hằng tháng", 45, "{{ r.picks }}", CENTER),
        ],
        "r in examples_by_year",
    )
    title(document, "III. KHEN THƯỞNG", before=12)
    intro(document, "1. Khen thưởng theo năm:")
    grid_table(
        document,
        [
            ("Năm", 20, "{{ r.year }}", CENTER),
            (("award_headers", "r.cells", 7), 20, "", CENTER),
        ],
        "r in awards_by_year",
        size=11,
    )
    intro(document, "2. Khen thưởng {{ review_word }} giai đoạn:", before=12)
    tag(document, "{%p if period_awards %}")
    grid_table(
        document,
        [
            ("Hình thức", 40, "{{ r.kind }}", LEFT),
            ("Tập thể, cá nhân", 45, "{{ r.recipient }}", LEFT),
            ("Đơn vị", 45, "{{ r.unit }}", LEFT),
            ("Quyết định", 35, "{{ r.decision }}", LEFT),
        ],
        "r in period_awards",
        size=11,
    )
    tag(document, "{%p else %}")
    body(document, "Không có.")
    tag(document, "{%p endif %}")
    tag(document, "{%p if classes is not none %}")
    title(document, "IV. KẾT QUẢ XẾP LOẠI THEO NĂM", before=12)
    tag(document, "{%p if classes %}")
    grid_table(
        document,
        [
            ("Năm", 16, "{{ r.year }}", CENTER),
            ("Khối", 44, "{{ r.group }}", LEFT),
            (("class_headers", "r.cells", 7), 15, "", CENTER),
        ],
        "r in classes",
        size=11,
    )
    tag(document, "{%p else %}")
    body(document, "Chưa có kết quả xếp loại.")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if indicator_tables %}")
    title(document, "V. CHỈ SỐ CỦA CÁC ĐƠN VỊ", before=12)
    body(
        document,
        "Tổng các chỉ số của từng đơn vị qua các năm của giai đoạn (tỷ lệ phần trăm lấy bình "
        "quân); bảng chia theo nhóm chỉ số, mỗi bảng nhắc lại tên đơn vị.",
        italic=True,
    )
    tag(document, "{%p for t in indicator_tables %}")
    intro(document, "Bảng {{ t.number }}/{{ indicator_tables|length }}")
    grid_table(
        document,
        [
            ("STT", 12, "{{ r.number }}", CENTER),
            ("Đơn vị", 43, "{{ r.name }}", LEFT),
            (("t.headers", "r.cells", 5), 22, "", RIGHT),
        ],
        "r in t.rows",
        size=10,
    )
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    signature(document)
    return document


DEFAULTS = {
    "report": report,
    "decision": decision,
    "period_state": lambda: period(party=False),
    "period_party": lambda: period(party=True),
}


def write_all(out=OUT):
    out.mkdir(parents=True, exist_ok=True)
    for kind, make in DEFAULTS.items():
        make().save(out / f"{kind}.docx")


if __name__ == "__main__":
    write_all()
