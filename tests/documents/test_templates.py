"""The default templates themselves, read from their XML: the page, the header blocks with
their rules, the tables, in the layout of Nghị định 30/2020 or Hướng dẫn 36-HD/VPTW."""

import io

import pytest
from docx import Document
from docx.shared import Pt

from documents import kinds, make_templates, render
from tests.documents.pages import grid_tables, header_cells, rule_after, section_facts

STATE = [kinds.Kind.REPORT, kinds.Kind.DECISION, kinds.Kind.PERIOD_STATE]


def template(kind):
    return kinds.default_path(kind).read_bytes()


@pytest.mark.parametrize("kind", list(kinds.Kind))
def test_a4_with_the_margins_and_font_of_the_format(kind):
    for width, height, top, bottom, left, right in section_facts(template(kind)):
        assert (width, height) == (210, 297)
        assert 20 <= top <= 25 and 20 <= bottom <= 25
        assert 30 <= left <= 35 and 15 <= right <= 20
    normal = Document(io.BytesIO(template(kind))).styles["Normal"].font
    assert normal.name == "Times New Roman" and Pt(13) <= normal.size <= Pt(14)


@pytest.mark.parametrize("kind", STATE)
def test_state_header_has_the_motto_and_the_rules_under_it(kind):
    left, right = header_cells(template(kind))
    texts = [p.text for p in right]
    assert texts[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert all(run.bold for p in right[:2] for run in p.runs)
    # A solid rule as long as "Độc lập - Tự do - Hạnh phúc" (about 62 mm in 14 pt bold).
    assert 58 <= rule_after(right, "Độc lập - Tự do - Hạnh phúc") <= 68
    # Under the issuing body a short rule, centred (a third to a half of a long name).
    assert 20 <= rule_after(left, "{{ issuing_body }}") <= 35
    assert any("Số: {{ number }}" in p.text for p in left)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in "\n".join(texts)


def test_party_header_follows_guidance_36():
    left, right = header_cells(template(kinds.Kind.PERIOD_PARTY))
    texts = [p.text for p in right]
    assert texts[0] == "ĐẢNG CỘNG SẢN VIỆT NAM" and right[0].runs[0].bold
    assert 55 <= rule_after(right, "ĐẢNG CỘNG SẢN VIỆT NAM") <= 68
    assert "Độc lập - Tự do - Hạnh phúc" not in texts
    assert [p.text for p in left] == [
        "{{ parent_body }}",
        "{{ issuing_body }}",
        "*",
        "Số {{ number }}",
    ]


@pytest.mark.parametrize("kind", list(kinds.Kind))
def test_table_rows_never_split_and_headers_repeat(kind):
    for table in grid_tables(template(kind)):
        header, *rows = table["rows"]
        assert header["header"] and header["cant_split"]
        assert any(r["cant_split"] for r in rows)


def test_the_report_indicator_table_has_a_narrow_number_column():
    (table,) = grid_tables(template(kinds.Kind.REPORT))
    stt, name, unit, value = table["widths"]
    assert stt <= 15 and name > 2 * max(unit, value)


def test_the_decision_appendix_leaves_room_for_names():
    (table,) = grid_tables(template(kinds.Kind.DECISION))
    assert table["rows"][0]["cells"][:2] == ["STT", "Tên cơ quan, đơn vị"]
    assert table["widths"][0] <= 15 and table["widths"][1] >= 60


@pytest.mark.parametrize("kind", list(kinds.Kind))
def test_every_template_renders_its_sample(kind):
    data = render.fill(template(kind), kinds.sample(kind))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "{{" not in text and "{%" not in text
    assert render.variables_used(template(kind)) <= kinds.names(kind)


def test_the_committed_templates_are_what_the_script_writes(tmp_path):
    """documents/make_templates.py is the source: run it after changing it."""
    make_templates.write_all(tmp_path)
    for kind in kinds.Kind:
        made = Document(tmp_path / f"{kind.value}.docx")
        committed = Document(kinds.default_path(kind))
        assert [p.text for p in made.paragraphs] == [p.text for p in committed.paragraphs]
        assert len(made.tables) == len(committed.tables)
