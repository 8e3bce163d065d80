"""People lists as provinces make them: title rows above the header, codes as numbers."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADER = ["STT", "Họ và tên", "E-mail", "Mã đơn vị", "Vai trò", "Điện thoại"]


def person(name, email, unit_code, role, phone=""):
    return [None, name, email, unit_code, role, phone]


def people_xlsx(rows, header=HEADER, title_rows=("DANH SÁCH TÀI KHOẢN NĂM 2026",)):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Người dùng"
    for title in title_rows:
        sheet.append([title])
    if title_rows:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
        sheet.append([])
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row[1:]])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def upload(data, name="nguoi-dung.xlsx"):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")
