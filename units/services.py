"""Importing and exporting the unit list. Views, the admin and the Celery task call these;
the import's life is danvan.imports'."""

from danvan import imports, xlsx_writer
from danvan.resources import export_rows

from .resources import COLUMNS, UnitResource

KIND = "units"
JOB = "units.import"


def batches():
    """The unit imports; the same table also keeps the people and award imports."""
    return imports.batches(KIND)


def start_import(upload, user):
    """Store the uploaded file and check it; the batch awaits confirmation unless it has errors."""
    return imports.start(KIND, upload, user)


def confirm_import(batch, user=None):
    """Write the batch now, or queue it for the worker when the file is large; a second
    confirm changes nothing."""
    try:
        return imports.confirm(batch, user)
    except imports.AlreadyConfirmed:
        return batch


def orphaned_batches():
    """Unit imports whose worker was killed (see danvan.imports.orphaned)."""
    return imports.orphaned(KIND)


def record_batch(file_name, user, total, created, updated, unchanged):
    """Record an import done by the Django admin's import-export in the history."""
    return imports.record_done(KIND, file_name, user, total, created, updated, unchanged)


def record_refused(file_name, user, outcome):
    """Record a file the Django admin's import-export refused in the history."""
    return imports.record_refused(KIND, file_name, user, outcome)


def export_units(queryset):
    """The units as .xlsx bytes with the import's columns, so that importing the export back
    changes nothing."""
    units = queryset.select_related("group", "parent").order_by("code")
    rows = export_rows(UnitResource, units.iterator(chunk_size=2000))
    widths = {"name": 50, "short_name": 24, "group": 28, "email": 28, "head_name": 24}
    columns = [xlsx_writer.Column(c.label, widths.get(c.key)) for c in COLUMNS]
    return xlsx_writer.xlsx_bytes(xlsx_writer.Table("Danh sách đơn vị", columns, rows))
