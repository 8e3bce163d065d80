from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


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
