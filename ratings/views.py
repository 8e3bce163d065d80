from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from criteria.models import CriteriaSet
from danvan import jobs
from danvan.access import admin_required, lead_required
from danvan.celery import QueueUnavailable
from danvan.jobs import WAITS_FOR_SERVICE
from danvan.xlsx_writer import xlsx_response
from documents import pdf

from . import decision_document, exports, results, services
from .forms import ConfirmPublishForm, DecisionForm
from .models import ClassificationRun, Decision, RunStatus

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@lead_required
def index(request):
    sets = CriteriaSet.objects.order_by("-year")
    current = {r.year: r for r in ClassificationRun.objects.filter(is_current=True)}
    decisions = {}
    for decision in Decision.objects.order_by("year", "version"):
        decisions[decision.year] = decision
    years = [(s, current.get(s.year), decisions.get(s.year)) for s in sets]
    return render(request, "ratings/index.html", {"years": years})


@lead_required
def year_results(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    run = services.current_run(year)
    running = services.active_run(year)
    decisions = list(Decision.objects.select_related("run").filter(year=year).order_by("-version"))
    latest = decisions[0] if decisions else None
    staleness = services.run_out_of_date(run) if run is not None else services.Staleness()
    context = {
        "criteria_set": criteria_set,
        "run": run,
        "run_staleness": staleness,
        "running": running,
        "running_stale": running is not None and services.is_stale(running),
        "decisions": decisions,
        "latest_decision": latest,
        "out_of_date": services.out_of_date(latest, staleness_of=(run, staleness)),
        "published_run_ids": {d.run_id for d in decisions},
    }
    if run is not None:
        rows = results.attach_warnings(run, results.ordered_results(run))
        groups = results.by_group(run, rows)
        previous, changes = results.changes_since_previous(run, rows)
        context.update(
            {
                "groups": groups,
                "criteria": run.rules.get("criteria", []),
                "chart": results.chart_data(run, groups),
                "previous_run": previous,
                "changes": changes,
            }
        )
    return render(request, "ratings/year.html", context)


@lead_required
@require_POST
def start(request, year):
    get_object_or_404(CriteriaSet, year=year)
    try:
        with transaction.atomic():
            run = services.start_run(year, request.user)
            jobs.submit(services.JOB, run.pk)
    except services.RunAlreadyGoing as exc:
        messages.warning(request, str(exc))
        return redirect("ratings:year", year=year)
    except QueueUnavailable:
        messages.warning(request, str(WAITS_FOR_SERVICE))
    return redirect("ratings:run", pk=run.pk)


@lead_required
def run_detail(request, pk):
    """The page that watches a run: a progress bar that moves on to the results when done."""
    run = get_object_or_404(ClassificationRun, pk=pk)
    context = {
        "run": run,
        "stale": services.is_stale(run),
        "run_staleness": services.run_out_of_date(run),
    }
    return render(request, "ratings/run.html", context)


@lead_required
def run_progress(request, pk):
    run = get_object_or_404(ClassificationRun, pk=pk)
    stale = services.is_stale(run)
    labels = {
        RunStatus.QUEUED: _("Waiting for the worker…") if run.enqueued_at else WAITS_FOR_SERVICE,
        RunStatus.RUNNING: _("%(done)s of %(total)s units")
        % {"done": run.progress_done, "total": run.progress_total},
        RunStatus.DONE: _("Finished."),
        RunStatus.FAILED: _("Failed: %(error)s") % {"error": run.error},
    }
    return JsonResponse(
        {
            "status": run.status,
            "done": run.progress_done,
            "total": run.progress_total,
            "label": _("The run stopped without finishing.") if stale else labels[run.status],
            "finished": not run.is_active or stale,
            "redirect": reverse("ratings:year", kwargs={"year": run.year}),
        }
    )


@admin_required
def publish(request, pk):
    """Publishing in two steps: the decision's fields, then a preview of its first page with a
    confirmation that it is final. Every step posts everything typed, so nothing is lost when
    a field is refused or the admin goes back to correct it."""
    run = get_object_or_404(ClassificationRun, pk=pk, status=RunStatus.DONE)
    staleness = services.run_out_of_date(run)
    if staleness:
        messages.error(request, staleness.message)
        return redirect("ratings:year", year=run.year)
    if request.method != "POST":
        form = DecisionForm.with_defaults(run)
        return render(request, "ratings/publish.html", {"run": run, "form": form})
    form = DecisionForm(request.POST, run=run)
    step = request.POST.get("step")
    if step == "edit" or not form.is_valid():
        return render(request, "ratings/publish.html", {"run": run, "form": form})
    confirm = ConfirmPublishForm(request.POST if step == "confirm" else None)
    if step != "confirm" or not confirm.is_valid():
        return _publish_preview(request, run, form, confirm)
    try:
        decision = services.publish(run, request.user, **form.cleaned_data)
    except services.PublishError as exc:
        messages.error(request, str(exc))
        return redirect("ratings:year", year=run.year)
    messages.success(
        request,
        _("Decision %(number)s (version %(version)s) was published.")
        % {"number": decision.number, "version": decision.version},
    )
    return redirect("ratings:year", year=run.year)


def _publish_preview(request, run, form, confirm):
    decision = Decision(
        run=run, year=run.year, version=services.next_version(run.year), **form.cleaned_data
    )
    context = {
        "run": run,
        "form": form,
        "confirm": confirm,
        "decision": decision,
        "text": decision_document.context(decision),
    }
    return render(request, "ratings/publish_confirm.html", context)


@lead_required
def export_xlsx(request, pk):
    run = get_object_or_404(ClassificationRun, pk=pk, status=RunStatus.DONE)
    return xlsx_response(exports.workbook(run), f"xep-loai-{run.year}-lan-{run.pk}.xlsx")


@lead_required
def decision_docx(request, pk):
    decision = get_object_or_404(Decision.objects.select_related("run"), pk=pk)
    data = decision_document.decision_docx(decision)
    return _download(data, DOCX, _decision_name(decision, "docx"))


@lead_required
def decision_pdf(request, pk):
    """The decision in PDF: made on the worker (documents.pdf), this page shows the progress
    and downloads it when ready."""
    decision = get_object_or_404(Decision.objects.select_related("run"), pk=pk)
    return pdf.response(
        request,
        "decision",
        decision_document.context(decision),
        _decision_name(decision, "pdf"),
        reverse("ratings:year", kwargs={"year": decision.year}),
        source=decision_document.decision_docx(decision),
    )


def _decision_name(decision, suffix):
    return f"quyet-dinh-xep-loai-{decision.year}-v{decision.version}.{suffix}"


def _download(data, content_type, filename):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
