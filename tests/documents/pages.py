"""What a clerk checks on a printed document, read from the .docx XML and from the PDF
LibreOffice makes of it (pdftotext, pdfinfo)."""

import io
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


def mm(twips):
    return int(twips) / TWIPS_PER_MM


def section_facts(data):
    """[(width mm, height mm, top, bottom, left, right)] of each section."""
    document = Document(io.BytesIO(data))
    return [
        tuple(
            round(getattr(s, name) / Mm(1))
            for name in (
                "page_width",
                "page_height",
                "top_margin",
                "bottom_margin",
                "left_margin",
                "right_margin",
            )
        )
        for s in document.sections
    ]


def header_cells(data):
    """The first table's two cells (the header blocks), as lists of paragraphs."""
    document = Document(io.BytesIO(data))
    left, right = document.tables[0].rows[0].cells
    return left.paragraphs, right.paragraphs


def rule_after(paragraphs, text):
    """The length in mm of the rule drawn right under the paragraph `text` (a top border of
    the next paragraph, within its indents), or None."""
    for i, paragraph in enumerate(paragraphs[:-1]):
        if paragraph.text.strip() != text:
            continue
        rule = paragraphs[i + 1]
        pPr = rule._p.pPr
        border = pPr.find(qn("w:pBdr")) if pPr is not None else None
        if border is None or border.find(qn("w:top")) is None or rule.text.strip():
            return None
        cell = rule._parent
        width = cell.width / Mm(1)
        fmt = rule.paragraph_format
        return width - (fmt.left_indent or 0) / Mm(1) - (fmt.right_indent or 0) / Mm(1)
    return None


def grid_tables(data):
    """Each ruled table of the body: its column widths (mm) and its rows' cell texts."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    from lxml import etree

    root = etree.fromstring(xml)
    tables = []
    for table in root.iter(f"{W}tbl"):
        borders = table.find(f"{W}tblPr/{W}tblStyle")
        if borders is None:  # the header and signature layout tables have no style
            continue
        widths = [mm(c.get(f"{W}w")) for c in table.find(f"{W}tblGrid")]
        rows = []
        for tr in table.findall(f"{W}tr"):
            rows.append(
                {
                    "cells": [
                        "".join(t.text or "" for t in tc.iter(f"{W}t"))
                        for tc in tr.findall(f"{W}tc")
                    ],
                    "cant_split": tr.find(f"{W}trPr/{W}cantSplit") is not None,
                    "header": tr.find(f"{W}trPr/{W}tblHeader") is not None,
                }
            )
        tables.append({"widths": widths, "rows": rows})
    return tables


@dataclass
class Pdf:
    path: Path
    text: str  # pdftotext -layout
    raw: str  # pdftotext -raw: the order of the content, a table cell's lines together
    words: list  # (word, width mm) from pdftotext -bbox
    pages: list  # [(width mm, height mm)]


def convert(docs, out):
    """Convert {name: docx bytes} to PDF in one LibreOffice run; {name: Pdf}."""
    out.mkdir(parents=True, exist_ok=True)
    for name, data in docs.items():
        (out / f"{name}.docx").write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{out}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *[str(out / f"{name}.docx") for name in docs],
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {name: read_pdf(out / f"{name}.pdf") for name in docs}


def read_pdf(path):
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    raw = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (m.group(3), (float(m.group(2)) - float(m.group(1))) * 25.4 / 72)
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            bbox,
        )
    ]
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True
    ).stdout
    pages = [
        (round(float(w) * 25.4 / 72), round(float(h) * 25.4 / 72))
        for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]
    return Pdf(path, text, raw, words, pages)


def unescape(word):
    return (
        word.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    )


def tokens(pdf):
    return [unescape(w) for w, _width in pdf.words]


def broken_words(pdf, phrases):
    """Words of `phrases` (names, headings) that the PDF does not print whole: a word split
    over two lines appears as two pieces."""
    printed = set(tokens(pdf))
    missing = []
    for phrase in phrases:
        for word in str(phrase).split():
            if word not in printed:
                missing.append(word)
    return missing


def word_widths(pdf):
    """The printed width (mm) of each word, the widest occurrence."""
    widths = {}
    for word, width in pdf.words:
        word = unescape(word)
        widths[word] = max(width, widths.get(word, 0))
    return widths


def narrow_cells(tables, pdf, padding=3.8):
    """(table, column, word, word mm, column mm) for each cell narrower than its longest
    word as printed (plus the cell's inner margins, 1.9 mm each side in LibreOffice)."""
    widths = word_widths(pdf)
    found = []
    for t, table in enumerate(tables):
        grid = table["widths"]
        for row in table["rows"]:
            if len(row["cells"]) != len(grid):
                continue
            for c, text in enumerate(row["cells"]):
                for word in text.split():
                    if word in widths and widths[word] + padding > grid[c]:
                        found.append((t, c, word, round(widths[word], 1), round(grid[c], 1)))
    return found
