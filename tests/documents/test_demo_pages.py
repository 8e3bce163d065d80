"""Issue 16, Done when: each document rendered from the demo province, converted to PDF by
LibreOffice, and checked as the clerk who signs it would: A4 with the margins of the format,
the header lines, no table cell narrower than its longest word, no word broken across lines,
numbers with a decimal comma, every unit of the appendix present once."""

import re
import shutil
from datetime import date

import pytest
from django.core.management import call_command

from accounts.models import User
from campaigns.models import CampaignPeriod
from campaigns.summary import Issuer
from dashboards import periods
from documents.signing import SigningForm
from ratings import decision_document
from ratings.models import Decision
from reports import export
from reports.models import AnnualReport
from tests.documents.pages import broken_words, convert, grid_tables, narrow_cells, section_facts

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        shutil.which("soffice") is None or shutil.which("pdftotext") is None,
        reason="LibreOffice or poppler-utils is not installed",
    ),
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def rendered(demo, tmp_path):
    report = (
        AnnualReport.objects.filter(unit__code="SNV", criteria_set__year=date.today().year)
        .select_related("unit")
        .get()
    )
    decision = Decision.objects.select_related("run").order_by("-year").first()
    period = CampaignPeriod.objects.order_by("-end_year").first()
    lead = User.objects.get(username="lena")
    docs = {
        "report": export.report_docx(report),
        "decision": decision_document.decision_docx(decision),
        "period_party": periods.full_docx(period, lead, Issuer.PARTY, SigningForm.DEPUTY),
        "period_state": periods.full_docx(period, lead, Issuer.STATE, SigningForm.COLLECTIVE),
    }
    contexts = {
        "report": export.context(report),
        "decision": decision_document.context(decision),
        "period_party": periods.full_context(period, lead, Issuer.PARTY, SigningForm.DEPUTY),
        "period_state": periods.full_context(period, lead, Issuer.STATE),
    }
    return docs, contexts, convert(docs, tmp_path)


def test_every_page_is_a4_with_the_margins_of_the_format(rendered):
    docs, _contexts, pdfs = rendered
    for name, data in docs.items():
        for width, height, top, bottom, left, right in section_facts(data):
            assert (width, height) == (210, 297), name
            assert 20 <= top <= 25 and 20 <= bottom <= 25, name
            assert 30 <= left <= 35 and 15 <= right <= 20, name
        assert pdfs[name].pages and set(pdfs[name].pages) == {(210, 297)}, name


def test_header_lines_follow_the_issuer(rendered):
    _docs, _contexts, pdfs = rendered
    for name in ("report", "decision", "period_state"):
        text = pdfs[name].text
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text, name
        assert "Độc lập - Tự do - Hạnh phúc" in text, name
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in text, name
    party = pdfs["period_party"].text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in party and "Độc lập - Tự do" not in party
    assert "TỈNH ỦY ĐỒNG NAI" in party and "BAN DÂN VẬN" in party
    assert re.search(r"Số\s+-BC/BDVTU", party)
    assert "K/T TRƯỞNG BAN" in party and "PHÓ TRƯỞNG BAN" in party
    state = pdfs["period_state"].text
    # The left block wraps "ỦY BAN NHÂN DÂN TỈNH / ĐỒNG NAI" beside the motto.
    assert re.search(r"ỦY BAN NHÂN DÂN TỈNH\s+CỘNG HÒA[^\n]*\n\s+ĐỒNG NAI", state)
    assert "Số:" in state and "/BC-UBND" in state and "TM. ỦY BAN NHÂN DÂN" in state


def test_the_decision_signature_matches_its_authority_line(rendered):
    _docs, contexts, pdfs = rendered
    context = contexts["decision"]
    # The demo's decision is signed by a vice chair for the chair (KT. CHỦ TỊCH): the line
    # above the căn cứ names the chair's competence, and the signature block says the same.
    assert context["signer_lines"] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert context["authority"] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"
    text = pdfs["decision"].text
    assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    lines = [line.strip() for line in text.splitlines()]
    # One line each: never "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" run together.
    assert not any("KT. CHỦ TỊCH" in line and "PHÓ CHỦ TỊCH" in line for line in lines)


def test_recipients_end_in_semicolons_and_a_full_stop(rendered):
    _docs, _contexts, pdfs = rendered
    for name, pdf in pdfs.items():
        assert ".;" not in pdf.text, name
        assert re.search(r"- Lưu: [^\n]*\.\s*$", pdf.text, re.M), name


def test_no_word_is_broken_and_no_cell_is_narrower_than_its_longest_word(rendered):
    docs, contexts, pdfs = rendered
    for name, data in docs.items():
        tables = grid_tables(data)
        phrases = [cell for t in tables for row in t["rows"] for cell in row["cells"]]
        assert broken_words(pdfs[name], phrases) == [], name
        assert narrow_cells(tables, pdfs[name]) == [], name


def test_numbers_are_written_with_a_decimal_comma(rendered):
    _docs, contexts, pdfs = rendered
    appendix = [r["total"] for g in contexts["decision"]["groups"] for r in g["rows"]]
    assert any(appendix) and all(re.fullmatch(r"\d{1,3},\d{2}", t) for t in appendix if t)
    for name, pdf in pdfs.items():
        # No "95.60" (a decimal point) nor "95.6": a dot only groups thousands.
        assert not re.search(r"\b\d+\.\d{1,2}\b", pdf.text), name
    assert re.search(r"Tổng điểm tự chấm: \d+,\d{2}/100 điểm", pdfs["report"].text)


def test_every_unit_of_the_appendix_is_present_once(rendered):
    _docs, contexts, pdfs = rendered
    decision = Decision.objects.order_by("-year").first()
    expected = list(decision.run.results.values_list("unit__name", flat=True))
    text = re.sub(r"\s+", " ", pdfs["decision"].raw)
    appendix = text[text.index("PHỤ LỤC") :]
    assert expected
    for name in expected:
        assert appendix.count(name) == 1, name
    rows = [r["name"] for g in contexts["decision"]["groups"] for r in g["rows"]]
    assert sorted(rows) == sorted(expected)
    # Names as the registry writes them, not in title case.
    assert "Ủy Ban Nhân Dân" not in text
    assert f"của {contexts['decision']['issuer_name']}" in text
