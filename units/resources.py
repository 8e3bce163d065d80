"""django-import-export resource for units, used by the Django admin's import and export.

It reads files with `danvan.xlsx` (header below title rows, NFC, numeric codes as text), checks
the whole dataset with the same rules as the import page (`UnitImporter.check`) before any row
is written, and writes in bulk with every foreign key resolved from dictionaries built once.
Parents that appear later in the file than their children are set in a second pass.
"""

import tablib
from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import CachedInstanceLoader

from danvan import importing
from danvan.text import fold
from danvan.xlsx import Row, Table, read_table

from .importing import (
    COLUMN,
    COLUMNS,
    YES,
    UnitImporter,
    group_lookup,
    type_label,
    type_lookup,
    yes_no,
)
from .models import Unit, UnitGroup
from .services import record_batch


class RefusedFile(ValidationError):
    """The whole file is refused; `errors` are its `danvan.importing.RowError`s, so the admin
    can record the refusal in the import history like the import page does."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__([str(error) for error in self.errors])


class UnitXLSX(base_formats.XLSX):
    """Reads the province's own file: the dataset gets our column labels as headers."""

    def create_dataset(self, in_stream):
        table = read_table(in_stream, COLUMNS)
        dataset = tablib.Dataset(headers=[column.label for column in table.columns])
        for row in table.rows:
            dataset.append([row.values[column.key] for column in table.columns])
        dataset.lines = [row.line for row in table.rows]
        return dataset


class TypeWidget(widgets.Widget):
    """Unit types by their Vietnamese name (or code), as the import page reads them."""

    lookup = None

    def clean(self, value, row=None, **kwargs):
        if self.lookup is None:
            self.lookup = type_lookup()
        return self.lookup.get(fold(value)) if value else None

    def render(self, value, obj=None, **kwargs):
        return type_label(value) if value else ""


class YesNoWidget(widgets.Widget):
    """The "Được đánh giá" column: Có / Không, checked by UnitImporter first."""

    def clean(self, value, row=None, **kwargs):
        text = fold(str(value)) if value not in (None, "") else ""
        if not text:
            return True
        return text in YES

    def render(self, value, obj=None, **kwargs):
        return yes_no(value)


class CachedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A ForeignKeyWidget answered from one dictionary instead of one query per row."""

    def __init__(self, model, field, cache, key=str):
        super().__init__(model, field)
        self.cache, self.key = cache, key

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.cache[self.key(value)]
        except KeyError:
            raise ValueError(f"{value}?") from None


class UnitResource(resources.ModelResource):
    code = fields.Field("code", COLUMN["code"].label)
    name = fields.Field("name", COLUMN["name"].label)
    short_name = fields.Field("short_name", COLUMN["short_name"].label)
    type = fields.Field("type", COLUMN["type"].label, widget=TypeWidget())
    group = fields.Field("group", COLUMN["group"].label)
    parent = fields.Field("parent", COLUMN["parent"].label)
    email = fields.Field("email", COLUMN["email"].label)
    head_name = fields.Field("head_name", COLUMN["head_name"].label)
    head_title = fields.Field("head_title", COLUMN["head_title"].label)
    active_from = fields.Field(
        "active_from", COLUMN["active_from"].label, widget=widgets.IntegerWidget()
    )
    active_to = fields.Field("active_to", COLUMN["active_to"].label, widget=widgets.IntegerWidget())
    is_evaluated = fields.Field("is_evaluated", COLUMN["is_evaluated"].label, widget=YesNoWidget())

    class Meta:
        model = Unit
        import_id_fields = ("code",)
        fields = tuple(column.key for column in COLUMNS)
        export_order = fields
        # Bulk writes and one query for the existing units (stack-notes: import-export traps).
        use_bulk = True
        batch_size = 1000
        instance_loader_class = CachedInstanceLoader
        # The admin's preview shows what changes; unchanged rows are skipped, not re-saved.
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = False  # checked by UnitImporter for the whole file

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.fields["type"].widget = TypeWidget()
        self.fields["group"].widget = CachedForeignKeyWidget(
            UnitGroup, "name", group_lookup(), key=fold
        )
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self.fields["parent"].widget = CachedForeignKeyWidget(Unit, "code", self.units)
        self.late_parents = {}

    def before_import(self, dataset, **kwargs):
        """Check the whole file as the import page does; refuse it if any row is wrong."""
        lines = getattr(dataset, "lines", None) or range(2, len(dataset) + 2)
        present = [column for column in COLUMNS if column.label in dataset.headers]
        rows = [
            Row(line, {column.key: str(row.get(column.label) or "") for column in present})
            for line, row in zip(lines, dataset.dict, strict=False)
        ]
        errors = importing.Errors()
        plan = UnitImporter().check(Table(rows, 1, present, ""), errors)
        if errors:
            raise RefusedFile(errors)
        if "parent" in [column.key for column in present]:
            for planned in plan:
                parent = planned.payload.get("parent", "")
                if parent and parent not in self.units:
                    self.late_parents[planned.key] = parent

    def before_import_row(self, row, **kwargs):
        code = str(row.get(COLUMN["code"].label) or "")
        if code in self.late_parents:
            row[COLUMN["parent"].label] = ""  # set in after_import, once it exists

    def before_save_instance(self, instance, row, **kwargs):
        instance.search_text = instance.build_search_text()

    def after_import(self, dataset, result, **kwargs):
        """Second pass: parents created by this same file."""
        if self.late_parents and not result.has_errors():
            by_code = Unit.objects.in_bulk(
                set(self.late_parents) | set(self.late_parents.values()), field_name="code"
            )
            children = []
            for code, parent in self.late_parents.items():
                child = by_code[code]
                child.parent_id = by_code[parent].pk
                children.append(child)
            Unit.objects.bulk_update(children, ["parent"], batch_size=1000)
        if not kwargs.get("dry_run") and not result.has_errors():
            self._record(result, kwargs)

    def _record(self, result, kwargs):
        totals = result.totals
        user = kwargs.get("user")
        record_batch(
            file_name=kwargs.get("file_name") or "",
            user=user if getattr(user, "is_authenticated", False) else None,
            total=result.total_rows,
            created=totals.get("new", 0),
            updated=totals.get("update", 0),
            unchanged=totals.get("skip", 0),
        )
