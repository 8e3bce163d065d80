"""The province's decision publishing a run, as a .docx in the Nghị định 30/2020 layout,
with the appendix table of units by group, class and rank."""

from dataclasses import dataclass

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

from danvan import formats, nd30

from . import results
from .models import Decision

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass
class DecisionText:
    """The decision's first page as words: what the .docx prints and what the publish page
    previews before the decision is final."""

    header: nd30.Header
    authority: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ...", above the căn cứ
    bases: list
    article1: str
    group_lines: list
    article2: str
    article3: str
    signature: nd30.Signature


def decision_text(decision, groups=None):
    """The text of `decision` (saved, or not yet: the publish preview passes an unsaved one
    with its future version)."""
    run = decision.run
    groups = results.by_group(run) if groups is None else groups
    names = results.tier_names(run)
    year = decision.year
    header = nd30.Header(
        parent_body="",
        issuing_body=decision.issuing_body,
        number=f"Số: {decision.number}",
        place_date=f"{decision.place}, {formats.long_date(decision.date)}",
        doc_type="QUYẾT ĐỊNH",
        subject=f"Về việc xếp loại công tác dân vận chính quyền năm {year}",
    )
    bases = [
        "Căn cứ Luật Tổ chức chính quyền địa phương;",
        *[f"Căn cứ {line.strip().rstrip(';.')};" for line in _legal_bases(run)],
        f"Căn cứ Bộ tiêu chí đánh giá công tác dân vận chính quyền năm {year};",
        "Theo đề nghị của Giám đốc Sở Nội vụ và Trưởng Đoàn thẩm định.",
    ]
    classified = sum(len(g.classified) for g in groups)
    article1 = (
        f"Điều 1. Công bố kết quả xếp loại công tác dân vận chính quyền năm {year} đối với "
        f"{classified} cơ quan, đơn vị, địa phương (chi tiết tại Phụ lục kèm theo), cụ thể:"
    )
    group_lines = []
    for group in groups:
        counts = {}
        for result in group.classified:
            counts[result.tier_code] = counts.get(result.tier_code, 0) + 1
        parts = [f"{n} {names.get(code, code)}" for code, n in counts.items()]
        line = f"- {group.name}: {len(group.classified)} đơn vị"
        if parts:
            line += "; trong đó " + ", ".join(parts)
        if group.unclassified:
            line += f"; {len(group.unclassified)} đơn vị không xếp loại"
        group_lines.append(line + ".")
    article2 = (
        "Điều 2. Các cơ quan, đơn vị, địa phương căn cứ kết quả xếp loại để khắc phục hạn chế, "
        "nâng cao chất lượng công tác dân vận chính quyền trong năm tiếp theo; kết quả xếp loại "
        "là căn cứ để xét thi đua, khen thưởng năm " + str(year) + "."
    )
    replaced = (
        Decision.objects.filter(year=year, version__lt=decision.version)
        .order_by("-version")
        .first()
    )
    article3 = "Điều 3. Quyết định này có hiệu lực kể từ ngày ký."
    if replaced is not None:
        article3 += (
            f" Quyết định này thay thế Quyết định số {replaced.number} "
            f"{formats.long_date(replaced.date)}."
        )
    article3 += (
        " Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, "
        "đơn vị, địa phương có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    return DecisionText(
        header=header,
        authority=f"{decision.signer_title} {decision.issuing_body}".upper(),
        bases=bases,
        article1=article1,
        group_lines=group_lines,
        article2=article2,
        article3=article3,
        signature=nd30.Signature(
            authority=decision.signer_authority,
            title=decision.signer_title,
            name=decision.signer_name,
            recipients=["Như Điều 3", "Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT, SNV"],
        ),
    )


def decision_docx(decision):
    groups = results.by_group(decision.run)
    text = decision_text(decision, groups)
    document = nd30.new_document()
    nd30.write_header(document, text.header)
    nd30.heading(document, text.authority)
    for line in text.bases:
        nd30.body(document, line, italic=True)
    nd30.heading(document, "QUYẾT ĐỊNH:")
    nd30.body(document, text.article1)
    for line in text.group_lines:
        nd30.body(document, line)
    nd30.body(document, text.article2)
    nd30.body(document, text.article3)
    nd30.write_signature(document, text.signature)
    _appendix(document, decision, groups)
    return nd30.to_bytes(document)


def _legal_bases(run):
    from criteria.models import CriteriaSet

    text = (
        CriteriaSet.objects.filter(pk=run.criteria_set_id)
        .values_list("legal_basis", flat=True)
        .first()
    )
    return [line for line in (text or "").splitlines() if line.strip()]


def _appendix(document, decision, groups):
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    nd30.heading(document, "PHỤ LỤC")
    nd30.heading(
        document, f"KẾT QUẢ XẾP LOẠI CÔNG TÁC DÂN VẬN CHÍNH QUYỀN NĂM {decision.year}", size=13
    )
    nd30.heading(
        document,
        f"(Kèm theo Quyết định số {decision.number} {formats.long_date(decision.date)} "
        f"của {decision.issuing_body.title()})",
        size=13,
        bold=False,
    )
    headers = ["STT", "Tên cơ quan, đơn vị", "Tổng điểm", "Xếp loại", "Thứ hạng", "Ghi chú"]
    for i, group in enumerate(groups):
        nd30.heading(
            document,
            f"{ROMAN[i] if i < len(ROMAN) else i + 1}. {group.name.upper()}",
            size=13,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        rows = [
            [n, r.unit.name, formats.decimal(r.total), r.tier_name, r.rank, "; ".join(r.notes)]
            for n, r in enumerate(group.classified, start=1)
        ]
        start = len(rows)
        rows += [
            [start + n, r.unit.name, "", "Không xếp loại", "", r.reason_label]
            for n, r in enumerate(group.unclassified, start=1)
        ]
        nd30.simple_table(document, headers, rows, size=11)
