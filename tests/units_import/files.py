"""Build .xlsx files in memory the way provinces make them: title rows, merged cells, numbers."""

import io
import unicodedata

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

SAMPLE = "/work/shared/samples/units_sample.xlsx"
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


def unit_row(code, name, type_="Sở, ban, ngành", group="Khối sở, ban, ngành", parent="", **kw):
    return [
        kw.get("stt", 1),
        code,
        name,
        kw.get("short_name", ""),
        type_,
        group,
        parent,
        kw.get("email", f"{str(code).lower()}@tinh.example.vn"),
        kw.get("head_name", "Nguyễn Văn A"),
        kw.get("head_title", "Giám đốc"),
        kw.get("active_from", 2025),
        kw.get("active_to"),
    ]


def xlsx_bytes(rows, header=HEADER, title_rows=(), hidden_sheet=False):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    if hidden_sheet:
        # A hidden sheet first, holding a header and rows that must never be read.
        hidden = workbook.create_sheet("Ẩn", 0)
        hidden.append(HEADER)
        hidden.append(unit_row("HIDDEN", "Không được đọc"))
        hidden.sheet_state = "hidden"
    for title in title_rows:
        sheet.append([title])
    if title_rows:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def upload(data, name="don-vi.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def sample_upload():
    with open(SAMPLE, "rb") as handle:
        return upload(handle.read(), "units_sample.xlsx")


def nfd(text):
    return unicodedata.normalize("NFD", text)
