"""Reading tables out of the .xlsx files provinces already keep. Knows no model.

Real files start with title rows ("ỦY BAN NHÂN DÂN TỈNH ...") and merged cells, name their
columns with varying case, spacing and Unicode forms, store codes such as 101 as numbers, and
often carry hidden sheets and extra columns. `read_table` finds the header row by the column
names the caller expects, and returns the data rows as cleaned text with their Excel line
numbers, so every later error can say "Dòng 12, cột Mã đơn vị: ...".
"""

import datetime
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from danvan.text import clean

# How far down the header row may be; real files have a handful of title rows.
HEADER_SEARCH_ROWS = 30
# A package that expands past BOMB_FLOOR bytes and more than BOMB_RATIO times its own size is a
# zip bomb, not a list: real workbooks compress about ten times.
BOMB_FLOOR = 20 * 1024 * 1024
BOMB_RATIO = 100
_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]{1,7})"')


@dataclass(frozen=True)
class Column:
    """A column the caller understands: `key` in the returned rows, `label` as written in files
    we export and in error messages, `aliases` other names accepted in the header."""

    key: str
    label: str
    aliases: tuple = ()
    required: bool = False

    def names(self):
        return {header_key(name) for name in (self.label, self.key, *self.aliases)}


@dataclass
class Row:
    line: int  # the Excel row number (1-based), as the user sees it
    values: dict  # column key -> cleaned text ("" when blank)


@dataclass
class Table:
    rows: list
    header_line: int
    columns: list  # the Columns found in the header, in file order
    sheet: str
    # (line, Column, message) for cells that break a size limit; the caller reports them.
    cell_errors: list = field(default_factory=list)

    def has(self, key):
        return any(column.key == key for column in self.columns)


@dataclass(frozen=True)
class Limits:
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell_chars: int = 2_000
    max_bytes: int = 50 * 1024 * 1024


class XlsxError(Exception):
    """The file as a whole cannot be read: the message says what to do, in the UI language."""


def header_key(text):
    """How header cells are compared: NFC, case-folded, without any white space."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", "", text)


def cell_text(value):
    """A cell as clean text: 101.0 -> "101", dates as ISO, text trimmed and NFC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if not value.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return clean(value)


def _read_bytes(source):
    if isinstance(source, bytes | bytearray):
        return bytes(source)
    if hasattr(source, "read"):
        if hasattr(source, "seek"):
            source.seek(0)
        return source.read()
    with open(source, "rb") as handle:
        return handle.read()


def open_workbook(source, limits=Limits()):
    """Open `source` (path, bytes or file object) if its content is an .xlsx workbook."""
    data = _read_bytes(source)
    if not data:
        raise XlsxError(_("The file is empty. Choose an Excel file (.xlsx) with the list."))
    if len(data) > limits.max_bytes:
        raise XlsxError(
            _("The file is larger than %(mb)s MB. Split it into smaller files.")
            % {"mb": limits.max_bytes // (1024 * 1024)}
        )
    # The content decides, not the file name: an .xlsx is a zip holding xl/workbook.xml.
    not_xlsx = XlsxError(
        _("The file is not an Excel .xlsx workbook. Save it as .xlsx (Excel Workbook) and retry.")
    )
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_package(archive.infolist(), len(data), not_xlsx)
            _check_extent(archive, limits)
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise not_xlsx from None
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise not_xlsx from exc


def _check_package(parts, size, not_xlsx):
    """Refuse what the package holds besides a plain workbook, before anything is expanded."""
    names = {part.filename.lower() for part in parts}
    if "xl/workbook.xml" not in names:
        raise not_xlsx
    if any(name.endswith("vbaproject.bin") for name in names):
        raise XlsxError(
            _("The workbook contains macros. Save it as a plain Excel Workbook (.xlsx) and retry.")
        )
    if any(name.startswith("xl/externallinks/") for name in names):
        raise XlsxError(
            _(
                "The workbook links to other files. Break the links (Data, Edit Links, "
                "Break Link), save it and retry."
            )
        )
    expanded = sum(part.file_size for part in parts)
    if expanded > BOMB_FLOOR and expanded > BOMB_RATIO * size:
        raise XlsxError(
            _("The file expands to an abnormal size and was not read. Save the list again.")
        )


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _check_extent(archive, limits):
    """Refuse a sheet whose cells reach far (e.g. A1 and XFD1048576) before the reader builds
    its grid: that grid is as large as the farthest cell, whatever the file's size."""
    for part in archive.infolist():
        if not part.filename.startswith("xl/worksheets/") or not part.filename.endswith(".xml"):
            continue
        rows = columns = 0
        with archive.open(part) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                text = tail + chunk
                for letters, row in _CELL_REF.findall(text):
                    rows = max(rows, int(row))
                    columns = max(columns, _column_number(letters))
                tail = text[-64:]
        if columns > limits.max_columns:
            raise XlsxError(
                _("A sheet has more than %(n)s columns; remove the unused ones.")
                % {"n": limits.max_columns}
            )
        if rows > limits.max_rows + HEADER_SEARCH_ROWS:
            raise XlsxError(
                _("A sheet has more than %(n)s rows. Split it into smaller files.")
                % {"n": limits.max_rows}
            )


def _unreadable(sheet_name):
    return XlsxError(
        _(
            "The sheet “%(sheet)s” is damaged or holds characters not allowed in Excel. "
            "Open it in Excel, save it again as .xlsx and retry."
        )
        % {"sheet": sheet_name}
    )


def _duplicate_header(cells, columns):
    """The label of a column named twice in the header row `cells`, else None."""
    seen = set()
    for cell in cells:
        if not isinstance(cell, str):
            continue
        key = header_key(cell)
        column = next((c for c in columns if key in c.names()), None)
        if column is None:
            continue
        if column in seen:
            return column.label
        seen.add(column)
    return None


def _match_header(cells, columns):
    """Columns found in a candidate header row: {cell index: Column}."""
    by_name = {}
    for column in columns:
        for name in column.names():
            by_name.setdefault(name, column)
    found = {}
    for index, cell in enumerate(cells):
        if not isinstance(cell, str) or not cell.strip():
            continue
        column = by_name.get(header_key(cell))
        if column is not None and column not in found.values():
            found[index] = column
    return found


def read_table(source, columns, limits=Limits()):
    """Read the first visible sheet whose header row names the required `columns`.

    Returns a Table of non-blank rows; raises XlsxError when the file cannot be used at all.
    """
    workbook = open_workbook(source, limits)
    required = [column for column in columns if column.required]
    best = None
    for meta in workbook.sheets_metadata:
        if meta.visible != SheetVisibleEnum.Visible:
            continue
        try:
            sheet = workbook.get_sheet_by_name(meta.name)
        except CalamineError:
            raise _unreadable(meta.name) from None
        if sheet.height == 0:
            continue
        if sheet.width > limits.max_columns:
            raise XlsxError(
                _("The sheet “%(sheet)s” has more than %(n)s columns; remove the unused ones.")
                % {"sheet": meta.name, "n": limits.max_columns}
            )
        if sheet.height > limits.max_rows + HEADER_SEARCH_ROWS:
            raise XlsxError(
                _("The sheet “%(sheet)s” has more than %(n)s rows. Split it into smaller files.")
                % {"sheet": meta.name, "n": limits.max_rows}
            )
        try:
            cells = sheet.to_python(skip_empty_area=False)
        except CalamineError:
            raise _unreadable(meta.name) from None
        for index, candidate in enumerate(cells[:HEADER_SEARCH_ROWS]):
            found = _match_header(candidate, columns)
            if all(column in found.values() for column in required) and found:
                twice = _duplicate_header(candidate, columns)
                if twice:
                    raise XlsxError(
                        _(
                            "The header row names the column “%(column)s” twice. Delete one of "
                            "them and retry."
                        )
                        % {"column": twice}
                    )
                return _table(meta.name, cells, index, found, limits)
            if best is None or len(found) > len(best):
                best = found
    if best is None:
        raise XlsxError(_("The file has no data. Fill in the list and retry."))
    missing = [c.label for c in required if c not in (best or {}).values()]
    raise XlsxError(
        _("No header row with the columns %(columns)s was found in the first %(n)s rows.")
        % {"columns": ", ".join(f"“{name}”" for name in missing), "n": HEADER_SEARCH_ROWS}
    )


def _table(sheet_name, cells, header_index, found, limits):
    rows, errors = [], []
    for index in range(header_index + 1, len(cells)):
        raw = cells[index]
        values = {}
        for position, column in found.items():
            text = cell_text(raw[position]) if position < len(raw) else ""
            if len(text) > limits.max_cell_chars:
                errors.append(
                    (
                        index + 1,
                        column,
                        _("the value is longer than %(n)s characters.")
                        % {"n": limits.max_cell_chars},
                    )
                )
                text = text[: limits.max_cell_chars]
            values[column.key] = text
        if any(values.values()):
            rows.append(Row(line=index + 1, values=values))
    if not rows:
        raise XlsxError(_("The file has a header row but no data rows. Fill in the list."))
    if len(rows) > limits.max_rows:
        raise XlsxError(
            _("The file has more than %(n)s rows. Split it into smaller files.")
            % {"n": limits.max_rows}
        )
    ordered = [found[position] for position in sorted(found)]
    return Table(rows, header_index + 1, ordered, sheet_name, errors)
