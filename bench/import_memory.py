"""Peak memory of reading an import file: the largest file the limits allow, and a hostile one.

    .venv/bin/python bench/import_memory.py [--rows 200000] [--hostile-rows 1000000]

Writes two .xlsx files the way a generator may (the sheet's XML written directly):

1. largest allowed: a unit list of `--rows` data rows (the row limit) under a header row, the
   twelve columns of the unit import plus three extra columns: 15 columns, the grid the cell
   limit (`danvan.xlsx.Limits.max_cells`) still admits; every cell has its reference;
2. hostile: `--hostile-rows` rows of a few cells each, written without cell references (so no
   reference tells how far the sheet reaches) and small enough for the upload limit.

Each file is read by `danvan.xlsx.read_table` with the unit import's columns (the step every
import runs before checking any row), in a fresh process, and the script prints the file size,
the outcome, the time and the process's peak resident memory (`ru_maxrss`: it includes the
reader's own allocations, which tracemalloc does not see) against a process that only starts.
"""

import argparse
import itertools
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Danh sách đơn vị" sheetId="1" r:id="rId1"/>'
    "</sheets></workbook>"
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER = [
    "STT", "Mã đơn vị", "Tên đơn vị", "Tên viết tắt", "Loại đơn vị", "Khối",
    "Mã đơn vị cấp trên", "Email", "Thủ trưởng", "Chức vụ", "Hoạt động từ năm", "Ngừng từ năm",
] + [f"Ghi chú {i}" for i in range(1, 4)]  # fmt: skip


def _letters(number):
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(65 + rest) + text
    return text


def _cell(value, ref=None):
    where = f' r="{ref}"' if ref else ""
    if isinstance(value, int):
        return f"<c{where}><v>{value}</v></c>"
    return f'<c{where} t="inlineStr"><is><t>{value}</t></is></c>'


def _row_values(i):
    code = f"DV{i:06d}"
    return [
        i, code, f"Ủy ban nhân dân xã số {i}", f"UBND xã {i}", "UBND xã", "Khối xã, phường",
        "TINH", f"{code.lower()}@tinh.example.vn", f"Trần Thị Hoa {i}", "Chủ tịch", 2025, "",
    ] + [f"ghi chú {i}-{j}" for j in range(1, 4)]  # fmt: skip


def write_xlsx(path, rows, with_refs=True):
    """`rows` (an iterable of lists) as the only sheet of an .xlsx at `path`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("_rels/.rels", RELS)
        package.writestr("xl/workbook.xml", WORKBOOK)
        package.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            )
            for line, values in enumerate(rows, start=1):
                cells = "".join(
                    _cell(value, f"{_letters(col)}{line}" if with_refs else None)
                    for col, value in enumerate(values, start=1)
                )
                where = f' r="{line}"' if with_refs else ""
                sheet.write(f"<row{where}>{cells}</row>".encode())
            sheet.write(b"</sheetData></worksheet>")


def largest(path, n):
    write_xlsx(path, itertools.chain([HEADER], (_row_values(i) for i in range(1, n + 1))))


def hostile(path, n):
    rows = (["Mã đơn vị", "Tên đơn vị", "Khối"] if i == 0 else [i, f"X{i}", 1] for i in range(n))
    write_xlsx(path, rows, with_refs=False)


def measure(path):
    """Run in a fresh process: read `path` as the unit import does; print one line of JSON-ish
    text: outcome, seconds, peak RSS in MB."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.utils import translation

    from danvan.xlsx import XlsxError, read_table
    from units.importing import COLUMNS

    translation.activate("vi")
    start = time.perf_counter()
    if path == "-":
        outcome = "(nothing read)"
    else:
        try:
            outcome = f"{len(read_table(path, COLUMNS).rows):,} rows read"
        except XlsxError as refusal:
            outcome = f"refused: {refusal}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{outcome}\t{seconds:.1f} s\t{peak:.0f} MB")


def run(path):
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().split("\t")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--hostile-rows", type=int, default=1_000_000)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure)
        return
    outcome, _, baseline = run("-")
    print(f"process start (Django set up, nothing read): peak {baseline}")
    with tempfile.TemporaryDirectory() as folder:
        cases = [
            ("largest allowed", largest, args.rows),
            ("hostile, no cell references", hostile, args.hostile_rows),
        ]
        for label, make, n in cases:
            path = Path(folder) / f"{make.__name__}.xlsx"
            make(path, n)
            size = path.stat().st_size / (1024 * 1024)
            outcome, seconds, peak = run(path)
            print(f"{label}: {n:,} rows, {size:.1f} MB file: {outcome}; {seconds}, peak {peak}")


if __name__ == "__main__":
    main()
