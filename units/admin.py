from django.contrib import admin
from import_export.admin import ImportExportModelAdmin
from import_export.formats import base_formats

from danvan.xlsx import XlsxError

from .models import ImportBatch, Unit, UnitGroup
from .resources import UnitResource, UnitXLSX


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    import_formats = [UnitXLSX]
    export_formats = [base_formats.XLSX]

    list_display = ("code", "name", "type", "group", "parent", "active_from", "active_to")
    list_filter = ("type", "group")
    search_fields = ("code", "name", "search_text")
    autocomplete_fields = ("parent",)

    def add_data_read_fail_error_to_form(self, form, e):
        """Say what is wrong with the file (empty, not .xlsx, no header) instead of its type."""
        if isinstance(e, XlsxError):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "kind", "created_by", "created_at", "status", "created_count")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
