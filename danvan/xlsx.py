"""Reading tables out of the .xlsx files provinces already keep. Knows no model.

Real files start with title rows ("ỦY BAN NHÂN DÂN TỈNH ...") and merged cells, name their
columns with varying case, spacing and Unicode forms, store codes such as 101 as numbers, and
often carry hidden sheets and extra columns. `read_table` finds the header row by the column
names the caller expects, and returns the data rows as cleaned text with their Excel line
numbers, so every later error can say "Dòng 12, cột Mã đơn vị: ...".
"""

import datetime
import io
import itertools
import operator
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from danvan import formats
from danvan.text import clean

# How many distinct values of each column `read_table` keeps the text of (see _row).
CACHED_TEXTS = 256
# How far down the header row may be; real files have a handful of title rows.
HEADER_SEARCH_ROWS = 30
# A package that expands past BOMB_FLOOR bytes and more than BOMB_RATIO times its own size is a
# zip bomb, not a list: real workbooks compress about ten times.
BOMB_FLOOR = 20 * 1024 * 1024
BOMB_RATIO = 100
# The column letters of a cell reference (<c r="AB12">), the row number of a cell reference
# or of a row (<row r="12">), and the first row tag with its namespace prefix, if any. Only
# cells and rows carry an attribute named r in a sheet.
_REF_COLUMN = re.compile(rb' r="([A-Z]{1,3})[0-9]')
_REF_ROW = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,7})"')
# _FARTHER_COLUMN[n]: the column letters of references past column n (n < 26: one letter).
_FARTHER_COLUMN = [
    re.compile(rb' r="([A-Z]{2,3}|[' + bytes([65 + n]) + rb"-Z])[0-9]") for n in range(26)
]
_ROW_TAG = re.compile(rb"<([A-Za-z_][\w.-]*:)?row[\s>/]")
# Sheets are scanned in chunks of this size; no tag of a real sheet comes near MAX_TAG_BYTES.
SCAN_CHUNK = 1 << 20
MAX_TAG_BYTES = 64 * 1024


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
    rows: list  # of Row; a RowStream when read with stream=True
    header_line: int
    columns: list  # the Columns found in the header, in file order
    sheet: str
    # (line, Column, message) for cells that break a size limit; the caller reports them. A
    # streamed table adds them as its rows are read.
    cell_errors: list = field(default_factory=list)

    def has(self, key):
        return any(column.key == key for column in self.columns)

    @property
    def row_count(self):
        """The data rows: all of them, or those a RowStream has given so far."""
        return self.rows.count if isinstance(self.rows, RowStream) else len(self.rows)


class RowStream:
    """The data rows of a sheet read one at a time as they are iterated, once: a large file's
    rows are never all held at the same time. Iterating may raise XlsxError (a row past the
    limit, a damaged sheet further down)."""

    def __init__(self, first, rest):
        self._rows = itertools.chain((first,), rest)
        self.count = 0

    def __iter__(self):
        for row in self._rows:
            self.count += 1
            yield row


@dataclass(frozen=True)
class Limits:
    max_rows: int = 200_000
    max_columns: int = 200
    max_cell_chars: int = 2_000
    # The reader holds a sheet as a full grid of rows x columns (about 70 bytes a cell), so the
    # grid is bounded as a whole too: 200,000 rows of 15 columns (see bench/import_memory.py).
    max_cells: int = 3_000_000
    max_bytes: int = 50 * 1024 * 1024


class XlsxError(Exception):
    """The file as a whole cannot be read: the message says what to do, in the UI language."""


def _not_xlsx_message():
    return _(
        "The file is not an Excel .xlsx workbook. Save it as .xlsx (Excel Workbook) and retry."
    )


def header_key(text):
    """How header cells are compared: NFC, case-folded, without any white space."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    return re.sub(r"\s+", "", text)


def cell_text(value):
    """A cell as clean text: 101.0 -> "101", dates as ISO, text trimmed and NFC."""
    if type(value) is str:  # most cells, and every blank one ("")
        return clean(value) if value else ""
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
    not_xlsx = XlsxError(_not_xlsx_message())
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


class _Extent:
    """How large the grid of one sheet will be once the reader loads it, counted from its XML
    as it streams by: rows are counted by their tags (a file may leave out the cell references,
    and the reader then places cells one after another), cells per row likewise, and cell
    references stretch the grid to the farthest one. `check` refuses as soon as a limit is
    passed, so a hostile sheet is never read further than the limit."""

    def __init__(self, limits):
        self.limits = limits
        self.rows = self.width = self.row_cells = 0
        self.far_row = self.far_column = 0
        self.row_tag = None  # b"<row", with the sheet's namespace prefix if it uses one
        self.cell_tags = None  # b"<c ", b"<c>", b"<c/", likewise

    @staticmethod
    def _cells(pieces, tags):
        """The cells of each piece, counted by the cell tags `tags` (those the chunk holds:
        usually only b"<c ", counted without a Python call per row)."""
        if len(tags) == 1:
            return list(map(operator.methodcaller("count", tags[0]), pieces))
        return [sum(map(piece.count, tags)) for piece in pieces]

    def _farther_columns(self):
        """A pattern for the column letters of the references past the farthest one so far.
        While that is one letter (the lists we read), it matches only farther ones, so a chunk
        of ordinary cells yields no match, instead of an object per cell."""
        if self.far_column < len(_FARTHER_COLUMN):
            return _FARTHER_COLUMN[self.far_column]
        return _REF_COLUMN

    def scan(self, text):
        """Count what `text`, the next whole tags of the sheet, holds. Plain byte counts:
        a regular expression per cell takes seconds on a large sheet."""
        if self.row_tag is None:
            first = _ROW_TAG.search(text)
            if first is None:
                return
            prefix = first.group(1) or b""
            self.row_tag = b"<" + prefix + b"row"
            self.cell_tags = tuple(b"<" + prefix + b"c" + end for end in (b" ", b">", b"/"))
        tags = [tag for tag in self.cell_tags if tag in text]
        pieces = text.split(self.row_tag)
        self.row_cells += self._cells(pieces[:1], tags)[0]
        rows = [piece for piece in pieces[1:] if not piece.startswith(b"Breaks")]
        counts = self._cells(rows, tags)
        if counts:
            self.width = max(self.width, self.row_cells, *counts)
            self.rows += len(counts)
            self.row_cells = counts[-1]
        self.width = max(self.width, self.row_cells)
        columns = set(self._farther_columns().findall(text))
        if columns:
            self.far_column = max(self.far_column, *map(_column_number, columns))
        numbers = _REF_ROW.findall(text)
        if numbers:
            self.far_row = max(self.far_row, max(map(int, numbers)))

    def check(self):
        limits = self.limits
        height = max(self.rows, self.far_row)
        width = max(self.width, self.far_column)
        if width > limits.max_columns:
            raise XlsxError(
                _("A sheet has more than %(n)s columns; remove the unused ones.")
                % {"n": limits.max_columns}
            )
        if height > limits.max_rows + HEADER_SEARCH_ROWS:
            raise XlsxError(
                _("A sheet has more than %(n)s rows. Split it into smaller files.")
                % {"n": formats.count(limits.max_rows)}
            )
        # The header search's rows above the data, like the row limit.
        if (height - HEADER_SEARCH_ROWS) * width > limits.max_cells:
            raise XlsxError(
                _(
                    "A sheet has more than %(n)s cells (rows times columns). Remove the unused "
                    "columns or split it into smaller files."
                )
                % {"n": formats.count(limits.max_cells)}
            )


def measure_sheet(stream, limits, chunk_size=None):
    """Stream one sheet's XML from `stream` and refuse it as soon as its grid passes `limits`:
    reading stops there, whatever follows. Holds at most one chunk and one unfinished tag."""
    extent = _Extent(limits)
    tail = b""
    while chunk := stream.read(chunk_size or SCAN_CHUNK):
        text = tail + chunk
        # Keep an unfinished tag for the next chunk; every tag before it is whole.
        cut = text.rfind(b"<")
        if cut != -1 and text.find(b">", cut) == -1:
            text, tail = text[:cut], text[cut:]
            if len(tail) > MAX_TAG_BYTES:
                raise XlsxError(_not_xlsx_message())
        else:
            tail = b""
        extent.scan(text)
        extent.check()
    extent.scan(tail)
    extent.check()
    return extent


def _check_extent(archive, limits):
    """Refuse a sheet whose grid would be too large (far cell references such as A1 and
    XFD1048576, too many rows or cells) before the reader builds it: that grid is as large as
    the farthest cell, or as the rows and cells written without references, whatever the
    file's size."""
    for part in archive.infolist():
        if not part.filename.startswith("xl/worksheets/") or not part.filename.endswith(".xml"):
            continue
        with archive.open(part) as stream:
            measure_sheet(stream, limits)


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


def read_table(source, columns, limits=Limits(), stream=False):
    """Read the first visible sheet whose header row names the required `columns`.

    Returns a Table of non-blank rows; raises XlsxError when the file cannot be used at all.
    With `stream`, the rows are a RowStream read as they are iterated (the file's first data
    row is read here, so a file without any is still refused at once).
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
                % {"sheet": meta.name, "n": formats.count(limits.max_rows)}
            )
        # Row by row: only the header search's rows and the columns asked for are kept.
        cells = sheet.iter_rows()
        try:
            head = list(itertools.islice(cells, HEADER_SEARCH_ROWS))
        except CalamineError:
            raise _unreadable(meta.name) from None
        for index, candidate in enumerate(head):
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
                rest = itertools.chain(head[index + 1 :], cells)
                return _table(meta.name, rest, index, found, limits, stream)
            if best is None or len(found) > len(best):
                best = found
    if best is None:
        raise XlsxError(_("The file has no data. Fill in the list and retry."))
    missing = [c.label for c in required if c not in (best or {}).values()]
    raise XlsxError(
        _("No header row with the columns %(columns)s was found in the first %(n)s rows.")
        % {"columns": ", ".join(f"“{name}”" for name in missing), "n": HEADER_SEARCH_ROWS}
    )


def _table(sheet_name, cells, header_index, found, limits, stream=False):
    """The data rows after the header row: `cells` yields the rows below it, one at a time;
    reading stops at the first row past the limit."""
    ordered = [found[position] for position in sorted(found)]
    table = Table([], header_index + 1, ordered, sheet_name)
    rows = _rows(sheet_name, cells, header_index, found, limits, table.cell_errors)
    first = next(rows, None)
    if first is None:
        raise XlsxError(_("The file has a header row but no data rows. Fill in the list."))
    table.rows = RowStream(first, rows) if stream else [first, *rows]
    return table


def _rows(sheet_name, cells, header_index, found, limits, errors):
    """The non-blank rows of `cells` as Rows, one at a time."""
    read = 0
    texts = {position: {} for position in found}
    try:
        for index, raw in enumerate(cells, start=header_index + 1):
            row = _row(errors, index, raw, found, limits, texts)
            if row is None:
                continue
            read += 1
            if read > limits.max_rows:
                raise XlsxError(
                    _("The file has more than %(n)s rows. Split it into smaller files.")
                    % {"n": formats.count(limits.max_rows)}
                )
            yield row
    except CalamineError:
        raise _unreadable(sheet_name) from None


def _row(errors, index, raw, found, limits, texts):
    """The Row of the sheet's row `raw`, None when blank. `texts` remembers, column by column,
    the text of the first CACHED_TEXTS values met: the values a list repeats (types, groups,
    parent codes, years) are cleaned once and their text shared by every row."""
    width = len(raw)
    values = {}
    for position, column in found.items():
        if position >= width:
            values[column.key] = ""
            continue
        value = raw[position]
        known = texts[position]
        text = known.get(value)
        if text is None:
            text = cell_text(value)
            if len(known) < CACHED_TEXTS:
                known[value] = text
        values[column.key] = text
    if not any(values.values()):
        return None
    limit = limits.max_cell_chars
    if max(map(len, values.values())) > limit:
        for column in found.values():
            text = values[column.key]
            if len(text) > limit:
                message = _("the value is longer than %(n)s characters.") % {"n": limit}
                errors.append((index + 1, column, message))
                values[column.key] = text[:limit]
    return Row(line=index + 1, values=values)
