"""The form's autosave endpoints and the evidence files.

Each field posts itself (static/js/autosave.js) with the version of the report its page was
based on and the field's value as that page last saw it saved (`base-NAME`). The answer is a set
of fragments the page puts in place of status and total elements only: the field's status
("Đã lưu lúc 10:42" or its error), the running total, the indicator warnings; the new version
travels in the `X-Report-Version` header. Status codes say what happened: 200 saved, 422 some
input refused (the typed value stays in the field, nothing valid is lost), 409 someone changed
this very field since the page read it (both versions are shown), 403 the report is no longer the
unit's to change.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from criteria import rulebook

from . import filing, services
from .errors import ReportError, StaleReport
from .forms import CriterionForm, GeneralForm, IndicatorsForm
from .models import AnnualReport, Evidence
from .views import get_unit_report


def _version(request):
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _autosave(request, report, form, save, current, extras=None, last_writer=None):
    """Validate the sent fields, save the valid ones and answer with fragments.

    `save(version, valid, bases)` writes through a service and returns the report as saved;
    `current(names)` reads the saved values (for a conflict); `extras(report)` adds fragments
    (total, warnings) after a save; `last_writer()` is the id of who last changed these fields,
    to tell "another tab of yours" from "someone else".
    """
    version = _version(request)
    if version is None:
        return HttpResponseBadRequest(_("The form is out of date; reload the page."))
    sent = form.sent_fields()
    if not services.can_edit(request.user, report):
        return _answer(request, report, sent, form, status=403, refused=True)
    valid, errors = form.results()
    saved_at = None
    if valid:
        try:
            report = save(version, valid, form.bases())
        except StaleReport as stale:
            return _conflict(request, stale.current, form, sent, current(sent), last_writer)
        except ReportError:
            return _answer(request, report, sent, form, status=403, refused=True)
        saved_at = timezone.localtime()
    context = extras(report) if (extras and valid) else {}
    return _answer(
        request,
        report,
        sent,
        form,
        errors=errors,
        saved_at=saved_at,
        status=422 if errors else 200,
        **context,
    )


def _answer(request, report, sent, form, status=200, errors=None, **context):
    errors = errors or {}
    results = [
        {"key": form.key(name), "errors": errors.get(name), "label": form.fields[name].label}
        for name in sent
    ]
    response = render(
        request,
        "reports/_autosave_result.html",
        {"report": report, "results": results, **context},
        status=status,
    )
    response["X-Report-Version"] = str(report.version)
    return response


def conflict_message(user, current_report, writer_id):
    """Who changed the field: this user in another tab, or someone else (named)."""
    if writer_id == user.pk:
        return _(
            "You saved this field in another tab after this tab was opened. What you typed "
            "here is not saved yet: compare both versions and choose."
        )
    return str(StaleReport(current_report))


def _conflict(request, current_report, form, sent, saved_values, last_writer=None):
    """Refuse a save over someone's newer change and show both versions of each field."""
    saved_values = saved_values or {}
    fields = [
        {
            "name": name,
            "key": form.key(name),
            "label": form.fields[name].label,
            "mine": form.data.get(name, ""),
            "saved": saved_values.get(name),
            "saved_shown": form.shown(name, saved_values.get(name)),
        }
        for name in sent
    ]
    writer_id = last_writer() if last_writer else current_report.updated_by_id
    response = render(
        request,
        "reports/_autosave_conflict.html",
        {
            "current": current_report,
            "fields": fields,
            "message": conflict_message(request.user, current_report, writer_id),
        },
        status=409,
    )
    response["X-Report-Version"] = str(current_report.version)
    return response


def _filed(request, pk, read):
    """The report's rows read with it (`services.read_scores` or `read_values`) in one query,
    for its own unit's people: 404 for another unit's report, 403 for a province role."""
    filed = read(pk, AnnualReport.objects.restrict(request.user))
    if filed is None:
        filed = services.Filed(get_unit_report(request, pk), [])
    if not services.is_unit_member(request.user, filed.report):
        raise PermissionDenied
    return filed


@login_required
@require_POST
def save_general(request, pk):
    report = get_unit_report(request, pk)
    form = GeneralForm(request.POST)
    fresh = AnnualReport.objects.filter(pk=report.pk)
    return _autosave(
        request,
        report,
        form,
        lambda version, valid, bases: services.save_general(
            report, request.user, version, valid, bases, services.Filed(report, [])
        ),
        lambda names: fresh.values(*names).first(),
    )


@login_required
@require_POST
def save_criterion(request, pk, criterion_pk):
    filed = _filed(request, pk, services.read_scores)
    report = filed.report
    score = next((s for s in filed.rows if s.criterion_id == criterion_pk), None)
    if score is None:
        raise Http404
    criterion = score.criterion
    form = CriterionForm(request.POST, criterion=criterion)

    def save(version, valid, bases):
        nonlocal filed
        filed = services.save_criterion(
            report, request.user, version, criterion, valid, bases, filed
        )
        return filed.report

    def current(names):
        return report.scores.filter(criterion=criterion).values(*names).first()

    def last_writer():
        latest = score.history.order_by("-history_date").first()
        return latest.history_user_id if latest else None

    def totals(saved):
        """The running total, and the warnings when a rule is tied to this self-score: it may
        start or stop applying (no other warning depends on a self-score)."""
        total, tier, maximum = filing.running_total(saved, filed.rows)
        fragments = {"totals": {"total": total, "tier": tier, "max": maximum}}
        if "self_score" in form.sent_fields() and rulebook.of(saved.criteria_set).has_rule_tied_to(
            criterion.pk
        ):
            fragments.update(filing.warning_fragments(saved, scores=filed.rows))
        return fragments

    return _autosave(request, report, form, save, current, totals, last_writer)


@login_required
@require_POST
def save_indicators(request, pk):
    filed = _filed(request, pk, services.read_values)
    report = filed.report
    form = IndicatorsForm(request.POST, indicators=[v.indicator for v in filed.rows])

    def save(version, valid, bases):
        nonlocal filed
        filed = services.save_indicators(
            report, request.user, version, form.changes(valid), form.changes(bases), filed
        )
        return filed.report

    def current(names):
        ids = {IndicatorsForm.field_name(v.indicator): v.indicator_id for v in filed.rows}
        saved = dict(report.indicators.values_list("indicator_id", "value"))
        return {name: saved.get(ids[name]) for name in names}

    def checks(saved):
        return filing.warning_fragments(saved, values=filed.rows)

    return _autosave(request, report, form, save, current, checks)


# --- Evidence ----------------------------------------------------------------------------------


def _evidence_block(request, report, criterion, error=None, status=200):
    if not request.htmx:
        if error:
            messages.error(request, error)
        anchor = f"ev-{criterion.pk if criterion else 'general'}"
        return redirect(f"{reverse('reports:edit', args=[report.pk])}#{anchor}")
    return render(
        request,
        "reports/_evidence_block.html",
        {
            "report": report,
            "criterion": criterion,
            "files": filing.files_of(report, criterion),
            "can_edit": services.can_edit(request.user, report),
            "error": error,
            "max_bytes": settings.EVIDENCE_MAX_BYTES,
        },
        status=status,
    )


@login_required
@require_POST
def evidence_upload(request, pk):
    report = get_unit_report(request, pk)
    criterion = None
    criterion_pk = request.POST.get("criterion", "")
    if criterion_pk:
        if not criterion_pk.isdigit():
            raise Http404
        criterion = get_object_or_404(report.criteria_set.criteria, pk=int(criterion_pk))
    upload = request.FILES.get("file")
    if upload is None:
        return _evidence_block(
            request, report, criterion, _("Choose a file to upload."), status=422
        )
    try:
        services.add_evidence(report, request.user, upload, criterion)
    except ReportError as error:
        return _evidence_block(request, report, criterion, str(error), status=422)
    return _evidence_block(request, report, criterion)


def _visible_evidence(request, pk):
    visible = AnnualReport.objects.restrict(request.user)
    return get_object_or_404(
        Evidence.objects.select_related("report", "criterion").filter(report__in=visible), pk=pk
    )


@login_required
def evidence_download(request, pk):
    """Files are served only through here, to those who may see the report."""
    evidence = _visible_evidence(request, pk)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = _visible_evidence(request, pk)
    report = evidence.report
    if not services.is_unit_member(request.user, report):
        raise PermissionDenied
    criterion = evidence.criterion
    try:
        services.delete_evidence(evidence, request.user)
    except ReportError as error:
        return _evidence_block(request, report, criterion, str(error), status=403)
    return _evidence_block(request, report, criterion)
