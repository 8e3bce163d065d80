from django.contrib import admin, messages
from django.utils.translation import gettext as _

from .models import ApiToken, ClassificationRun, Decision


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created here; the key is shown once, only its hash is stored."""

    list_display = ("name", "prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    fields = ("name", "is_active", "prefix", "created_by", "created_at", "last_used_at")
    readonly_fields = ("prefix", "created_by", "created_at", "last_used_at")

    def save_model(self, request, obj, form, change):
        if not change:
            key = obj.set_new_key()
            obj.created_by = request.user
            messages.warning(
                request,
                _("The token's key is %(key)s — copy it now, it will not be shown again.")
                % {"key": key},
            )
        super().save_model(request, obj, form, change)


@admin.register(ClassificationRun)
class ClassificationRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "year", "status", "is_current", "started_by", "created_at", "finished_at")
    list_filter = ("year", "status", "is_current")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Published decisions are frozen: readable here, never changed."""

    list_display = ("number", "year", "version", "date", "signer_name", "published_at")
    list_filter = ("year",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
