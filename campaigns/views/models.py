"""Dân vận khéo models: list, register, edit, lifecycle moves, recognition and evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from danvan.access import get_for_request
from danvan.listing import paginate, query_string, sort_order

from .. import services
from ..forms import EvidenceForm, ModelFilterForm, ModelForm, MoveForm, RecogniseForm
from ..models import DanVanModel, ModelEvidence, ModelStatus

SORTS = {
    "name": "search_text",
    "unit": ("unit__code", "search_text"),
    "year": ("year", "search_text"),
    "status": ("status", "search_text"),
    "level": ("recognition_level", "search_text"),
    "recognised_on": ("recognised_on", "search_text"),
}


def _get_model_for_user(request, pk):
    """(model, can_edit): 404 for anyone who may not see it."""
    model = get_for_request(request, DanVanModel.objects.select_related("unit"), pk=pk)
    can_edit = services.can_work_on(request.user, model.unit_id) and model.is_unit_editable
    return model, can_edit


@login_required
def model_list(request):
    form = ModelFilterForm(request.GET or None, user=request.user)
    models = form.filter(DanVanModel.objects.restrict(request.user).select_related("unit"))
    ordering, sort = sort_order(request, SORTS, "-year")
    return render(
        request,
        "campaigns/model_list.html",
        {
            "form": form,
            "page_obj": paginate(request, models.order_by(*ordering, "pk")),
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
        },
    )


@login_required
def model_create(request):
    if not request.user.is_unit_user:
        raise PermissionDenied
    form = ModelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        model = services.register_model(form, request.user)
        messages.success(request, _("The model was registered."))
        return redirect("campaigns:model_detail", pk=model.pk)
    return render(request, "campaigns/model_form.html", {"form": form, "model": None})


@login_required
def model_detail(request, pk):
    model, can_edit = _get_model_for_user(request, pk)
    return _detail(request, model, can_edit)


def _detail(request, model, can_edit, status=200, moving=None):
    """The model's page; `moving` is a refused move (its status and the comment as typed), shown
    again in its box so nothing typed is lost."""
    moves = services.allowed_moves(model, request.user)
    return render(
        request,
        "campaigns/model_detail.html",
        {
            "moving": moving or {},
            "model": model,
            "can_edit": can_edit,
            "can_add_evidence": services.can_work_on(request.user, model.unit_id),
            "moves": [m for m in moves if m != ModelStatus.RECOGNISED],
            "can_recognise": ModelStatus.RECOGNISED in moves,
            "events": model.events.select_related("actor"),
            "evidence": model.evidence.all(),
            "evidence_form": EvidenceForm(),
        },
        status=status,
    )


@login_required
def model_edit(request, pk):
    model, can_edit = _get_model_for_user(request, pk)
    if not can_edit:
        raise PermissionDenied
    form = ModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        services.update_model(form, request.user)
        messages.success(request, _("The model was saved."))
        return redirect("campaigns:model_detail", pk=model.pk)
    return render(request, "campaigns/model_form.html", {"form": form, "model": model})


@login_required
def model_move(request, pk):
    model, can_edit = _get_model_for_user(request, pk)
    if request.method != "POST":
        return redirect("campaigns:model_detail", pk=model.pk)
    form = MoveForm(request.POST)
    moving = {"status": request.POST.get("status", ""), "comment": request.POST.get("comment", "")}
    if not form.is_valid() or form.cleaned_data["status"] == ModelStatus.RECOGNISED:
        if "comment" in form.errors:
            messages.error(request, " ".join(form.errors["comment"]))
        else:
            messages.error(request, _("Choose one of the offered steps."))
        return _detail(request, model, can_edit, status=422, moving=moving)
    try:
        services.move_model(
            model, request.user, form.cleaned_data["status"], form.cleaned_data["comment"]
        )
    except services.CampaignError as error:
        messages.error(request, error.message)
        return _detail(request, model, can_edit, status=422, moving=moving)
    messages.success(request, _("The status of the model was changed."))
    return redirect("campaigns:model_detail", pk=model.pk)


@login_required
def model_recognise(request, pk):
    model, _can_edit = _get_model_for_user(request, pk)
    if not request.user.is_reviewer:
        raise PermissionDenied
    form = RecogniseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_model(
                model,
                request.user,
                ModelStatus.RECOGNISED,
                comment=data["comment"],
                level=data["level"],
                decided_on=data["decided_on"],
                decision=data["decision"],
            )
        except services.CampaignError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The model was recognised."))
            return redirect("campaigns:model_detail", pk=model.pk)
    return render(request, "campaigns/model_recognise.html", {"form": form, "model": model})


@login_required
def evidence_add(request, pk):
    model, _can_edit = _get_model_for_user(request, pk)
    if not services.can_work_on(request.user, model.unit_id):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("campaigns:model_detail", pk=model.pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a file to attach."))
        return redirect("campaigns:model_detail", pk=model.pk)
    try:
        services.add_evidence(
            model, request.user, form.cleaned_data["file"], form.cleaned_data["description"]
        )
    except services.CampaignError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The file was attached."))
    return redirect("campaigns:model_detail", pk=model.pk)


@login_required
def evidence_file(request, pk):
    """Evidence is served only through this view, to those who may see its model."""
    evidence = get_object_or_404(
        ModelEvidence.objects.filter(model__in=DanVanModel.objects.restrict(request.user)),
        pk=pk,
    )
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
