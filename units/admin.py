from django.contrib import admin

from .models import ImportBatch, Unit, UnitGroup


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "order")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "type", "group", "parent", "active_from", "active_to")
    list_filter = ("type", "group")
    search_fields = ("code", "name", "search_text")
    autocomplete_fields = ("parent",)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "kind", "created_by", "created_at", "status", "created_count")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
