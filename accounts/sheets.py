"""The columns of the people spreadsheet: the export writes them and the import reads them,
so an exported list can be corrected and imported back."""

from django.utils import translation

from danvan import formats
from danvan.xlsx_writer import Workbook

from .models import Role

FULL_NAME, EMAIL, UNIT_CODE, ROLE, PHONE = (
    "Họ và tên",
    "E-mail",
    "Mã đơn vị",
    "Vai trò",
    "Điện thoại",
)
IMPORT_COLUMNS = [FULL_NAME, EMAIL, UNIT_CODE, ROLE, PHONE]
EXPORT_COLUMNS = [*IMPORT_COLUMNS, "Đơn vị", "Tên đăng nhập", "Trạng thái", "Đăng nhập lần cuối"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def role_label(role):
    with translation.override("vi"):
        return str(Role(role).label)


def write_users(users, stream):
    """Write `users` (a queryset with the unit selected) to `stream` as .xlsx."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Người dùng")
    sheet.append(EXPORT_COLUMNS)
    with translation.override("vi"):
        for user in users.iterator(chunk_size=2000):
            formats.xlsx_row(
                sheet,
                [
                    user.full_name,
                    user.email,
                    user.unit.code if user.unit else "",
                    str(user.get_role_display()),
                    user.phone,
                    user.unit.name if user.unit else "",
                    user.username,
                    str(user.state.label),
                    user.last_login,
                ],
            )
    workbook.save(stream)
