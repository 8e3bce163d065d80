"""The unit list import: the province's own Excel file in, units created or updated by code.

Built on the two-phase engine of `danvan.importing`: every row is checked against the whole
file and the database first; only a file without a single error is written, in one
transaction. Lookups are loaded once up front; rows are read from the file one at a time and
kept as tuples; new units get their ids before they are written, so a parent may come later in
the file than its child and every new unit is still written in one pass (COPY on PostgreSQL):
10,000 rows take well under a second (see bench/import_units.py).
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import imports
from danvan.importing import Importer, Planned, Status, insert_rows, new_ids, update_rows
from danvan.text import fold

from .models import UNIT_FIELDS, Unit, UnitGroup, UnitType, evaluated_by_default
from .resources import COLUMN, COLUMNS, NO, YES, group_lookup, type_label, type_lookup, yes_no

# The columns are `UnitResource`'s (units.resources); this module checks and writes them.
TEXT_FIELDS = ("name", "short_name", "email", "head_name", "head_title")
MAX_LENGTH = {key: Unit._meta.get_field(key).max_length for key in ("code", *TEXT_FIELDS)}
YEAR_RANGE = (1945, 2100)
YEARS = {str(year): year for year in range(YEAR_RANGE[0], YEAR_RANGE[1] + 1)}

# What a checked row keeps for the write (its payload), in this order; the parent codes are
# kept apart (`UnitImporter.parents`). KEEP where the file says nothing (a column it lacks, a
# blank "Được đánh giá"): the stored value stays, a new unit gets the default.
FIELDS = tuple(key for key in UNIT_FIELDS if key not in ("code", "parent"))
KEEP = object()
KEEPS = (KEEP,) * len(FIELDS)
GROUP = FIELDS.index("group")
# A stored unit as the check loads it: (pk, parent id, then FIELDS as stored, group as its id).
STORED = ("pk", "parent_id", *(f"{key}_id" if key == "group" else key for key in FIELDS))
FIELD_AT = {key: position + 2 for position, key in enumerate(FIELDS)}  # its place in STORED
NEW_DEFAULTS = tuple(Unit._meta.get_field(key).get_default() for key in FIELDS)


def _email_validator():
    """Django's `validate_email` with its patterns compiled once here: through the lazy
    objects it keeps them in, every match costs a proxy call, a quarter of the check's time."""
    validator = EmailValidator()
    for name in ("user_regex", "domain_regex", "literal_regex"):
        lazy = getattr(EmailValidator, name)
        setattr(validator, name, re.compile(lazy.pattern, lazy.flags))
    return validator


validate_email = _email_validator()


class UnitImporter(Importer):
    """Units by code: new codes are created, known codes updated; missing columns keep the
    stored values."""

    columns = COLUMNS
    streams_rows = True

    def check(self, table, errors):
        existing = {
            row[0]: row[1:] for row in Unit.objects.values_list("code", *STORED).iterator(5000)
        }
        self.existing = existing
        self.groups_by_pk = {group.pk: group for group in UnitGroup.objects.all()}
        types, groups = type_lookup(), group_lookup()
        first_line, plan, parents = {}, [], {}
        self.parents = parents  # code -> parent code ("" for none), for the rows that say it
        repeat = _("the code %(code)s already appears on row %(line)s.")
        for row in table.rows:
            values = self._clean_row(row, types, groups, errors)
            code = values["code"]
            if not code:
                plan.append(Planned(row.line, "", Status.ERROR))
                continue
            if code not in existing and values.get("is_evaluated") is None:
                values["is_evaluated"] = evaluated_by_default(values.get("type"))
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
        year = YEARS.get(text)
        if year is not None:
            return year
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

    def _plan_row(self, line, code, values, stored):
        """The row's status and, for a known unit, what changes (in the file's column order).
        An unchanged row keeps no payload: nothing of it is written, unless its parent
        changes (then the parent alone)."""
        payload = [*map(values.get, FIELDS, KEEPS)]
        group = payload[GROUP]
        if group is not None and group is not KEEP:
            payload[GROUP] = group.pk  # the payload is as the database takes it
        payload = tuple(payload)
        if stored is None:
            return Planned(line, code, Status.NEW, payload=payload)
        changes = {}
        for key, new in values.items():
            if key in ("code", "parent"):
                continue  # the parent is compared in _check_parents, once the file is read
            old = stored[FIELD_AT[key]]
            if key == "group":  # compared by id, shown by name
                if old != (None if new is None else new.pk):
                    old = self.groups_by_pk.get(old)
                    changes[COLUMN[key].label] = (_display(key, old), _display(key, new))
            elif (old or None) != (new or None):
                changes[COLUMN[key].label] = (_display(key, old), _display(key, new))
        if not changes:
            return Planned(line, code, Status.UNCHANGED)
        return Planned(line, code, Status.CHANGED, changes, payload)

    def _check_parents(self, plan, parents, existing, first_line, errors):
        """Parents must exist in the file or the database, and never loop back."""
        codes_by_pk = {stored[0]: code for code, stored in existing.items()}
        parent_of = {code: codes_by_pk.get(stored[1], "") for code, stored in existing.items()}
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
            old_parent = codes_by_pk.get(existing[row.key][1], "")
            if old_parent != parent:
                row.status = Status.CHANGED
                row.changes = {**row.changes, COLUMN["parent"].label: (old_parent, parent)}
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
        """Insert the new units (their ids drawn first, so each row knows its parent's id
        wherever the parent is in the file; the foreign key is checked at commit), then
        update the changed ones."""
        total = len(plan)
        new = [row for row in plan if row.status == Status.NEW]
        ids = dict(zip((row.key for row in new), new_ids(Unit, len(new)), strict=True))
        existing, parents = self.existing, self.parents

        def parent_id(code, stored):
            parent = parents.get(code, KEEP)
            if parent is KEEP:
                return None if stored is None else stored[1]
            if not parent:
                return None
            return ids[parent] if parent in ids else existing[parent][0]

        rows = (
            (ids[row.key], row.key, parent_id(row.key, None), *self._values(row, None))
            for row in new
        )
        columns = ("id", "code", "parent", *FIELDS, "search_text")
        insert_rows(Unit, columns, rows, done=lambda written: progress(written, total))
        changed = [row for row in plan if row.status == Status.CHANGED]
        # Only the fields some changed row gives are written: the file says nothing of the others.
        given = {
            key
            for row in changed
            if row.payload is not None
            for key, value in zip(FIELDS, row.payload, strict=True)
            if value is not KEEP
        }
        fields = [key for key in FIELDS if key in given]
        positions = [FIELDS.index(key) for key in fields]
        with_parent = any(row.key in parents for row in changed)

        def changed_row(row):
            stored = existing[row.key]
            values = self._values(row, stored)
            out = [stored[0]]
            if with_parent:
                out.append(parent_id(row.key, stored))
            out += [values[position] for position in positions]
            out.append(values[-1])  # search_text
            return out

        names = (*(("parent",) if with_parent else ()), *fields, "search_text")
        update_rows(Unit, names, (changed_row(row) for row in changed))
        progress(total, total)

    def _values(self, row, stored):
        """FIELDS and then search_text as the database takes them: what the file says, else
        what is stored (or the default, for a new unit)."""
        payload = row.payload
        defaults = NEW_DEFAULTS if stored is None else stored[2:]
        if payload is None:
            values = list(defaults)
        else:
            values = [d if v is KEEP else v for v, d in zip(payload, defaults, strict=True)]
        values.append(Unit.search_text_of(row.key, values[0], values[1]))
        return values


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
