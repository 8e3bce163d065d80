"""The unit list's columns, declared once: django-import-export's `UnitResource`.

Its fields give each column's name in our files (`column_name`), how a value is read and
written (the widgets), and `header_aliases` the other names provinces give the columns. Three
users read this one declaration: the Django admin's import and export, the unit list export
(`services.export_units`), and the fast import engine (`units.importing`, through `COLUMNS`),
which reads the same columns in bulk with its own checks.

For the admin, the resource reads files with `danvan.xlsx` (header below title rows, NFC,
numeric codes as text), checks the whole dataset with the same rules as the import page (the
registered "units" kind's importer) before any row is written, and writes in bulk with every
foreign key resolved from dictionaries built once. Parents that appear later in the file than
their children are set in a second pass.
"""

import tablib
from django.core.exceptions import ValidationError
from django.utils import translation
from import_export import fields, resources, widgets
from import_export.formats import base_formats
from import_export.instance_loaders import CachedInstanceLoader

from danvan import importing, imports
from danvan.resources import declared_columns
from danvan.text import fold
from danvan.xlsx import Row, Table, read_table

from .models import UNIT_FIELDS, Unit, UnitGroup, UnitType

KIND = "units"

# How a province writes yes and no in the "Được đánh giá" column (folded).
YES = {"co", "x", "1", "yes", "true", "dung", "duoc danh gia"}
NO = {"khong", "0", "no", "false", "sai", "khong danh gia"}

# Names provinces use for the unit types besides our own labels.
TYPE_ALIASES = {
    "UBND huyện": UnitType.DISTRICT,
    "UBND quận": UnitType.DISTRICT,
    "UBND quận/huyện": UnitType.DISTRICT,
    "UBND thị xã": UnitType.DISTRICT,
    "UBND thành phố": UnitType.DISTRICT,
    "Sở": UnitType.DEPARTMENT,
    "Ban": UnitType.DEPARTMENT,
    "Sở, ban, ngành": UnitType.DEPARTMENT,
    "UBND đặc khu": UnitType.SPECIAL_ZONE,
    "Ủy ban nhân dân tỉnh": UnitType.PROVINCE,
    "Ủy ban nhân dân xã": UnitType.COMMUNE,
    "Ủy ban nhân dân phường": UnitType.WARD,
}


def yes_no(value):
    """The column's Vietnamese word for a stored flag, as the export writes it."""
    return "Có" if value else "Không"


def type_label(value):
    """The Vietnamese name of a type, as the export writes it (whatever the UI language)."""
    with translation.override("vi"):
        return str(UnitType(value).label)


def type_lookup():
    """Unit type by its name: exact spellings and folded ones (case, diacritics, spacing)."""
    names = dict(TYPE_ALIASES)
    for value, label in UnitType.choices:
        names.update({value: value, str(label): value, type_label(value): value})
    return {**names, **{fold(name): value for name, value in names.items()}}


def group_lookup():
    """Unit group by its name or code, exact or folded."""
    names = {}
    for group in UnitGroup.objects.all():
        names.update({group.code: group, group.name: group})
    return {**names, **{fold(name): group for name, group in names.items()}}


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

    def __init__(self, model, field, cache=None, key=str):
        super().__init__(model, field)
        self.cache, self.key = cache or {}, key

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        try:
            return self.cache[self.key(value)]
        except KeyError:
            raise ValueError(f"{value}?") from None


class UnitResource(resources.ModelResource):
    code = fields.Field("code", "Mã đơn vị")
    name = fields.Field("name", "Tên đơn vị")
    short_name = fields.Field("short_name", "Tên viết tắt")
    type = fields.Field("type", "Loại đơn vị", widget=TypeWidget())
    group = fields.Field("group", "Khối", widget=CachedForeignKeyWidget(UnitGroup, "name"))
    parent = fields.Field(
        "parent", "Mã đơn vị cấp trên", widget=CachedForeignKeyWidget(Unit, "code")
    )
    email = fields.Field("email", "Email")
    head_name = fields.Field("head_name", "Thủ trưởng")
    head_title = fields.Field("head_title", "Chức vụ")
    active_from = fields.Field("active_from", "Hoạt động từ năm", widget=widgets.IntegerWidget())
    active_to = fields.Field("active_to", "Ngừng từ năm", widget=widgets.IntegerWidget())
    is_evaluated = fields.Field("is_evaluated", "Được đánh giá", widget=YesNoWidget())

    # The other names provinces give the columns in their own files.
    header_aliases = {
        "code": ("Mã", "Mã ĐV", "Code", "Unit code"),
        "name": ("Tên", "Tên cơ quan, đơn vị", "Name"),
        "short_name": ("Viết tắt", "Short name"),
        "type": ("Loại", "Type"),
        "group": ("Nhóm", "Group"),
        "parent": ("Đơn vị cấp trên", "Cấp trên", "Parent code"),
        "email": ("E-mail", "Thư điện tử", "Địa chỉ email"),
        "head_name": ("Họ tên thủ trưởng", "Thủ trưởng đơn vị", "Head"),
        "head_title": ("Chức vụ thủ trưởng", "Head title"),
        "active_from": ("Từ năm", "Active from"),
        "active_to": ("Đến năm", "Ngừng hoạt động từ năm", "Active to"),
        "is_evaluated": ("Đánh giá", "Thuộc diện đánh giá", "Xếp loại", "Evaluated"),
    }
    required_columns = ("code", "name")

    class Meta:
        model = Unit
        import_id_fields = ("code",)
        fields = UNIT_FIELDS
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
        # Fresh lookups for each import (the class's widgets only render).
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
        importer = imports.kind_of(KIND).importer(None)
        importer.check(Table(rows, 1, present, ""), errors)
        if errors:
            raise RefusedFile(errors)
        for code, parent in importer.parents.items():
            if parent and parent not in self.units:
                self.late_parents[code] = parent

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
        imports.record_done(
            KIND,
            file_name=kwargs.get("file_name") or "",
            user=user if getattr(user, "is_authenticated", False) else None,
            total=result.total_rows,
            created=totals.get("new", 0),
            updated=totals.get("update", 0),
            unchanged=totals.get("skip", 0),
        )


COLUMNS = declared_columns(UnitResource)
COLUMN = {column.key: column for column in COLUMNS}
