"""The unit list import: the province's own Excel file in, units created or updated by code.

Built on the two-phase engine of `danvan.importing`: every row is checked against the whole
file and the database first; only a file without a single error is written, in one
transaction. Lookups are loaded once up front and rows written in bulk, so 10,000 rows take
about a second (see bench/import_units.py). A parent may come later in the file than its child.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import imports
from danvan.importing import Importer, Planned, Status, bulk_update
from danvan.text import fold

from .models import Unit, UnitGroup, UnitType, evaluated_by_default
from .resources import COLUMN, COLUMNS, NO, YES, group_lookup, type_label, type_lookup, yes_no

# The columns are `UnitResource`'s (units.resources); this module checks and writes them.
TEXT_FIELDS = ("name", "short_name", "email", "head_name", "head_title")
MAX_LENGTH = {key: Unit._meta.get_field(key).max_length for key in ("code", *TEXT_FIELDS)}
YEAR_RANGE = (1945, 2100)
BATCH = 1000


class UnitImporter(Importer):
    """Units by code: new codes are created, known codes updated; missing columns keep the
    stored values."""

    columns = COLUMNS

    def check(self, table, errors):
        existing = {unit.code: unit for unit in Unit.objects.all()}
        self.existing = existing
        self.groups_by_pk = {group.pk: group for group in UnitGroup.objects.all()}
        types, groups = type_lookup(), group_lookup()
        first_line, plan, parents = {}, [], {}
        for row in table.rows:
            values = self._clean_row(row, types, groups, errors)
            code = values["code"]
            if not code:
                plan.append(Planned(row.line, "", Status.ERROR))
                continue
            if code not in existing and values.get("is_evaluated") is None:
                values["is_evaluated"] = evaluated_by_default(values.get("type"))
            repeat = _("the code %(code)s already appears on row %(line)s.")
            if errors.repeated(first_line, code, row.line, COLUMN["code"], repeat, code=code):
                plan.append(Planned(row.line, code, Status.ERROR))
                continue
            if code not in existing and "type" not in values:
                errors.add(row.line, COLUMN["type"], _("this value is required."))
            if "parent" in values:
                parents[code] = values["parent"]
            plan.append(self._plan_row(row.line, code, values, existing.get(code)))
        self._check_parents(plan, parents, existing, first_line, errors)
        return plan

    def _clean_row(self, row, types, groups, errors):
        raw, values = row.values, {}
        for key in ("code", "name"):
            values[key] = raw.get(key, "")
            if not values[key]:
                errors.add(row.line, COLUMN[key], _("this value is required."))
        for key in ("code", *TEXT_FIELDS):
            if key not in raw:
                continue
            values[key] = raw[key]
            limit = MAX_LENGTH[key]
            if len(raw[key]) > limit:
                errors.add(
                    row.line,
                    COLUMN[key],
                    _("the value has %(length)s characters, at most %(limit)s are allowed.")
                    % {"length": len(raw[key]), "limit": limit},
                )
        if raw.get("email"):
            try:
                validate_email(raw["email"])
            except ValidationError:
                errors.add(
                    row.line,
                    COLUMN["email"],
                    _("“%(value)s” is not a valid e-mail address.") % {"value": raw["email"]},
                )
        if "type" in raw:
            values["type"] = self._choice(row, "type", types, errors, required=True)
        if "group" in raw:
            values["group"] = self._choice(row, "group", groups, errors)
        if "parent" in raw:
            values["parent"] = raw["parent"]
        for key in ("active_from", "active_to"):
            if key in raw:
                values[key] = self._year(row, key, errors)
        if raw.get("is_evaluated"):
            values["is_evaluated"] = self._yes_no(row, errors)
        start, end = values.get("active_from"), values.get("active_to")
        if start and end and end < start:
            errors.add(
                row.line,
                COLUMN["active_to"],
                _("the end year %(end)s is before the start year %(start)s.")
                % {"end": end, "start": start},
            )
        return values

    def _choice(self, row, key, lookup, errors, required=False):
        text = row.values.get(key, "")
        if not text:
            if required:
                errors.add(row.line, COLUMN[key], _("this value is required."))
            return None
        found = lookup.get(text)  # the exact spelling, else the folded one
        if found is None:
            found = lookup.get(fold(text))
        if found is None:
            if key == "type":
                known = ", ".join(type_label(value) for value in UnitType.values)
                message = _("unknown unit type “%(value)s”; use one of: %(known)s.")
            else:
                known = ", ".join(group.name for group in self.groups_by_pk.values())
                message = _("unknown group “%(value)s”; use one of: %(known)s.")
            errors.add(row.line, COLUMN[key], message % {"value": text, "known": known})
        return found

    def _yes_no(self, row, errors):
        text = fold(row.values["is_evaluated"])
        if text in YES:
            return True
        if text in NO:
            return False
        errors.add(
            row.line,
            COLUMN["is_evaluated"],
            _("“%(value)s” is neither yes nor no; write Có or Không.")
            % {"value": row.values["is_evaluated"]},
        )
        return None

    def _year(self, row, key, errors):
        text = row.values.get(key, "")
        if not text:
            return None
        low, high = YEAR_RANGE
        if not text.isdigit() or not low <= int(text) <= high:
            errors.add(
                row.line,
                COLUMN[key],
                _("“%(value)s” is not a year; write a year between %(low)s and %(high)s.")
                % {"value": text, "low": low, "high": high},
            )
            return None
        return int(text)

    def _plan_row(self, line, code, values, unit):
        if unit is None:
            return Planned(line, code, Status.NEW, payload=values)
        changes = {}
        for key, new in values.items():
            if key == "parent":
                continue  # compared in _check_parents, once every code of the file is known
            old = self.groups_by_pk.get(unit.group_id) if key == "group" else getattr(unit, key)
            if (old or None) != (new or None):
                changes[COLUMN[key].label] = (_display(key, old), _display(key, new))
        values["_unit"] = unit
        return Planned(line, code, Status.CHANGED if changes else Status.UNCHANGED, changes, values)

    def _check_parents(self, plan, parents, existing, first_line, errors):
        """Parents must exist in the file or the database, and never loop back."""
        codes_by_pk = {unit.pk: code for code, unit in existing.items()}
        parent_of = {code: codes_by_pk.get(unit.parent_id, "") for code, unit in existing.items()}
        for code, parent in parents.items():
            parent_of[code] = parent
        for row in plan:
            if row.status == Status.ERROR or row.key not in parents:
                continue
            parent = parents[row.key]
            if parent and parent not in first_line and parent not in existing:
                errors.add(
                    row.line,
                    COLUMN["parent"],
                    _("no unit has the code %(code)s, in this file or in the portal.")
                    % {"code": parent},
                )
                continue
            if row.status == Status.NEW:
                continue
            old_parent = codes_by_pk.get(row.payload["_unit"].parent_id, "")
            if old_parent != parent:
                row.status = Status.CHANGED
                row.changes[COLUMN["parent"].label] = (old_parent, parent)
        for row in plan:
            if row.status == Status.ERROR or not parents.get(row.key):
                continue
            if _loops(row.key, parent_of):
                errors.add(
                    row.line,
                    COLUMN["parent"],
                    _("unit %(code)s would end up under itself (a cycle of parent units).")
                    % {"code": row.key},
                )

    def write(self, plan, progress):
        """Create new units parents first (level by level, so each insert knows its parent's
        id), then update the changed ones."""
        total = len(plan)
        units = dict(self.existing)
        new_rows = [row for row in plan if row.status == Status.NEW]
        done = 0
        for level in _levels(new_rows, units):
            created = []
            for row in level:
                unit = Unit(code=row.key)
                self._assign(unit, row.payload, units)
                created.append(unit)
            for start in range(0, len(created), BATCH):
                Unit.objects.bulk_create(created[start : start + BATCH])
                done += len(created[start : start + BATCH])
                progress(done, total)
            units.update({unit.code: unit for unit in created})
        changed, fields = [], {"search_text"}
        for row in plan:
            if row.status == Status.CHANGED:
                unit = units[row.key]
                self._assign(unit, row.payload, units)
                fields.update(key for key in row.payload if key != "_unit")
                changed.append(unit)
        bulk_update(changed, sorted(fields))
        progress(total, total)

    def _assign(self, unit, values, units):
        for key, value in values.items():
            if key == "_unit":
                continue
            if key == "parent":
                unit.parent_id = units[value].pk if value else None
                continue
            if key in TEXT_FIELDS:
                value = value or ""
            setattr(unit, key, value)
        unit.search_text = unit.build_search_text()


def _levels(rows, existing):
    """New rows in insert order: first those whose parent already exists (or none), then their
    children, and so on. The file has no cycles by now."""
    pending = {row.key: row for row in rows}
    known = set(existing)
    while pending:
        level = [
            row
            for row in pending.values()
            if not row.payload.get("parent") or row.payload["parent"] in known
        ]
        if not level:
            raise ValueError(f"unresolved parents: {sorted(pending)[:5]}")
        for row in level:
            del pending[row.key]
            known.add(row.key)
        yield level


def _loops(code, parent_of):
    """Whether walking up from `code` comes back to it."""
    seen = set()
    current = parent_of.get(code, "")
    while current and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parent_of.get(current, "")
    return False


def _display(key, value):
    if value is None:
        return ""
    if key == "type":
        return type_label(value)
    if key == "is_evaluated":
        return yes_no(value)
    return str(value)


imports.register(
    imports.ImportKind(
        name="units",
        importer=lambda user: UnitImporter(),
        job="units.import",
        templates="units/import_",
        urls={
            "upload": "units:import",
            "history": "units:import_history",
            "detail": "units:import_detail",
            "confirm": "units:import_confirm",
            "progress": "units:import_progress",
        },
        changed_meanwhile=gettext_lazy(
            "The unit list changed while this file was imported. Upload it again."
        ),
    )
)
