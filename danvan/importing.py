"""A two-phase Excel import: check every row, then write all rows or none.

Any import (units, users, awards, ...) is a subclass of `Importer` that declares its `columns`
and implements two methods:

- `check(table, errors)`: look at every row of the `danvan.xlsx.Table`, add each problem with
  `errors.add(line, column, message)`, and return a list of `Planned` rows (what each row would
  do: create, change which fields, or nothing). It must not write.
- `write(plan, progress)`: apply the planned rows. The engine calls it only when no row has an
  error, inside one transaction, so a crash (or a killed worker) leaves nothing half-written.
  Call `progress(done, total)` now and then.

`preview(importer, source)` runs the first phase; `apply(importer, source)` runs both (checking
again, because the data may have changed since the preview). Both return an `Outcome`.
`bulk_update(objects, fields)` is there for `write`: Django's own builds a CASE per row and
field and takes seconds for a few thousand rows. An importer that keeps its rows as tuples
writes them with `new_ids`, `insert_rows` (COPY on PostgreSQL) and `update_rows` instead.

An importer whose `streams_rows` is true gets `table.rows` as a `danvan.xlsx.RowStream`: each
row is read from the file as `check` iterates it, once, so a large file's rows are never all
held as Rows; `check` keeps what `write` needs in a compact form.
"""

import io
from contextlib import nullcontext
from dataclasses import dataclass, field
from types import MappingProxyType

from django.db import connections, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.xlsx import Limits, XlsxError, read_table

# Rows sent to the database per statement by insert_rows and update_rows.
WRITE_BATCH = 2000


class Status:
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ERROR = "error"

    LABELS = {
        NEW: gettext_lazy("New"),
        CHANGED: gettext_lazy("Changed"),
        UNCHANGED: gettext_lazy("Unchanged"),
        ERROR: gettext_lazy("Error"),
    }


@dataclass
class RowError:
    line: int | None  # Excel row number; None for a problem of the whole file
    column: str  # column label as in the file; "" when it concerns the whole row
    message: str
    sheet: str = ""  # the sheet's title, for a workbook read sheet by sheet

    def __str__(self):
        if self.sheet:
            return self._in_sheet()
        if self.line is None:
            return self.message
        if not self.column:
            return _("Row %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return _("Row %(line)s, column %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }

    def _in_sheet(self):
        """A workbook of several sheets also names the sheet: "Dòng 3, cột X (trang Y): ..."."""
        names = {"row": self.line, "column": self.column, "sheet": self.sheet}
        if self.line is None:
            text = _("Sheet %(sheet)s: %(message)s")
        elif self.column:
            text = _("Row %(row)s, column %(column)s (sheet %(sheet)s): %(message)s")
        else:
            text = _("Row %(row)s (sheet %(sheet)s): %(message)s")
        return text % {**names, "message": self.message}


class Errors:
    """The problems found so far, in the order they were found."""

    def __init__(self):
        self.items = []
        self.lines = set()

    def add(self, line, column, message, sheet=""):
        label = getattr(column, "label", column) or ""
        self.items.append(RowError(line, str(label), str(message), sheet))
        if line is not None:
            self.lines.add(line)

    def repeated(self, seen, key, line, column, message, **names):
        """Whether `key` (a row's identity) was on an earlier row of the file: a repeat is an
        error (`message` gets that row as %(line)s, and `names`); a first one is remembered
        in `seen` (key -> line)."""
        if key in seen:
            self.add(line, column, message % {"line": seen[key], **names})
            return True
        seen[key] = line
        return False

    def __bool__(self):
        return bool(self.items)

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)


# The changes of a row that changes nothing: one read-only mapping shared by all such rows.
NO_CHANGES = MappingProxyType({})


@dataclass(slots=True)
class Planned:
    """What one row would do. `changes` maps a column label to (old, new) for CHANGED rows;
    `payload` is whatever the importer's `write` needs."""

    line: int
    key: str
    status: str
    changes: dict = field(default_factory=lambda: NO_CHANGES)
    payload: object = None

    @property
    def status_label(self):
        return Status.LABELS[self.status]


@dataclass
class Outcome:
    plan: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # RowError
    written: bool = False
    total_rows: int = 0

    @property
    def ok(self):
        return not self.errors

    def count(self, status):
        return sum(1 for row in self.plan if row.status == status)

    @property
    def counts(self):
        """What the import wrote (or, for a clean preview, would write), the rows refused and
        the number of errors. A file with any error is refused whole, so it writes nothing:
        its created/updated/unchanged are 0, whatever its good rows would have done."""
        refused = not self.ok
        rejected = len({e.line for e in self.errors if e.line is not None})
        return {
            "created": 0 if refused else self.count(Status.NEW),
            "updated": 0 if refused else self.count(Status.CHANGED),
            "unchanged": 0 if refused else self.count(Status.UNCHANGED),
            "rejected": rejected,
            "errors": len(self.errors),
        }

    def error_messages(self):
        return [str(error) for error in self.errors]

    def preview(self, limit=500):
        """What a preview page shows: the rows that would change (the first `limit`), and how
        many more there are."""
        shown = [row for row in self.plan if row.status != Status.UNCHANGED]
        return {"outcome": self, "rows": shown[:limit], "hidden_rows": max(0, len(shown) - limit)}


class Conflict(Exception):
    """Raised by `write` when the rows changed between the check and the write; the
    transaction is rolled back and the message is the batch's error."""


class Importer:
    """Base class of an import; see the module docstring."""

    columns = ()
    limits = Limits()
    streams_rows = False

    def check(self, table, errors):
        raise NotImplementedError

    def write(self, plan, progress):
        raise NotImplementedError


def _no_progress(done, total):
    pass


def _run(importer, source, commit, progress):
    streamed = importer.streams_rows
    try:
        table = read_table(source, importer.columns, importer.limits, stream=streamed)
        errors = Errors()
        if not streamed:
            _add_cell_errors(errors, table)
        plan = importer.check(table, errors)
    except XlsxError as exc:  # the file, or (streamed) a row past the limit or a damaged one
        return Outcome(errors=[RowError(None, "", str(exc))])
    if streamed:
        # A streamed table's cell errors are known only now; they come first, as when read whole.
        checked, errors = errors, Errors()
        _add_cell_errors(errors, table)
        errors.items += checked.items
        errors.lines |= checked.lines
    outcome = Outcome(plan=plan, errors=list(errors), total_rows=table.row_count)
    if errors:
        error_lines = errors.lines
        for row in plan:
            if row.line in error_lines:
                row.status = Status.ERROR
        return outcome
    if commit:
        importer.write(plan, progress or _no_progress)
        outcome.written = True
    return outcome


def _add_cell_errors(errors, table):
    for line, column, message in table.cell_errors:
        errors.add(line, column, message)


def preview(importer, source):
    """Read and check every row; write nothing."""
    return _run(importer, source, commit=False, progress=None)


def apply(importer, source, progress=None):
    """Check every row again and, if none has an error, write them all in one transaction."""
    with transaction.atomic():
        return _run(importer, source, commit=True, progress=progress)


def bulk_update(objects, field_names, batch_size=500, using="default"):
    """Write `field_names` of many saved model instances with one UPDATE ... FROM (VALUES ...)
    per batch. Same effect as QuerySet.bulk_update, without its per-row CASE expressions.
    Works on PostgreSQL and SQLite (3.33+)."""
    if not objects:
        return
    connection = connections[using]
    meta = type(objects[0])._meta
    fields = [meta.pk] + [meta.get_field(name) for name in field_names]
    rows = (
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in fields]
        for obj in objects
    )
    update_rows(type(objects[0]), field_names, rows, batch_size, using)


def _batches(rows, size):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def update_rows(model, field_names, rows, batch_size=500, using="default"):
    """Write `field_names` of saved rows: `rows` yields (pk, value, ...) in that order, values
    ready for the database (str, int, bool, None). One UPDATE ... FROM (VALUES ...) per batch.
    Returns the number of rows."""
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = model._meta
    fields = [meta.pk] + [meta.get_field(name) for name in field_names]
    table = quote(meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)
    assignments = ", ".join(
        f"{quote(field.column)} = CAST(v.{quote(field.column)} AS {field.cast_db_type(connection)})"
        for field in fields[1:]
    )
    pk = quote(meta.pk.column)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    done = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, batch_size):
            cursor.execute(
                f"WITH v({columns}) AS (VALUES {', '.join([placeholder] * len(batch))}) "
                f"UPDATE {table} SET {assignments} FROM v "
                f"WHERE {table}.{pk} = CAST(v.{pk} AS {meta.pk.cast_db_type(connection)})",
                [value for row in batch for value in row],
            )
            done += len(batch)
    return done


def new_ids(model, n, using="default"):
    """`n` primary keys for rows about to be inserted with `insert_rows`, so that rows can
    refer to each other (a parent later in the file) in a single pass. On PostgreSQL they come
    from the table's sequence (safe against concurrent inserts); elsewhere (SQLite, one writer
    at a time) they follow the largest id, as the database would number them."""
    if n <= 0:
        return []
    connection = connections[using]
    meta = model._meta
    table, pk = meta.db_table, meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence's name first: inside the series, pg_get_serial_sequence would run
            # for every row (ten times the cost of the nextval calls).
            cursor.execute(
                "SELECT pg_get_serial_sequence(%s, %s)", [connection.ops.quote_name(table), pk]
            )
            sequence = cursor.fetchone()[0]
            cursor.execute(
                "SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [sequence, n]
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)}")
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + n))


def _copy_text(value):
    """A value in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if type(value) is not str:
        return str(value)
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        return value.translate(_COPY_ESCAPES)
    return value


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def insert_rows(model, field_names, rows, done=None, batch_size=WRITE_BATCH, using="default"):
    """Insert `rows`, tuples of values for `field_names` (the primary key among them, from
    `new_ids`) ready for the database (str, int, bool, None). PostgreSQL gets one COPY per
    batch, other databases one executemany; `done(n)` is told the rows written so far after
    each batch, for a progress bar. The caller's transaction makes it all or nothing. Returns
    the number of rows."""
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(quote(meta.get_field(name).column) for name in field_names)
    table = quote(meta.db_table)
    written = 0
    with connection.cursor() as cursor:
        for batch in _batches(rows, batch_size):
            if connection.vendor == "postgresql":
                text = "".join("\t".join(map(_copy_text, row)) + "\n" for row in batch)
                sql = f"COPY {table} ({columns}) FROM STDIN"
                # Logged like any query when queries are (DEBUG, query-count tests).
                logged = getattr(cursor, "debug_sql", None)
                with logged(sql) if logged else nullcontext(), connection.wrap_database_errors:
                    cursor.cursor.copy_expert(sql, io.StringIO(text))
            else:
                placeholders = ", ".join(["%s"] * len(field_names))
                cursor.executemany(
                    f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", batch
                )
            written += len(batch)
            if done is not None:
                done(written)
    return written
