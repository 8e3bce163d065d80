"""The admin's pages for the Word templates: each document with the template in force, its
download, an upload of a changed one, the history of versions and the variables it may use."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.access import admin_required

from . import kinds, services
from .forms import TemplateUploadForm
from .models import TemplateVersion
from .render import DOCX, TemplateRefused, template_bytes


def _kind(kind):
    if kind not in kinds.Kind.values:
        raise Http404
    return kinds.Kind(kind)


@require_GET
@admin_required
def index(request):
    rows = [
        {
            "kind": kind,
            "in_force": TemplateVersion.objects.in_force(kind),
            "versions": list(services.versions(kind)[:5]),
            "form": TemplateUploadForm(auto_id=f"id_{kind.value}_%s"),
        }
        for kind in kinds.Kind
    ]
    return render(request, "documents/index.html", {"rows": rows})


@require_GET
@admin_required
def download(request, kind):
    kind = _kind(kind)
    response = HttpResponse(template_bytes(kind), content_type=DOCX)
    version = TemplateVersion.objects.in_force(kind)
    suffix = f"-v{version.version}" if version else "-mac-dinh"
    response["Content-Disposition"] = f'attachment; filename="mau-{kind.value}{suffix}.docx"'
    return response


@require_POST
@admin_required
def upload(request, kind):
    kind = _kind(kind)
    form = TemplateUploadForm(request.POST, request.FILES, auto_id=f"id_{kind.value}_%s")
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect("documents:index")
    upload = form.cleaned_data["file"]
    try:
        version = services.upload(kind, upload.read(), upload.name, request.user)
    except TemplateRefused as exc:
        messages.error(
            request,
            _("The template for “%(kind)s” was refused, the one in force stays: %(reason)s")
            % {"kind": kind.label, "reason": exc},
        )
        return redirect("documents:index")
    messages.success(
        request,
        _("Version %(version)s of the template for “%(kind)s” is now in force.")
        % {"version": version.version, "kind": kind.label},
    )
    return redirect("documents:index")


@require_POST
@admin_required
def restore(request, kind):
    kind = _kind(kind)
    services.restore_default(kind)
    messages.success(
        request,
        _("The default template for “%(kind)s” is in force again.") % {"kind": kind.label},
    )
    return redirect("documents:index")


@require_GET
@admin_required
def variables(request, kind):
    kind = _kind(kind)
    return render(
        request,
        "documents/variables.html",
        {"kind": kind, "variables": kinds.VARIABLES[kind]},
    )
