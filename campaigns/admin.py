from django.contrib import admin

from .models import Award, CampaignPeriod, DanVanModel, ModelEvent, TypicalExample


class ModelEventInline(admin.TabularInline):
    model = ModelEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "level", "comment"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DanVanModel)
class DanVanModelAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "year", "field", "status", "recognition_level"]
    list_filter = ["status", "field", "recognition_level", "year"]
    search_fields = ["name", "unit__code", "unit__name"]
    raw_id_fields = ["unit"]
    # Status and recognition change only through services.move_model (with its event).
    readonly_fields = [
        "status",
        "recognition_level",
        "recognised_on",
        "recognition_decision",
        "recognised_by",
        "created_by",
    ]
    inlines = [ModelEventInline]


@admin.register(TypicalExample)
class TypicalExampleAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "level", "commended_on", "is_monthly_pick"]
    list_filter = ["kind", "level", "is_monthly_pick"]
    search_fields = ["name", "unit__code", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    """Imports go through the award import page (preview, then all rows or none)."""

    list_display = ["decision_number", "decision_date", "kind", "unit", "person_name", "year"]
    list_filter = ["kind", "recipient_type", "year", "period"]
    search_fields = ["decision_number", "person_name", "unit__code", "unit__name"]
    raw_id_fields = ["unit"]


@admin.register(CampaignPeriod)
class CampaignPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "start_year", "end_year"]
