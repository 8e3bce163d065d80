"""The report as a Word document in the Nghị định 30/2020 layout (danvan/nd30.py).

Header blocks, "Số: .../BC-...", place and date, BÁO CÁO and the subject, the legal bases, part
one (results: general situation, leadership, each criterion with its self-score, the indicators,
the overall assessment), part two (next year), "Nơi nhận" and the head's signature block.
"""

from django.utils import timezone
from django.utils.text import slugify

from danvan import formats, nd30

from . import filing

DEFAULT_RECIPIENTS = ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT"]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]


def default_subject(report):
    return f"Kết quả thực hiện công tác dân vận chính quyền năm {report.year}"


def number_line(report):
    if report.document_number.strip():
        return f"Số: {report.document_number.strip()}"
    symbol = (report.unit.short_name or report.unit.code).replace(" ", "").replace("&", "")
    return f"Số:       /BC-{symbol}"


def place_date(report):
    place = report.place.strip() or "……"
    day = report.report_date
    if day is None:
        return f"{place}, ngày     tháng     năm {report.year}"
    return f"{place}, {formats.long_date(day)}"


def _points(value):
    if value is None:
        return "…"
    return formats.decimal(value)


def report_docx(report):
    page = filing.build_page(report, with_models=False)
    unit = report.unit
    document = nd30.new_document()
    parent = unit.parent.name if unit.parent_id else "Ủy ban nhân dân tỉnh"
    nd30.write_header(
        document,
        nd30.Header(
            parent_body=parent,
            issuing_body=unit.name,
            number=number_line(report),
            place_date=place_date(report),
            doc_type="BÁO CÁO",
            subject=report.subject.strip() or default_subject(report),
        ),
    )
    nd30.body(document, report.legal_bases)
    nd30.heading(document, "Phần thứ nhất")
    nd30.heading(document, f"KẾT QUẢ THỰC HIỆN CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {report.year}")
    sections = [
        ("TÌNH HÌNH CHUNG", report.general_situation),
        ("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", report.leadership),
    ]
    for i, (title, text) in enumerate(sections):
        _section(document, f"{ROMAN[i]}. {title}")
        nd30.body(document, text)
    _section(document, f"{ROMAN[2]}. KẾT QUẢ THỰC HIỆN CÁC TIÊU CHÍ")
    for part in page.parts:
        criterion = part.criterion
        _section(
            document,
            f"{criterion.number}. {criterion.title} (tự chấm: {_points(part.score.self_score)}"
            f"/{_points(criterion.max_points)} điểm)",
            bold=False,
            italic=True,
        )
        nd30.body(document, part.score.narrative)
    if page.indicators:
        _section(document, "Một số chỉ tiêu chủ yếu", bold=False, italic=True)
        nd30.simple_table(
            document,
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"],
            [
                (i, row.indicator.name, row.indicator.unit_of_measure, _points(row.value.value))
                for i, row in enumerate(page.indicators, start=1)
            ],
        )
    tier = page.provisional_class
    nd30.body(
        document,
        f"Tổng điểm tự chấm: {_points(page.total)}/{_points(page.max_total)} điểm"
        + (f"; tự xếp loại: {tier.name}." if tier else "."),
        bold=True,
    )
    _section(document, f"{ROMAN[3]}. ĐÁNH GIÁ CHUNG")
    for i, (title, text) in enumerate(
        [
            ("Ưu điểm và nguyên nhân", report.strengths),
            ("Hạn chế, khuyết điểm và nguyên nhân", report.shortcomings),
            ("Bài học kinh nghiệm", report.lessons),
        ],
        start=1,
    ):
        _section(document, f"{i}. {title}", bold=False, italic=True)
        nd30.body(document, text)
    _section(document, f"{ROMAN[4]}. ĐỀ XUẤT, KIẾN NGHỊ")
    nd30.body(document, report.proposals)
    nd30.heading(document, "Phần thứ hai")
    nd30.heading(document, f"PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {report.year + 1}")
    nd30.body(document, report.next_year_direction)
    document.add_paragraph()
    nd30.write_signature(document, signature(report))
    return nd30.to_bytes(document)


def signature(report):
    recipients = [
        line.strip().strip("-;").strip() for line in report.recipients.splitlines() if line.strip()
    ]
    return nd30.Signature(
        authority=report.signer_authority.strip(),
        title=report.signer_title.strip() or report.unit.head_title or "Thủ trưởng",
        name=report.signer_name.strip() or report.unit.head_name,
        recipients=recipients or DEFAULT_RECIPIENTS,
    )


def _section(document, text, bold=True, italic=False):
    paragraph = nd30.heading(document, text, size=14, bold=bold, align=nd30.WD_ALIGN_PARAGRAPH.LEFT)
    if italic:
        for run in paragraph.runs:
            run.italic = True
    return paragraph


def file_name(report):
    code = slugify(report.unit.code) or "don-vi"
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"bao-cao-dan-van-{code}-{report.year}-{stamp}.docx"
