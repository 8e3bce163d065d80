from django.contrib import admin

from .models import ClassTier, CriteriaSet, Criterion, CriterionItem, Indicator, IndicatorRule


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


class ClassTierInline(admin.TabularInline):
    model = ClassTier
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class IndicatorRuleInline(admin.TabularInline):
    model = IndicatorRule
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "submission_deadline", "locked_at")
    inlines = [CriterionInline, ClassTierInline, IndicatorInline, IndicatorRuleInline]


@admin.register(CriterionItem)
class CriterionItemAdmin(admin.ModelAdmin):
    list_display = ("criterion", "label", "title", "max_points")
