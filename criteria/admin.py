"""The Django admin follows the same lock as the admin pages: once a report of the year is
submitted, fields that decide scores are read-only and rows cannot be added or removed."""

from django.contrib import admin

from .models import ClassTier, CriteriaSet, Criterion, CriterionItem, Indicator, IndicatorRule


class LockedSetInline(admin.TabularInline):
    extra = 0

    def _locked(self, obj):
        return obj is not None and obj.is_locked

    def get_readonly_fields(self, request, obj=None):
        if self._locked(obj):
            return sorted(self.model.score_fields)
        return super().get_readonly_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._locked(obj) and super().has_delete_permission(request, obj)


class CriterionInline(LockedSetInline):
    model = Criterion


class ClassTierInline(LockedSetInline):
    model = ClassTier


class IndicatorInline(LockedSetInline):
    model = Indicator


class IndicatorRuleInline(LockedSetInline):
    model = IndicatorRule


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = (
        "year",
        "title",
        "state",
        "submission_deadline",
        "submissions_closed",
        "locked_at",
    )
    inlines = [CriterionInline, ClassTierInline, IndicatorInline, IndicatorRuleInline]

    def get_readonly_fields(self, request, obj=None):
        # The year's state moves on the criteria page, one confirmed and audited step at a time.
        if obj is not None and obj.is_locked:
            return [*sorted(CriteriaSet.score_fields), "state"]
        return [*super().get_readonly_fields(request, obj), "state"]

    def has_delete_permission(self, request, obj=None):
        return not (obj is not None and obj.is_locked) and super().has_delete_permission(
            request, obj
        )


@admin.register(CriterionItem)
class CriterionItemAdmin(admin.ModelAdmin):
    list_display = ("criterion", "label", "title", "max_points")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.criterion.criteria_set.is_locked:
            return sorted(CriterionItem.score_fields)
        return super().get_readonly_fields(request, obj)
