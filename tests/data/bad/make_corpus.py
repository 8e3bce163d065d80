"""Writes the hostile-file corpus next to this script; the files are committed, this is how.

    .venv/bin/python tests/data/bad/make_corpus.py

Each file is named for what is wrong with it; `MANIFEST` says which door it is thrown at
(`import`: the .xlsx imports; `evidence`: report and model evidence uploads) and whether it must be
refused ("reject") or may be read as long as nothing unsafe comes of it ("safe").
"""

import io
import json
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
HEADER = [
    "STT",
    "Mã đơn vị",
    "Tên đơn vị",
    "Tên viết tắt",
    "Loại đơn vị",
    "Khối",
    "Mã đơn vị cấp trên",
    "Email",
    "Thủ trưởng",
    "Chức vụ",
    "Hoạt động từ năm",
    "Ngừng từ năm",
]
GOOD_ROW = [1, "BAD01", "Sở Thử nghiệm", "STN", "Sở, ban, ngành", "", "", "", "", "", 2025, None]
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
MZ = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
    + b"\x00" * 50
    + b"PE\x00\x00"
    + b"\x00" * 200
)
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
PNG = bytes.fromhex(
    "89504E470D0A1A0A0000000D4948445200000001000000010806000000"
    "1F15C4890000000D49444154789C6360000002000154A24F5D0000000049454E44AE426082"
)

NS = "http://schemas.openxmlformats.org"
EXTERNAL_LINK = (
    f'<?xml version="1.0"?><externalLink xmlns="{NS}/spreadsheetml/2006/main">'
    f'<externalBook r:id="rId1" xmlns:r="{NS}/officeDocument/2006/relationships"/></externalLink>'
).encode()
EXTERNAL_LINK_RELS = (
    f'<?xml version="1.0"?><Relationships xmlns="{NS}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{NS}/officeDocument/2006/relationships/externalLinkPath" '
    'Target="file:///C:/secret.xlsx" TargetMode="External"/></Relationships>'
).encode()

MANIFEST = {}


def save(name, data, targets, expect="reject"):
    (HERE / name).write_bytes(data)
    MANIFEST[name] = {"targets": targets, "expect": expect}


def workbook(rows, title="Danh sách đơn vị", sheets=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for extra_title, extra_rows, state in sheets or []:
        extra = wb.create_sheet(extra_title)
        for row in extra_rows:
            extra.append(row)
        extra.sheet_state = state
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def patch_zip(data, replace=None, add=None):
    """Rewrite parts of an .xlsx package: the tricks openpyxl will not write itself."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if replace and item.filename in replace:
                content = replace[item.filename](content)
            target.writestr(item.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def sheet_xml(cells_xml):
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{cells_xml}</sheetData></worksheet>"
    ).encode()


def inline_row(number, values):
    cells = "".join(
        f'<c r="{chr(65 + i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'


def main():
    good = workbook([HEADER, GOOD_ROW])

    # Not spreadsheets at all, whatever the name says.
    save("elf_executable_renamed.xlsx", ELF, ["import"])
    save("windows_executable_renamed.xlsx", MZ, ["import"])
    save("elf_executable_renamed.pdf", ELF, ["evidence"])
    save("windows_executable_renamed.docx", MZ, ["evidence"])
    save("shell_script_renamed.png", b"#!/bin/sh\nrm -rf /\n", ["evidence"])
    save(
        "html_page_renamed.xlsx",
        b"<html><body><table><tr><td>UBNDT</td></tr></table></body></html>",
        ["import"],
    )
    save("csv_text_renamed.xlsx", ",".join(HEADER).encode() + b"\n1,BAD01,So\n", ["import"])
    save(
        "latin1_text_renamed.xlsx",
        "Mã đơn vị;Tên\nBAD01;Sở".encode("latin-1", "replace"),
        ["import"],
    )
    save("utf16_text_renamed.xlsx", "Mã đơn vị\tTên\nBAD01\tSở".encode("utf-16"), ["import"])
    save("legacy_xls_ole_renamed.xlsx", OLE, ["import"])
    save("encrypted_office_file.xlsx", OLE + b"EncryptedPackage", ["import", "evidence"])
    save("empty_file.xlsx", b"", ["import"])
    save("empty_file.pdf", b"", ["evidence"])
    save("nul_bytes_only.xlsx", b"\x00" * 4096, ["import"])
    save("truncated_package.xlsx", good[: len(good) // 2], ["import"])
    save("png_named_as_pdf.pdf", PNG, ["evidence"])
    save(
        "svg_with_script_renamed.png",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ["evidence"],
    )
    save("zip_archive_renamed.docx", zip_of({"readme.txt": b"not a Word document"}), ["evidence"])

    # Packages that are .xlsx, but hostile or useless.
    bomb = (
        "<row r='1'><c r='A1' t='inlineStr'><is><t>"
        + " " * (120 * 1024 * 1024)
        + "</t></is></c></row>"
    )
    save(
        "zip_bomb_sheet.xlsx",
        patch_zip(good, replace={"xl/worksheets/sheet1.xml": lambda _: sheet_xml(bomb)}),
        ["import"],
    )
    save(
        "nested_zip_bomb.xlsx",
        zip_of({"inner.zip": zip_of({"a.txt": b"0" * (50 * 1024 * 1024)})}),
        ["import", "evidence"],
    )
    save("empty_workbook.xlsx", workbook([]), ["import"])
    save(
        "title_rows_without_header.xlsx",
        workbook([["ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI"], ["DANH SÁCH"], []]),
        ["import"],
    )
    save("header_without_rows.xlsx", workbook([HEADER]), ["import"])
    save(
        "all_sheets_empty.xlsx",
        workbook([], sheets=[("Trống 2", [], "visible"), ("Trống 3", [], "visible")]),
        ["import"],
    )
    save(
        "ten_thousand_columns.xlsx",
        workbook([HEADER + [f"Cột {i}" for i in range(10_000)], GOOD_ROW]),
        ["import"],
    )
    save(
        "huge_cell.xlsx",
        workbook([HEADER, GOOD_ROW[:2] + ["Sở " + "X" * 32_000] + GOOD_ROW[3:]]),
        ["import"],
    )
    save(
        "duplicate_headers.xlsx",
        workbook([HEADER + ["Mã đơn vị"], GOOD_ROW + ["BAD02"]]),
        ["import"],
    )
    save(
        "date_where_year_belongs.xlsx",
        workbook([HEADER, GOOD_ROW[:10] + ["2025-01-15", None]]),
        ["import"],
    )
    from datetime import datetime

    save(
        "datetime_cell_as_year.xlsx",
        workbook([HEADER, GOOD_ROW[:10] + [datetime(2025, 1, 15), None]]),
        ["import"],
    )
    save(
        "text_where_year_belongs.xlsx",
        workbook([HEADER, GOOD_ROW[:10] + ["năm hai nghìn", None]]),
        ["import"],
    )
    save(
        "formulas_and_dde.xlsx",
        workbook(
            [
                HEADER,
                [
                    1,
                    "BAD01",
                    '=HYPERLINK("http://evil.example","Sở")',
                    "=cmd|' /C calc'!A0",
                    "Sở, ban, ngành",
                    "",
                    "",
                    "",
                    "",
                    "",
                    2025,
                    None,
                ],
            ]
        ),
        ["import"],
    )
    save(
        "external_link.xlsx",
        patch_zip(
            good,
            add={
                "xl/externalLinks/externalLink1.xml": EXTERNAL_LINK,
                "xl/externalLinks/_rels/externalLink1.xml.rels": EXTERNAL_LINK_RELS,
            },
        ),
        ["import"],
    )
    save(
        "macro_project.xlsx",
        patch_zip(good, add={"xl/vbaProject.bin": OLE}),
        ["import", "evidence"],
    )
    save(
        "html_and_script_in_cells.xlsx",
        workbook(
            [
                HEADER,
                [
                    1,
                    "XSS01",
                    "<script>alert('x')</script>Sở <b>Đậm</b>",
                    "<img src=x onerror=alert(1)>",
                    "Sở, ban, ngành",
                    "",
                    "",
                    "",
                    "",
                    "",
                    2025,
                    None,
                ],
            ]
        ),
        ["import"],
        expect="safe",
    )
    save(
        "nul_byte_in_cell.xlsx",
        patch_zip(
            good,
            replace={
                "xl/worksheets/sheet1.xml": lambda _: sheet_xml(
                    inline_row(1, HEADER[:3]) + inline_row(2, ["1", "BAD&#0;01", "Sở"])
                )
            },
        ),
        ["import"],
    )
    control = inline_row(1, HEADER[:3]) + inline_row(2, ["1", "BAD_x000B_01", "Sở_x0007_"])
    save(
        "control_chars_in_cell.xlsx",
        patch_zip(good, replace={"xl/worksheets/sheet1.xml": lambda _: sheet_xml(control)}),
        ["import"],
    )
    save(
        "data_on_hidden_sheet_only.xlsx",
        workbook([], title="Trống", sheets=[("Ẩn", [HEADER, GOOD_ROW], "hidden")]),
        ["import"],
    )
    far_row = inline_row(1, HEADER) + inline_row(1_048_576, ["9", "FAR01", "Sở Xa"])
    save(
        "last_excel_row_used.xlsx",
        patch_zip(good, replace={"xl/worksheets/sheet1.xml": lambda _: sheet_xml(far_row)}),
        ["import"],
        expect="safe",
    )
    save(
        "right_to_left_override_name.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
        ["evidence"],
        expect="safe",
    )

    (HERE / "MANIFEST.json").write_text(
        json.dumps(MANIFEST, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"{len(MANIFEST)} files written to {HERE}")


def zip_of(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


if __name__ == "__main__":
    main()
