from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.access import admin_required, get_for_request, reviewer_required
from danvan.listing import paginate, query_string, sort_order
from danvan.xlsx_writer import xlsx_response

from . import services
from .forms import UnitFilterForm, UnitForm
from .models import Unit

# The preview lists at most this many rows that would change (the counts cover all).

SORTS = {
    "code": "code",
    "name": "search_text",
    "type": "type",
    "group": ("group__order", "code"),
    "active_from": "active_from",
}


@reviewer_required
def unit_list(request):
    form = UnitFilterForm(request.GET or None)
    units = Unit.objects.select_related("group", "parent")
    if form.is_valid():
        units = units.search(form.cleaned_data["q"])
        if form.cleaned_data["group"]:
            units = units.filter(group=form.cleaned_data["group"])
        if form.cleaned_data["type"]:
            units = units.filter(type=form.cleaned_data["type"])
    ordering, sort = sort_order(request, SORTS, "code")
    page = paginate(request, units.order_by(*ordering))
    return render(
        request,
        "units/unit_list.html",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
        },
    )


@reviewer_required
def unit_tree(request):
    units = list(Unit.objects.select_related("group").order_by("code"))
    children = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def nodes(parent_id):
        return [{"unit": u, "children": nodes(u.pk)} for u in children.get(parent_id, [])]

    return render(request, "units/unit_tree.html", {"nodes": nodes(None)})


@login_required
def unit_detail(request, pk):
    unit = get_for_request(request, Unit.objects.select_related("group", "parent"), pk=pk)
    return render(request, "units/unit_detail.html", {"unit": unit})


@admin_required
def unit_edit(request, pk):
    unit = get_object_or_404(Unit, pk=pk)
    return _edit(request, unit)


@admin_required
def unit_create(request):
    return _edit(request, Unit())


def _edit(request, unit):
    form = UnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit = form.save()
        messages.success(request, _("The unit was saved."))
        return redirect("units:detail", pk=unit.pk)
    return render(request, "units/unit_form.html", {"form": form, "unit": unit})


# --- Export of the unit list (its import is danvan.import_views, kind "units") ----------------


@admin_required
def unit_export(request):
    name = f"danh-sach-don-vi-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(services.export_units(Unit.objects.all()), name)
