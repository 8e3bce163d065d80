"""Award import in two phases with no loss: preview (a dry run that lists every error), then
confirm (all rows written in one transaction, or none).

The file is read by `danvan.xlsx` (header found below title rows, numbers and dates as text) and
run by the two-phase engine of `danvan.importing`; each phase hands the rows to the
django-import-export `AwardResource`, which checks the cells and writes the rows. The upload's
life (an `ImportBatch` of kind "awards", so admins see what every import did) is
`danvan.imports`'.
"""

import uuid

import tablib
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan import importing, imports, xlsx_writer
from danvan.importing import Planned, Status
from danvan.resources import declared_columns

from .resources import AwardResource

KIND = "awards"

COLUMNS = declared_columns(AwardResource)
IMPORT_TYPES = {
    "new": Status.NEW,
    "update": Status.CHANGED,
    "skip": Status.UNCHANGED,
}


def export_awards(queryset):
    """The awards as .xlsx bytes, in the columns the import reads back."""
    return xlsx_writer.dataset_xlsx(AwardResource().export(queryset), "Khen thưởng")


class AwardImporter(importing.Importer):
    """Awards known by (Số quyết định, Mã đơn vị, Họ và tên): a known row updates, a new one is
    created, an identical one is left alone."""

    columns = COLUMNS

    def check(self, table, errors):
        self.dataset = tablib.Dataset(headers=[column.label for column in table.columns])
        for row in table.rows:
            self.dataset.append([row.values[column.key] for column in table.columns])
        lines = [row.line for row in table.rows]
        result = self._import(dry_run=True)
        labels = {f.attribute: f.column_name for f in AwardResource().get_import_fields()}
        for invalid in result.invalid_rows:
            for attribute, messages in invalid.error_dict.items():
                for message in messages:
                    errors.add(lines[invalid.number - 1], labels.get(attribute, ""), message)
        for number, row_errors in result.row_errors():
            for error in row_errors:
                errors.add(lines[number - 1], "", str(error.error))
        return [
            Planned(
                line=row.line,
                key=" · ".join(
                    filter(
                        None,
                        (row.values.get(k) for k in ("decision_number", "unit", "person_name")),
                    )
                ),
                status=IMPORT_TYPES.get(row_result.import_type, Status.ERROR),
            )
            for row, row_result in zip(table.rows, result.rows, strict=True)
        ]

    def write(self, plan, progress):
        result = self._import(dry_run=False)
        if result.has_errors() or result.has_validation_errors():
            # The engine checked every row again just before, in this transaction.
            raise importing.Conflict(_("The rows changed while they were written; try again."))
        progress(len(plan), len(plan))

    def _import(self, dry_run):
        return AwardResource().import_data(
            self.dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )


def preview(upload, user):
    """Phase one: keep the file, check every row and record what it would do."""
    return imports.start(KIND, upload, user, file_name=f"awards-{uuid.uuid4().hex}.xlsx")


def confirm(batch, user):
    """Phase two: check again and write every row, or none (imports.AlreadyConfirmed for a
    second click)."""
    return imports.confirm(batch, user)


imports.register(
    imports.ImportKind(
        name=KIND,
        importer=lambda user: AwardImporter(),
        templates="campaigns/award_import",
        urls={"upload": "campaigns:award_import", "detail": "campaigns:award_import_batch"},
        changed_meanwhile=gettext_lazy(
            "The award list changed while this file was imported, so nothing was written. "
            "Upload it again."
        ),
    )
)
