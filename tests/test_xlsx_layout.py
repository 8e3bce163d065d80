"""One output layer for spreadsheets (issue 16, item 5): every .xlsx the portal answers is laid
out by danvan.xlsx_writer, so each sheet has its header row bold and frozen, an autofilter over
the table and column widths, and the MIME type is written once."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT
from tests.security.test_formula_injection import _exports, world  # noqa: F401  (fixture)


def _header_row(sheet):
    return int(sheet.freeze_panes[1:]) - 1 if sheet.freeze_panes else None


@pytest.mark.django_db
def test_every_export_has_a_frozen_bold_header_an_autofilter_and_widths(client, world):  # noqa: F811
    problems = []
    exports = _exports(client, world)
    assert len(exports) >= 11
    for name, content in exports.items():
        for sheet in load_workbook(io.BytesIO(content)).worksheets:
            where = f"{name} · {sheet.title}"
            header = _header_row(sheet)
            if header is None:
                problems.append(f"{where}: no frozen header")
                continue
            titles = [c for c in sheet[header] if c.value not in (None, "")]
            if not titles:  # an empty chart: its sheet only says why (a note)
                assert any(c.value for row in sheet.iter_rows() for c in row), where
                continue
            if not all(c.font.b for c in titles):
                problems.append(f"{where}: header row {header} not bold")
            ref = sheet.auto_filter.ref or ""
            if not ref.startswith(f"A{header}:"):
                problems.append(f"{where}: autofilter {ref!r} not over the table")
            narrow = [
                c.column_letter
                for c in titles
                if not sheet.column_dimensions[c.column_letter].width
            ]
            if narrow:
                problems.append(f"{where}: no width for {narrow}")
    assert not problems, "\n".join(problems)


def test_the_xlsx_mime_type_is_written_once():
    mime = "spreadsheetml" + ".sheet"
    places = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/*.py")
        if path.relative_to(ROOT).parts[0] not in {".venv", "tests", "bench"}
        and mime in path.read_text(encoding="utf-8")
    ]
    assert places == [str(Path("danvan") / "xlsx_writer.py")]
