"""Awards: list for the province roles; create, edit, import and export for admins."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from danvan import imports
from danvan.access import admin_required, reviewer_required
from danvan.listing import paginate, query_string, sort_order
from danvan.models import ImportBatch
from danvan.xlsx_writer import xlsx_response

from .. import awards_io
from ..forms import AwardFilterForm, AwardForm, AwardImportForm
from ..models import Award

SORTS = {
    "decision_date": ("decision_date", "decision_number"),
    "decision_number": "decision_number",
    "unit": ("unit__code", "person_name"),
    "kind": ("kind", "decision_date"),
    "year": ("year", "decision_date"),
}


def _filtered(request):
    form = AwardFilterForm(request.GET or None)
    awards = form.filter(Award.objects.restrict(request.user).select_related("unit", "period"))
    return form, awards


@reviewer_required
def award_list(request):
    form, awards = _filtered(request)
    ordering, sort = sort_order(request, SORTS, "-decision_date")
    return render(
        request,
        "campaigns/award_list.html",
        {
            "form": form,
            "page_obj": paginate(request, awards.order_by(*ordering, "pk")),
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
        },
    )


@admin_required
def award_create(request):
    return _edit(request, Award())


@admin_required
def award_edit(request, pk):
    return _edit(request, get_object_or_404(Award, pk=pk))


def _edit(request, award):
    form = AwardForm(request.POST or None, instance=award)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The award was saved."))
        return redirect("campaigns:award_list")
    return render(request, "campaigns/award_form.html", {"form": form, "award": award})


@admin_required
def award_export(request):
    _form, awards = _filtered(request)
    return xlsx_response(awards_io.export_awards(awards), "khen-thuong.xlsx")


@admin_required
def award_import(request):
    """Phase one: upload and preview. Nothing is written until the preview is confirmed."""
    form = AwardImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = awards_io.preview(form.cleaned_data["file"], request.user)
        return redirect("campaigns:award_import_batch", pk=batch.pk)
    batches = ImportBatch.objects.filter(kind=awards_io.KIND).select_related("created_by")[:10]
    return render(request, "campaigns/award_import.html", {"form": form, "batches": batches})


@admin_required
def award_import_batch(request, pk):
    """The preview with its errors; POST confirms it (phase two)."""
    batch = get_object_or_404(ImportBatch, pk=pk, kind=awards_io.KIND)
    if request.method == "POST":
        try:
            batch = awards_io.confirm(batch, request.user)
        except imports.AlreadyConfirmed as error:
            messages.error(request, str(error))
        else:
            if batch.status == ImportBatch.Status.DONE:
                messages.success(
                    request,
                    _("Import done: %(new)s new, %(updated)s updated, %(same)s unchanged.")
                    % {
                        "new": batch.created_count,
                        "updated": batch.updated_count,
                        "same": batch.unchanged_count,
                    },
                )
            else:
                messages.error(request, _("The import was refused; nothing was written."))
        return redirect("campaigns:award_import_batch", pk=batch.pk)
    return render(request, "campaigns/award_import_batch.html", {"batch": batch})
