"""The columns of the people spreadsheet: the export writes them and the import reads them,
so an exported list can be corrected and imported back."""

from django.utils import translation

from danvan.xlsx_writer import Column, Table, xlsx_bytes

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


def role_label(role):
    with translation.override("vi"):
        return str(Role(role).label)


def write_users(users):
    """`users` (a queryset with the unit selected) as .xlsx bytes."""
    with translation.override("vi"):
        rows = [
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
            ]
            for user in users.iterator(chunk_size=2000)
        ]
    widths = {FULL_NAME: 28, EMAIL: 30, "Đơn vị": 40, "Đăng nhập lần cuối": 20}
    columns = [Column(title, widths.get(title)) for title in EXPORT_COLUMNS]
    return xlsx_bytes(Table("Người dùng", columns, rows))
