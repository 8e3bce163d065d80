"""The people import: a province's Excel list in, accounts created or updated by e-mail.

Built on the two-phase engine of `danvan.importing`: every row is checked against the whole
file and the database first; only a file without a single error is written, in one
transaction, and each new account then gets one invitation (sent after commit). Nobody is
ever moved to another unit by a file: such a row is an error that says what to do instead.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import imports
from danvan.importing import Importer, Planned, Status
from danvan.text import clean, fold
from units.models import Unit

from . import services
from .models import UNIT_ROLES, Role, User
from .resources import COLUMN, COLUMNS, role_label

# Words provinces write for the roles besides our own labels.
ROLE_ALIASES = {
    "Cán bộ": Role.STAFF,
    "Chuyên viên": Role.STAFF,
    "Nhân viên": Role.STAFF,
    "Thủ trưởng": Role.HEAD,
    "Lãnh đạo đơn vị": Role.HEAD,
    "Thẩm định": Role.REVIEWER,
    "Thành viên đoàn thẩm định": Role.REVIEWER,
    "Trưởng đoàn": Role.LEAD,
    "Quản trị": Role.ADMIN,
    "Quản trị hệ thống": Role.ADMIN,
}


def _role_lookup():
    lookup = {fold(name): value for name, value in ROLE_ALIASES.items()}
    for value, label in Role.choices:
        lookup[fold(value)] = value
        lookup[fold(label)] = value
        lookup[fold(role_label(value))] = value
    return lookup


def _moved_message(existing):
    if existing.unit is None:
        return _(
            "this person has a province role and no unit; an import never moves anyone into "
            "a unit. Change the role and unit on the person's page first, or correct the file."
        )
    return _(
        "this person belongs to %(current)s; an import never moves anyone to another unit. "
        "Change the unit on the person's page first, or correct the code in the file."
    ) % {"current": existing.unit.code}


class UserImporter(Importer):
    """Accounts by e-mail: a new address creates an invited account, a known one updates its
    name, phone and role. Missing columns keep the stored values."""

    columns = COLUMNS

    def __init__(self, by=None):
        self.by = by

    def check(self, table, errors):
        users = {u.email.lower(): u for u in User.objects.select_related("unit") if u.email}
        usernames = {name.lower() for name in User.objects.values_list("username", flat=True)}
        units = {unit.code.upper(): unit for unit in Unit.objects.all()}
        roles = _role_lookup()
        first_line, plan = {}, []
        for row in table.rows:
            email = row.values.get("email", "").lower()
            if not self._valid_email(row, email, errors):
                plan.append(Planned(row.line, email, Status.ERROR))
                continue
            repeat = _("the address %(email)s already appears on row %(line)s.")
            if errors.repeated(first_line, email, row.line, COLUMN["email"], repeat, email=email):
                plan.append(Planned(row.line, email, Status.ERROR))
                continue
            existing = users.get(email)
            if existing is None and email in usernames:
                errors.add(
                    row.line,
                    COLUMN["email"],
                    _("this address is another account's user name; use another address."),
                )
                plan.append(Planned(row.line, email, Status.ERROR))
                continue
            plan.append(self._plan_row(row, email, existing, units, roles, errors))
        return plan

    def _valid_email(self, row, email, errors):
        if not email:
            errors.add(row.line, COLUMN["email"], _("this value is required."))
            return False
        try:
            validate_email(email)
        except ValidationError:
            errors.add(
                row.line,
                COLUMN["email"],
                _("“%(value)s” is not a valid e-mail address.") % {"value": email},
            )
            return False
        if len(email) > User._meta.get_field("username").max_length:
            errors.add(row.line, COLUMN["email"], _("the address is too long."))
            return False
        return True

    def _plan_row(self, row, email, existing, units, roles, errors):
        raw, line = row.values, row.line
        before = len(errors)
        full_name = raw.get("full_name", "")
        if not full_name and existing is None:
            errors.add(line, COLUMN["full_name"], _("this value is required."))
        role = self._role(row, existing, roles, errors)
        unit = self._unit(row, existing, units, errors)
        phone = raw.get("phone", "") if "phone" in raw else (existing.phone if existing else "")
        for key, value in (("full_name", full_name), ("phone", phone)):
            limit = User._meta.get_field(key).max_length
            if len(value) > limit:
                errors.add(
                    line,
                    COLUMN[key],
                    _("the value has %(length)s characters, at most %(limit)s are allowed.")
                    % {"length": len(value), "limit": limit},
                )
        if len(errors) == before and role is not None:
            self._check_role_and_unit(row, existing, role, unit, errors)
        if len(errors) > before:
            return Planned(line, email, Status.ERROR)
        values = {
            "full_name": full_name or existing.full_name,
            "email": email,
            "role": role,
            "unit": unit,
            "phone": phone,
        }
        if existing is None:
            return Planned(line, email, Status.NEW, payload=values)
        changes = {}
        for key in ("full_name", "phone"):
            if values[key] != getattr(existing, key):
                changes[COLUMN[key].label] = (getattr(existing, key), values[key])
        if role != existing.role:
            changes[COLUMN["role"].label] = (role_label(existing.role), role_label(role))
        if not changes:
            return Planned(line, email, Status.UNCHANGED)
        return Planned(line, email, Status.CHANGED, changes, payload={"user": existing, **values})

    def _role(self, row, existing, roles, errors):
        text = row.values.get("role", "")
        if not text:
            if existing is None:
                errors.add(row.line, COLUMN["role"], _("this value is required."))
                return None
            return existing.role
        role = roles.get(fold(text))
        if role is None:
            with translation.override("vi"):
                known = ", ".join(role_label(value) for value in Role.values)
            unknown = _("“%(value)s” is not a role; write one of: %(roles)s.")
            errors.add(row.line, COLUMN["role"], unknown % {"value": text, "roles": known})
        return role

    def _unit(self, row, existing, units, errors):
        if "unit_code" not in row.values:
            return existing.unit if existing else None
        code = clean(row.values["unit_code"])
        if not code:
            return None
        unit = units.get(code.upper())
        if unit is None:
            errors.add(
                row.line,
                COLUMN["unit_code"],
                _("no unit has the code %(code)s; check the code in the unit list.")
                % {"code": code},
            )
        return unit or False

    def _check_role_and_unit(self, row, existing, role, unit, errors):
        try:
            services.check_role_and_unit(role, unit)
        except services.AccountError as exc:
            errors.add(row.line, COLUMN["unit_code"], str(exc))
            return
        if existing is not None and existing.unit_id != (unit.pk if unit else None):
            # Never moved silently: the admin changes the unit on the person's page.
            errors.add(row.line, COLUMN["unit_code"], _moved_message(existing))
            return
        if existing is not None and self.by is not None and existing.pk == self.by.pk:
            if role != existing.role:
                errors.add(row.line, COLUMN["role"], _("You cannot change your own role."))
            return
        if existing is None and role in UNIT_ROLES and not unit.is_active_in(date.today().year):
            closed = _("the unit %(code)s no longer reports; no new account is made for it.")
            errors.add(row.line, COLUMN["unit_code"], closed % {"code": unit.code})

    def write(self, plan, progress):
        total = len(plan)
        for done, row in enumerate(plan, start=1):
            if row.status == Status.NEW:
                services.create_account(**row.payload, by=self.by)
            elif row.status == Status.CHANGED:
                values = dict(row.payload)
                user = values.pop("user")
                services.update_account(user, **values, by=self.by)
            if done % 100 == 0 or done == total:
                progress(done, total)


imports.register(
    imports.ImportKind(
        name="users",
        importer=UserImporter,
        templates="accounts/import_",
        urls={
            "upload": "accounts:import",
            "history": "accounts:import_history",
            "detail": "accounts:import_detail",
            "confirm": "accounts:import_confirm",
        },
        queue_unavailable=gettext_lazy(
            "The accounts are saved. The background service is not reachable right now, so "
            "their invitation e-mails wait and are sent by themselves when it is back."
        ),
        changed_meanwhile=gettext_lazy(
            "The account list changed while this file was imported, so nothing was written. "
            "Upload it again."
        ),
    )
)
