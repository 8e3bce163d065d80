"""The people spreadsheet's columns, declared once: django-import-export's `UserResource`.

The export writes all of them (`write_users`); the import reads the ones that are not
read-only (`COLUMNS`, through `danvan.resources.declared_columns`), so an exported list can be
corrected and imported back. Accounts are not imported through the Django admin: the people
import (accounts.importing) sends the invitations and never moves anyone to another unit.
"""

from django.utils import translation
from import_export import fields, resources, widgets

from danvan.resources import declared_columns, export_rows
from danvan.xlsx_writer import Column, Table, xlsx_bytes
from units.models import Unit

from .models import Role, User


def role_label(role):
    with translation.override("vi"):
        return str(Role(role).label)


class RoleWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return role_label(value) if value else ""


class LabelWidget(widgets.Widget):
    """A choice (the account's state) by its label."""

    def render(self, value, obj=None, **kwargs):
        return str(value.label) if value else ""


class NativeWidget(widgets.Widget):
    """The value as it is (a date time), for the .xlsx writer to format."""

    def render(self, value, obj=None, **kwargs):
        return value


class UserResource(resources.ModelResource):
    full_name = fields.Field("full_name", "Họ và tên")
    email = fields.Field("email", "E-mail")
    unit_code = fields.Field("unit", "Mã đơn vị", widget=widgets.ForeignKeyWidget(Unit, "code"))
    role = fields.Field("role", "Vai trò", widget=RoleWidget())
    phone = fields.Field("phone", "Điện thoại")
    unit_name = fields.Field("unit__name", "Đơn vị", readonly=True)
    username = fields.Field("username", "Tên đăng nhập", readonly=True)
    state = fields.Field("state", "Trạng thái", widget=LabelWidget(), readonly=True)
    last_login = fields.Field(
        "last_login", "Đăng nhập lần cuối", widget=NativeWidget(), readonly=True
    )

    # The other names provinces give the columns in their own files.
    header_aliases = {
        "full_name": ("Họ tên", "Tên", "Full name", "Name"),
        "email": ("Email", "Thư điện tử", "Địa chỉ email", "Địa chỉ e-mail", "Mail"),
        "unit_code": ("Mã ĐV", "Mã cơ quan", "Unit code"),
        "role": ("Quyền", "Role"),
        "phone": ("Số điện thoại", "SĐT", "ĐT", "Phone"),
    }
    required_columns = ("full_name", "email")

    class Meta:
        model = User
        fields = (
            "full_name",
            "email",
            "unit_code",
            "role",
            "phone",
            "unit_name",
            "username",
            "state",
            "last_login",
        )
        export_order = fields


COLUMNS = declared_columns(UserResource)
COLUMN = {column.key: column for column in COLUMNS}
WIDTHS = {"full_name": 28, "email": 30, "unit_name": 40, "last_login": 20}


def write_users(users):
    """`users` (a queryset with the unit selected) as .xlsx bytes."""
    with translation.override("vi"):
        rows = list(export_rows(UserResource, users.iterator(chunk_size=2000)))
    columns = [
        Column(str(UserResource.fields[key].column_name), WIDTHS.get(key))
        for key in UserResource._meta.fields
    ]
    return xlsx_bytes(Table("Người dùng", columns, rows))
