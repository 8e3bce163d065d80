from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from danvan import importing
from danvan.models import ImportBatch
from danvan.xlsx import XlsxError
from danvan.xlsx_writer import SafeXLSX

from . import services
from .models import Unit, UnitGroup
from .resources import RefusedFile, UnitResource, UnitXLSX


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(Unit)
class UnitAdmin(ImportExportModelAdmin):
    resource_classes = [UnitResource]
    import_formats = [UnitXLSX]
    export_formats = [SafeXLSX]

    list_display = (
        "code",
        "name",
        "type",
        "group",
        "parent",
        "active_from",
        "active_to",
        "is_evaluated",
    )
    list_filter = ("type", "group", "is_evaluated")
    search_fields = ("code", "name", "search_text")
    autocomplete_fields = ("parent",)

    def import_action(self, request, **kwargs):
        """The admin's import checks the file in a dry run; a refused file is recorded in the
        import history and the audit log (0 written, its errors), as on the import page."""
        response = super().import_action(request, **kwargs)
        upload = request.FILES.get("import_file")
        outcome = _refusal(getattr(response, "context_data", None) or {})
        if request.method == "POST" and upload is not None and outcome is not None:
            services.record_refused(upload.name, request.user, outcome)
            self._drop_upload(upload)
        return response

    def _drop_upload(self, upload):
        """A refused file is not kept in import-export's temporary storage either."""
        name = getattr(upload, "tmp_storage_name", None)
        if name:
            storage = self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs())
            storage.remove()

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


def _refusal(context):
    """The `importing.Outcome` of a file the admin's dry run refused, or None."""
    form = context.get("form")
    if form is not None and form.errors.get("import_file"):
        errors = [importing.RowError(None, "", message) for message in form.errors["import_file"]]
        return importing.Outcome(errors=errors)
    result = context.get("result")
    if result is None or not (result.has_errors() or result.has_validation_errors()):
        return None
    refused = [e.error for e in result.base_errors if isinstance(e.error, RefusedFile)]
    if refused:
        # The whole-file check found these; the rows import-export went on to try only
        # repeat them (with its own row numbers).
        return importing.Outcome(errors=refused[0].errors, total_rows=result.total_rows)
    errors = [importing.RowError(None, "", str(e.error)) for e in result.base_errors]
    for row_number, row_errors in result.row_errors():
        errors += [importing.RowError(row_number, "", str(e.error)) for e in row_errors]
    for invalid in result.invalid_rows:
        errors.append(importing.RowError(invalid.number, "", "; ".join(invalid.error.messages)))
    return importing.Outcome(errors=errors, total_rows=result.total_rows)
