"""Award import in two phases with no loss: preview (a dry run that lists every error), then
confirm (all rows written in one transaction, or none).

The upload is kept as a `units.ImportBatch` (kind "awards") so admins see what every import
did. The reader here is small and campaigns' own: the generic reader of `danvan/xlsx.py` had not
landed when this was written.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook
from tablib import Dataset

from audit.services import Action, record
from danvan.text import clean, fold
from units.models import ImportBatch

from .resources import AwardResource

KIND = "awards"
HEADER_SEARCH_ROWS = 20


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message says what to do."""


def export_awards(queryset):
    """The awards as .xlsx bytes, in the columns the import reads back."""
    return AwardResource().export(queryset).export("xlsx")


def read_sheet(data):
    """The first sheet as a Dataset with the resource's column names, and the Excel line of
    each data row. Title rows above the header and columns the import does not know are
    skipped; empty rows are dropped but keep the line numbers of the others right."""
    try:
        rows = CalamineWorkbook.from_filelike(_bytes_io(data)).get_sheet_by_index(0).to_python()
    except (CalamineError, ValueError, OSError) as error:
        raise ImportFileError(
            _("The file cannot be read as an Excel workbook (.xlsx). Save it again as .xlsx.")
        ) from error
    columns = {fold(f.column_name): f.column_name for f in AwardResource().get_import_fields()}
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = {i: columns[fold(v)] for i, v in enumerate(row) if fold(clean(v)) in columns}
        if "Số quyết định" in found.values() and "Mã đơn vị" in found.values():
            header_index = index
            break
    else:
        raise ImportFileError(
            _("No header row with the columns “Số quyết định” and “Mã đơn vị” was found.")
        )
    dataset = Dataset(headers=list(found.values()))
    lines = []
    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        values = [row[i] if i < len(row) else "" for i in found]
        if all(clean(v) == "" for v in values):
            continue
        dataset.append(values)
        lines.append(offset)
    return dataset, lines


def _bytes_io(data):
    from io import BytesIO

    return BytesIO(data)


def run(data, dry_run):
    """Import `data`; return (result counts, errors). With errors nothing is written."""
    dataset, lines = read_sheet(data)
    resource = AwardResource()
    columns = {f.attribute: f.column_name for f in resource.get_import_fields()}
    with transaction.atomic():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
    errors = []
    for invalid in result.invalid_rows:
        line = lines[invalid.number - 1]
        for attribute, messages in invalid.error_dict.items():
            column = columns.get(attribute)
            for message in messages:
                errors.append(_cell_error(line, column, message))
    for number, row_errors in result.row_errors():
        for error in row_errors:
            errors.append(_cell_error(lines[number - 1], None, str(error.error)))
    errors.sort(key=lambda e: e["line"])
    totals = {
        "total": len(lines),
        "new": result.totals.get("new", 0),
        "update": result.totals.get("update", 0),
        "skip": result.totals.get("skip", 0),
    }
    return totals, errors


def _cell_error(line, column, message):
    if column:
        text = _("Line %(line)s, column %(column)s: %(message)s") % {
            "line": line,
            "column": column,
            "message": message,
        }
    else:
        text = _("Line %(line)s: %(message)s") % {"line": line, "message": message}
    return {"line": line, "column": column or "", "text": text}


def preview(upload, user):
    """Phase one: keep the file, dry-run it and record what it would do."""
    data = upload.read()
    batch = ImportBatch(kind=KIND, file_name=upload.name[:255], created_by=user)
    try:
        totals, errors = run(data, dry_run=True)
    except ImportFileError as error:
        totals, errors = (
            {"total": 0, "new": 0, "update": 0, "skip": 0},
            [{"line": 0, "column": "", "text": str(error)}],
        )
    _fill(batch, totals, errors)
    batch.status = ImportBatch.Status.PREVIEW if not errors else ImportBatch.Status.FAILED
    batch.file.save(f"awards-{timezone.now():%Y%m%d%H%M%S}.xlsx", ContentFile(data), save=False)
    batch.save()
    return batch


def confirm(batch, user):
    """Phase two: write every row, or none if anything changed since the preview."""
    if batch.kind != KIND or batch.status != ImportBatch.Status.PREVIEW:
        raise ImportFileError(_("This import has already been confirmed or cannot be confirmed."))
    with batch.file.open("rb") as handle:
        data = handle.read()
    totals, errors = run(data, dry_run=False)
    _fill(batch, totals, errors)
    batch.status = ImportBatch.Status.FAILED if errors else ImportBatch.Status.DONE
    batch.finished_at = timezone.now()
    batch.save()
    record(Action.IMPORT, user=user, obj=batch, kind=KIND, **totals, errors=len(errors))
    return batch


def _fill(batch, totals, errors):
    batch.total_rows = totals["total"]
    batch.created_count = totals["new"]
    batch.updated_count = totals["update"]
    batch.unchanged_count = totals["skip"]
    batch.rejected_count = len({e["line"] for e in errors})
    batch.errors = [e["text"] for e in errors]
    batch.progress_done = totals["total"]
