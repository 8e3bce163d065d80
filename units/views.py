from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.access import admin_required, reviewer_required
from danvan.celery import QueueUnavailable
from danvan.jobs import WAITS_FOR_SERVICE
from danvan.listing import paginate, query_string, sort_order
from danvan.models import ImportBatch
from danvan.xlsx_writer import xlsx_response

from . import services
from .forms import ImportForm, UnitFilterForm, UnitForm
from .importing import COLUMNS
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
    unit = get_object_or_404(
        Unit.objects.visible_to(request.user).select_related("group", "parent"), pk=pk
    )
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


# --- Import and export of the unit list -----------------------------------------------------

# The view names the shared import templates (templates/imports/) link to.
IMPORT_URLS = {
    "upload": "units:import",
    "history": "units:import_history",
    "detail": "units:import_detail",
    "confirm": "units:import_confirm",
    "progress": "units:import_progress",
}


@admin_required
def unit_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = services.start_import(form.cleaned_data["file"], request.user)
        return redirect("units:import_detail", pk=batch.pk)
    return render(
        request,
        "units/import_form.html",
        {
            "form": form,
            "columns": COLUMNS,
            "recent": services.batches()[:5],
            "import_urls": IMPORT_URLS,
        },
    )


@admin_required
def import_detail(request, pk):
    """One page per batch: the preview while it awaits confirmation, the progress bar while the
    worker runs it, the result afterwards."""
    batch = get_object_or_404(services.batches().select_related("created_by"), pk=pk)
    context = {"batch": batch, "Status": ImportBatch.Status, "import_urls": IMPORT_URLS}
    if batch.status == ImportBatch.Status.PREVIEW:
        context.update(services.preview(batch).preview())
        context["background"] = services.runs_in_background(batch)
    return render(request, "units/import_detail.html", context)


@admin_required
@require_POST
def import_confirm(request, pk):
    batch = get_object_or_404(services.batches(), pk=pk)
    if request.POST.get("action") == "cancel":
        services.cancel_import(batch)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect("units:import")
    try:
        batch = services.confirm_import(batch)
    except QueueUnavailable:
        messages.warning(request, str(WAITS_FOR_SERVICE))
    return redirect("units:import_detail", pk=batch.pk)


@admin_required
def import_progress(request, pk):
    """Polled by <progress data-poll-url>: how far the worker is, and where to go when done."""
    batch = get_object_or_404(services.batches(), pk=pk)
    done = batch.progress_done
    if batch.status == ImportBatch.Status.RUNNING and batch.task_id:
        from celery.result import AsyncResult

        result = AsyncResult(batch.task_id)
        if result.state == "PROGRESS" and isinstance(result.info, dict):
            done = result.info.get("done", 0)
    finished = batch.status not in (ImportBatch.Status.QUEUED, ImportBatch.Status.RUNNING)
    return JsonResponse(
        {
            "done": done,
            "total": batch.total_rows,
            "finished": finished,
            "label": batch.get_status_display(),
            "redirect": reverse("units:import_detail", args=[batch.pk]),
        }
    )


@admin_required
def import_history(request):
    batches = services.batches().select_related("created_by")
    return render(
        request,
        "units/import_history.html",
        {"page_obj": paginate(request, batches, 50), "import_urls": IMPORT_URLS},
    )


@admin_required
def unit_export(request):
    name = f"danh-sach-don-vi-{timezone.localdate():%Y%m%d}.xlsx"
    return xlsx_response(services.export_units(Unit.objects.all()), name)
