"""The report as a Word document: its context for the "report" template (documents/), in the
Nghị định 30/2020 layout: header blocks, "Số: .../BC-...", place and date, BÁO CÁO and the
subject, the legal bases, part one (general situation, leadership, each criterion with its
self-score, the indicators, the overall assessment), part two (next year), "Nơi nhận" and the
head's signature block. Every value is text already written by danvan.formats."""

from django.utils import timezone
from django.utils.text import slugify

from danvan import formats
from documents.render import render

from . import filing

DEFAULT_RECIPIENTS = ["Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT"]


def default_subject(report):
    return f"Kết quả thực hiện công tác dân vận chính quyền năm {report.year}"


def number(report):
    """What follows "Số: ": the number typed, or room to write it by hand and the symbol."""
    if report.document_number.strip():
        return report.document_number.strip()
    symbol = (report.unit.short_name or report.unit.code).replace(" ", "").replace("&", "")
    return f"      /BC-{symbol}"


def place_date(report):
    place = report.place.strip() or "……"
    day = report.report_date
    if day is None:
        return f"{place}, ngày     tháng     năm {report.year}"
    return f"{place}, {formats.long_date(day)}"


def paragraphs(text):
    return [
        chunk.strip() for chunk in (text or "").replace("\r\n", "\n").split("\n") if chunk.strip()
    ]


def recipients(text):
    """One recipient per line, without the "-" and the ";" or "." people type: the template
    writes them ("- Lưu: VT, VP.;" never happens)."""
    lines = [line.strip().lstrip("-").strip().rstrip(";.").strip() for line in text.splitlines()]
    return [line for line in lines if line]


def signer_lines(report):
    title = report.signer_title.strip() or report.unit.head_title or "Thủ trưởng"
    authority = report.signer_authority.strip()
    return [line.upper() for line in (authority, title) if line]


def context(report):
    page = filing.build_page(report, with_models=False)
    unit = report.unit
    tier = page.provisional_class
    return {
        "parent_body": (unit.parent.name if unit.parent_id else "Ủy ban nhân dân tỉnh").upper(),
        "issuing_body": unit.name.upper(),
        "number": number(report),
        "place_date": place_date(report),
        "subject": report.subject.strip() or default_subject(report),
        "year": report.year,
        "next_year": report.year + 1,
        "legal_bases": paragraphs(report.legal_bases),
        "general_situation": paragraphs(report.general_situation),
        "leadership": paragraphs(report.leadership),
        "criteria": [
            {
                "number": part.criterion.number,
                "title": part.criterion.title,
                "self_score": formats.decimal(part.score.self_score),
                "max_points": formats.measure(part.criterion.max_points),
                "narrative": paragraphs(part.score.narrative),
            }
            for part in page.parts
        ],
        "indicators": [
            {
                "number": i,
                "name": row.indicator.name,
                "unit_of_measure": row.indicator.unit_of_measure,
                "value": formats.measure(row.value.value),
            }
            for i, row in enumerate(page.indicators, start=1)
        ],
        "total": formats.decimal(page.total),
        "max_total": formats.measure(page.max_total),
        "self_class": tier.name if tier else "",
        "strengths": paragraphs(report.strengths),
        "shortcomings": paragraphs(report.shortcomings),
        "lessons": paragraphs(report.lessons),
        "proposals": paragraphs(report.proposals),
        "next_year_direction": paragraphs(report.next_year_direction),
        "recipients": recipients(report.recipients) or DEFAULT_RECIPIENTS,
        "signer_lines": signer_lines(report),
        "signer_name": report.signer_name.strip() or unit.head_name,
    }


def report_docx(report):
    return render("report", context(report))


def file_name(report):
    code = slugify(report.unit.code) or "don-vi"
    stamp = timezone.localdate().strftime("%Y%m%d")
    return f"bao-cao-dan-van-{code}-{report.year}-{stamp}.docx"
