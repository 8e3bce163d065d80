"""The import pages of every kind: upload, preview/result, confirm, progress, history.

Each app routes its own URL names here with `*import_views.urls("units")` in its urlpatterns
(the kind travels as an extra argument of each view); the kind
(danvan.imports.ImportKind) says which templates extend the shared ones in templates/imports/
and which view names they link to.
"""

from celery.result import AsyncResult
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import imports
from .access import admin_required
from .celery import QueueUnavailable
from .forms import ImportForm
from .listing import paginate

Status = imports.Status


def _batch(kind, pk):
    return get_object_or_404(imports.batches(kind).select_related("created_by"), pk=pk)


@admin_required
def upload(request, kind):
    kind = imports.kind_of(kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        batch = imports.start(kind, form.cleaned_data["file"], request.user)
        return redirect(kind.urls["detail"], pk=batch.pk)
    return render(
        request,
        f"{kind.templates}form.html",
        {
            "form": form,
            "columns": kind.columns,
            "recent": imports.batches(kind)[:5],
            "import_urls": kind.urls,
        },
    )


@admin_required
def detail(request, kind, pk):
    """One page per batch: the preview while it awaits confirmation, the progress bar while the
    worker runs it, the result afterwards."""
    kind = imports.kind_of(kind)
    batch = _batch(kind, pk)
    context = {"batch": batch, "Status": Status, "import_urls": kind.urls}
    if batch.status == Status.PREVIEW:
        context.update(imports.preview(batch).preview())
        context["background"] = imports.runs_in_background(batch)
    return render(request, f"{kind.templates}detail.html", context)


@require_POST
@admin_required
def confirm(request, kind, pk):
    kind = imports.kind_of(kind)
    batch = _batch(kind, pk)
    if request.POST.get("action") == "cancel":
        imports.cancel(batch)
        messages.info(request, _("The import was cancelled; nothing was written."))
        return redirect(kind.urls["upload"])
    try:
        imports.confirm(batch, request.user)
    except imports.AlreadyConfirmed:
        pass  # a second click: the page shows what the first one did
    except QueueUnavailable:
        messages.warning(request, str(kind.queue_unavailable))
    return redirect(kind.urls["detail"], pk=batch.pk)


@admin_required
def progress(request, kind, pk):
    """Polled by <progress data-poll-url>: how far the worker is, and where to go when done."""
    kind = imports.kind_of(kind)
    batch = _batch(kind, pk)
    done = batch.progress_done
    if batch.status == Status.RUNNING and batch.task_id:
        result = AsyncResult(batch.task_id)
        if result.state == "PROGRESS" and isinstance(result.info, dict):
            done = result.info.get("done", 0)
    return JsonResponse(
        {
            "done": done,
            "total": batch.total_rows,
            "finished": batch.status not in (Status.QUEUED, Status.RUNNING),
            "label": batch.get_status_display(),
            "redirect": reverse(kind.urls["detail"], args=[batch.pk]),
        }
    )


@admin_required
def history(request, kind):
    kind = imports.kind_of(kind)
    batches = imports.batches(kind).select_related("created_by")
    return render(
        request,
        f"{kind.templates}history.html",
        {"page_obj": paginate(request, batches, 50), "import_urls": kind.urls},
    )


def urls(kind, with_progress=False):
    """The import URLs of one kind under its app's namespace: import, import_history,
    import_detail, import_confirm and, for kinds that run in the worker, import_progress."""
    extra = {"kind": kind}
    patterns = [
        path("import/", upload, extra, name="import"),
        path("import/history/", history, extra, name="import_history"),
        path("import/<int:pk>/", detail, extra, name="import_detail"),
        path("import/<int:pk>/confirm/", confirm, extra, name="import_confirm"),
    ]
    if with_progress:
        patterns.append(path("import/<int:pk>/progress/", progress, extra, name="import_progress"))
    return patterns
