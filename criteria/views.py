from datetime import date

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access import admin_required, reviewer_required
from danvan.xlsx_writer import xlsx_response

from . import consistency, forms, services, spreadsheet
from .models import CriteriaSet


@reviewer_required
def set_list(request):
    sets = CriteriaSet.objects.with_lock_state()
    return render(request, "criteria/set_list.html", {"sets": sets})


@reviewer_required
def set_detail(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    return render(
        request,
        "criteria/set_detail.html",
        {
            "criteria_set": criteria_set,
            "criteria": criteria_set.criteria.prefetch_related("items"),
            "tiers": criteria_set.tiers.all(),
            "indicators": criteria_set.indicators.select_related("criterion"),
            "rules": consistency.stated(criteria_set),
        },
    )


@admin_required
@require_POST
def set_state(request, year):
    """One step of the year's calendar; the page asks for confirmation before posting."""
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    try:
        services.set_state(criteria_set, request.POST.get("state", ""), request.user)
    except services.YearStateError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("The year %(year)s is now: %(state)s.")
            % {"year": year, "state": criteria_set.get_state_display()},
        )
    return redirect("criteria:detail", year=year)


@admin_required
def set_copy(request, year):
    source = get_object_or_404(CriteriaSet, year=year)
    form = forms.CopyForm(request.POST or None, initial={"year": year + 1})
    if request.method == "POST" and form.is_valid():
        target = services.copy_set(source, form.cleaned_data["year"], request.user)
        messages.success(
            request,
            _("The criteria set of %(source)s was copied to %(target)s.")
            % {"source": source.year, "target": target.year},
        )
        return redirect("criteria:detail", year=target.year)
    return render(request, "criteria/set_copy.html", {"criteria_set": source, "form": form})


def _edit(request, criteria_set, part, parts, template, context=None):
    """Validate every form of the page, then save them together or show why not."""
    if request.method == "POST" and all(p.is_valid() for p in parts):
        try:
            services.save_parts(criteria_set, parts, request.user, part)
        except services.CriteriaLocked as refused:
            messages.error(request, str(refused))
            if not isinstance(refused, services.CriteriaInUse):
                forms.mark_refused(parts)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(request.path)
    return render(
        request,
        template,
        {"criteria_set": criteria_set, "part": part, **(context or {})},
    )


def _data(request):
    return request.POST if request.method == "POST" else None


@admin_required
def set_settings(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    form = forms.SettingsForm(_data(request), instance=criteria_set)
    return _edit(
        request, criteria_set, "settings", [form], "criteria/edit_settings.html", {"form": form}
    )


@admin_required
def set_rules(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    form = forms.RulesForm(_data(request), instance=criteria_set)
    tiers = forms.TiersFormSet(_data(request), instance=criteria_set, prefix="tiers")
    return _edit(
        request,
        criteria_set,
        "rules",
        [form, tiers],
        "criteria/edit_rules.html",
        {"form": form, "formset": tiers},
    )


@admin_required
def set_criteria(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    total = forms.TotalForm(_data(request), instance=criteria_set)
    # The sum check uses the total typed on the same page, so both can change together.
    typed_total = total.cleaned_data["total_points"] if total.is_valid() else None
    formset = forms.CriteriaFormSet(
        _data(request),
        instance=criteria_set,
        prefix="criteria",
        total=typed_total,
        queryset=criteria_set.criteria.annotate(item_count=Count("items")),
    )
    return _edit(
        request,
        criteria_set,
        "criteria",
        [total, formset],
        "criteria/edit_criteria.html",
        {"form": total, "formset": formset},
    )


@admin_required
def criterion_items(request, year, number):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    criterion = get_object_or_404(criteria_set.criteria, number=number)
    formset = forms.ItemsFormSet(_data(request), instance=criterion, prefix="items")
    return _edit(
        request,
        criteria_set,
        "items",
        [formset],
        "criteria/edit_items.html",
        {"formset": formset, "criterion": criterion},
    )


@admin_required
def set_indicators(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    formset = forms.IndicatorsFormSet(_data(request), instance=criteria_set, prefix="indicators")
    return _edit(
        request,
        criteria_set,
        "indicators",
        [formset],
        "criteria/edit_indicators.html",
        {"formset": formset},
    )


@admin_required
def set_indicator_rules(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    formset = forms.IndicatorRulesFormSet(_data(request), instance=criteria_set, prefix="rules")
    return _edit(
        request,
        criteria_set,
        "indicator_rules",
        [formset],
        "criteria/edit_indicator_rules.html",
        {
            "formset": formset,
            "indicators": criteria_set.indicators.all(),
            "stated": consistency.stated(criteria_set),
        },
    )


@reviewer_required
def set_export(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    return xlsx_response(spreadsheet.export_set(criteria_set), f"bo-tieu-chi-{year}.xlsx")


@admin_required
def set_import(request):
    form = forms.ImportForm(
        request.POST or None, request.FILES or None, initial={"year": date.today().year + 1}
    )
    errors = []
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        outcome = spreadsheet.import_set(form.cleaned_data["file"], year, request.user)
        errors = outcome.error_messages()
        if outcome.written:
            messages.success(
                request, _("The criteria set of %(year)s was imported.") % {"year": year}
            )
            return redirect("criteria:detail", year=year)
    return render(request, "criteria/set_import.html", {"form": form, "errors": errors})
