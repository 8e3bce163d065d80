from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Invitation, ReviewTeamMember, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "email", "role", "unit", "is_active")
    list_filter = ("role", "is_active", "unit__group")
    search_fields = ("username", "full_name", "email", "search_text")
    autocomplete_fields = ("unit",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Portal"), {"fields": ("full_name", "role", "unit", "phone")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Portal"), {"fields": ("full_name", "email", "role", "unit")}),
    )

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: their names stay in every history.
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at", "sent_at", "expires_at", "accepted_at", "revoked_at")
    list_select_related = ("user",)
    search_fields = ("user__search_text",)
    readonly_fields = [f.name for f in Invitation._meta.fields if f.name != "token_hash"]
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False


@admin.register(ReviewTeamMember)
class ReviewTeamMemberAdmin(admin.ModelAdmin):
    list_display = ("year", "user", "added_by", "added_at")
    list_filter = ("year",)
    list_select_related = ("user", "added_by")
    autocomplete_fields = ("user",)
