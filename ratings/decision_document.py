"""The province's decision publishing a run: the context of the "decision" template
(documents/), in the Nghị định 30/2020 layout, with the appendix of units by group, class and
rank. The publish page previews the same context before the decision is final."""

from django.core.files.base import ContentFile

from criteria.models import CriteriaSet
from danvan import formats
from documents import signing
from documents.render import render
from units.models import Unit

from . import results
from .models import Decision

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
# A UBND tỉnh decision: the collective that signs (TM.) and its head (KT., Q., TL., TUQ.).
COLLECTIVE = "ỦY BAN NHÂN DÂN"
HEAD = "CHỦ TỊCH"
RECIPIENTS = ["Như Điều 3", "Ban Dân vận Tỉnh ủy", "Sở Nội vụ", "Lưu: VT, SNV"]


def signer_lines(decision):
    return signing.signer_lines(
        decision.signing_form, COLLECTIVE, HEAD, decision.signer_title or HEAD
    )


def issuer_name(issuing_body):
    """The issuing body as the registry of units writes it ("Ủy ban nhân dân tỉnh Đồng Nai"),
    else as typed: never title case."""
    wanted = issuing_body.strip().upper()
    for name in Unit.objects.values_list("name", flat=True).filter(parent__isnull=True):
        if name.strip().upper() == wanted:
            return name.strip()
    return issuing_body.strip()


def context(decision, groups=None):
    """The context of `decision` (saved, or not yet: the publish preview passes an unsaved one
    with its future version)."""
    run = decision.run
    groups = results.by_group(run) if groups is None else groups
    names = results.tier_names(run)
    replaced = (
        Decision.objects.filter(year=decision.year, version__lt=decision.version)
        .order_by("-version")
        .first()
    )
    return {
        "parent_body": "",
        "issuing_body": decision.issuing_body.upper(),
        "number": decision.number,
        "place_date": f"{decision.place}, {formats.long_date(decision.date)}",
        "subject": f"Về việc xếp loại công tác dân vận chính quyền năm {decision.year}",
        "year": decision.year,
        "authority": signing.authority_line(decision.signing_form, decision.issuing_body, HEAD),
        "legal_bases": [line.strip().rstrip(";.") for line in _legal_bases(run)],
        "classified": sum(len(g.classified) for g in groups),
        "groups": [_group(i, group, names) for i, group in enumerate(groups)],
        "replaces": (
            {"number": replaced.number, "date": formats.long_date(replaced.date)}
            if replaced
            else None
        ),
        "date_long": formats.long_date(decision.date),
        "issuer_name": issuer_name(decision.issuing_body),
        "recipients": RECIPIENTS,
        "signer_lines": signer_lines(decision),
        "signer_name": decision.signer_name,
    }


def _group(index, group, names):
    counts = {}
    for result in group.classified:
        counts[result.tier_code] = counts.get(result.tier_code, 0) + 1
    rows = [
        {
            "number": n,
            "name": r.unit.name,
            "total": formats.decimal(r.total),
            "tier": r.tier_name,
            "rank": r.rank,
            "note": "; ".join(str(note) for note in r.notes),
        }
        for n, r in enumerate(group.classified, start=1)
    ]
    start = len(rows)
    rows += [
        {
            "number": start + n,
            "name": r.unit.name,
            "total": "",
            "tier": "Không xếp loại",
            "rank": "",
            "note": r.reason_label,
        }
        for n, r in enumerate(group.unclassified, start=1)
    ]
    return {
        "numeral": ROMAN[index] if index < len(ROMAN) else str(index + 1),
        "name": str(group.name),
        "classified": len(group.classified),
        "unclassified": len(group.unclassified),
        "tiers": [{"count": n, "name": names.get(code, code)} for code, n in counts.items()],
        "rows": rows,
    }


def keep_document(decision):
    """Render the decision and keep the file with it (before it is first saved: a decision is
    never saved twice)."""
    data = render("decision", context(decision))
    name = f"quyet-dinh-{decision.year}-v{decision.version}.docx"
    decision.document.save(name, ContentFile(data), save=False)
    return data


def decision_docx(decision):
    """The decision's Word document as it was published. A decision published before documents
    were kept is kept now, from the template in force at its first download."""
    if not decision.document:
        data = keep_document(decision)
        Decision.objects.filter(pk=decision.pk).update(document=decision.document.name)
        return data
    with decision.document.open("rb") as handle:
        return handle.read()


def _legal_bases(run):
    text = (
        CriteriaSet.objects.filter(pk=run.criteria_set_id)
        .values_list("legal_basis", flat=True)
        .first()
    )
    return [line for line in (text or "").splitlines() if line.strip()]
