"""Filing pages: the unit dashboard, the report form, the read-only view, sign-off and export.

Every view reads the report through `AnnualReport.objects.restrict(user)` first, so another
unit's reports (and, for the province, drafts) answer 404. The autosave endpoints and evidence
files are in `reports/autosave.py`.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from criteria.models import CriteriaSet, YearState
from danvan import limits
from danvan.access import get_for_request
from danvan.celery import QueueUnavailable
from danvan.listing import paginate, query_string
from danvan.text import fold

from . import export, filing, history, returns, services, year_over_year
from .errors import IncompleteReport, ReportError, UnexplainedWarnings
from .forms import CriterionForm, GeneralForm, IndicatorsForm
from .models import (
    UNIT_EDITABLE_STATES,
    AnnualReport,
    CriterionScore,
    IndicatorValue,
    ReportState,
)

# What the report pages show with the report: its unit, the year, who saved and submitted it.
PAGE_RELATED = ("unit", "unit__parent", "criteria_set", "updated_by", "submitted_by")


def get_report(request, pk, related=PAGE_RELATED, **annotations):
    """The report if the user may see it; 404 otherwise (another unit's, or a draft). With
    `related=()` the report's row alone: the sign-off posts only check access with it, the
    service re-reads the report under its lock with what the move needs."""
    reports = AnnualReport.objects.all()
    if related:
        reports = reports.select_related(*related)
    return get_for_request(request, reports.annotate(**annotations), pk=pk)


def get_unit_report(request, pk, related=PAGE_RELATED, **annotations):
    """The report for its own unit's people; province roles who may read it may not act."""
    report = get_report(request, pk, related, **annotations)
    if not services.is_unit_member(request.user, report):
        raise PermissionDenied
    return report


def deadline_context(criteria_set):
    """Days to the submission deadline (negative once passed) and the upload size limit."""
    days = (criteria_set.submission_deadline - timezone.localdate()).days
    return {"days_left": days, "days_overdue": -days, "max_bytes": settings.EVIDENCE_MAX_BYTES}


# --- Lists -------------------------------------------------------------------------------------


@login_required
def report_index(request, year=None):
    if request.user.is_unit_user:
        return _unit_dashboard(request, year)
    if request.user.is_reviewer:
        if year is not None:
            return redirect(f"{reverse('reports:index')}?year={year}")
        return _submitted_list(request)
    raise PermissionDenied


def _unit_dashboard(request, year=None):
    """The unit's year (the one it works on, or `year` from the switch) and all its reports."""
    user = request.user
    if year is None:
        criteria_set = CriteriaSet.objects.current(user)
    else:
        criteria_set = get_object_or_404(
            CriteriaSet.objects.exclude(state=YearState.PREPARED), year=year
        )
    reports = returns.attach(
        list(
            AnnualReport.objects.restrict(user)
            .select_related("criteria_set")
            .with_totals()
            .order_by("-criteria_set__year")
        )
    )
    this = next((r for r in reports if criteria_set and r.criteria_set_id == criteria_set.pk), None)
    year = criteria_set.year if criteria_set else None
    last = next((r for r in reports if year and r.year == year - 1), None)
    context = {
        "reports": reports,
        "criteria_set": criteria_set,
        "this": this,
        "last": last,
        "year": year,
        "can_start": (
            criteria_set is not None
            and criteria_set.accepts_reports
            and this is None
            and user.unit.must_report_in(criteria_set.year)
        ),
        **(deadline_context(criteria_set) if criteria_set else {}),
        "comparison": _comparison(this, last),
        "not_reporting": user.unit.why_not_reporting(criteria_set.year) if criteria_set else "",
    }
    return render(request, "reports/index_unit.html", context)


def _comparison(this, last):
    """This year's figures beside last year's: self-score per criterion and the indicators."""
    pair = [r for r in (this, last) if r is not None]
    if not pair:
        return None
    scores, values = {}, {}
    for s in CriterionScore.objects.filter(report__in=pair).select_related("criterion"):
        row = scores.setdefault(
            s.criterion.number, {"label": s.criterion.title, "max": s.criterion.max_points}
        )
        row["this" if this and s.report_id == this.pk else "last"] = s.self_score
    for v in IndicatorValue.objects.filter(report__in=pair).select_related("indicator"):
        row = values.setdefault(
            v.indicator.code,
            {"label": v.indicator.name, "uom": v.indicator.unit_of_measure, "order": 0},
        )
        if this and v.report_id == this.pk:
            row["this"], row["order"] = v.value, v.indicator.order
        else:
            row["last"] = v.value
    return {
        "scores": [scores[n] for n in sorted(scores)],
        "indicators": sorted(values.values(), key=lambda r: r["order"]),
    }


def _submitted_list(request):
    reports = (
        AnnualReport.objects.restrict(request.user)
        .select_related("unit", "criteria_set")
        .with_totals()
    )
    years = sorted(
        set(
            AnnualReport.objects.restrict(request.user).values_list("criteria_set__year", flat=True)
        ),
        reverse=True,
    )
    year = request.GET.get("year", "")
    if year.isdigit():
        reports = reports.filter(criteria_set__year=int(year))
    state = request.GET.get("state", "")
    if state in ReportState.values:
        reports = reports.filter(state=state)
    q = fold(request.GET.get("q", ""))
    if q:
        reports = reports.filter(unit__search_text__contains=q)
    page = paginate(request, reports.order_by("-criteria_set__year", "unit__code"))
    return render(
        request,
        "reports/index_province.html",
        {
            "page_obj": page,
            "years": years,
            "year": year,
            "state": state,
            "states": ReportState.choices,
            "q": request.GET.get("q", ""),
            "query_string": query_string(request),
        },
    )


@login_required
@require_POST
def report_start(request):
    user = request.user
    if not user.is_unit_user:
        raise PermissionDenied
    criteria_set = CriteriaSet.objects.current(user)
    if criteria_set is None or not criteria_set.accepts_reports:
        messages.error(request, _("The province has not published this year's criteria yet."))
        return redirect("reports:index")
    try:
        report = services.start_report(user.unit, criteria_set, user)
    except ReportError as refused:
        messages.error(request, str(refused))
        return redirect("reports:index")
    return redirect("reports:edit", pk=report.pk)


# --- One report --------------------------------------------------------------------------------


@login_required
def report_detail(request, pk, missing=None, status=200, explanations=None, send_back=""):
    report = get_report(request, pk)
    user = request.user
    is_member = services.is_unit_member(user, report)
    page = filing.build_page(report, with_items=False, with_last_year_scores=False)
    if (
        missing is None
        and is_member
        and report.state in UNIT_EDITABLE_STATES | {ReportState.AWAITING_SIGNOFF}
    ):
        missing = services.missing_parts(
            report, [p.score for p in page.parts], [row.value for row in page.indicators]
        )
    events = list(report.events.select_related("actor"))
    report.handbacks = returns.open_among(report, events)
    context = {
        "page": page,
        "report": report,
        "comments_visible": returns.comments_visible_to_unit(report, report.handbacks),
        "missing": missing,
        "is_member": is_member,
        "can_edit": services.can_edit(user, report),
        "can_sign_off": services.can_sign_off(user, report),
        "open_warnings": _open_warnings(user, report, explanations, page.broken),
        "warnings_refused": explanations is not None,
        "send_back_typed": send_back,
        "events": events,
        "general_parts": [
            (AnnualReport._meta.get_field(name).verbose_name, getattr(report, name))
            for name in services.GENERAL_FIELDS
        ],
        **deadline_context(report.criteria_set),
    }
    return render(request, "reports/detail.html", context, status=status)


@login_required
def report_edit(request, pk):
    report = get_unit_report(request, pk, handed_back=returns.ever_handed_back())
    if not services.can_edit(request.user, report):
        messages.info(
            request,
            _("This report is “%(state)s”; the unit can no longer change it.")
            % {"state": report.get_state_display()},
        )
        return redirect("reports:detail", pk=report.pk)
    page = filing.build_page(report)
    year_over_year.last_year(report, [part.score for part in page.parts], page.last_year_scores)
    general = GeneralForm(
        initial=GeneralForm.initial_from(report),
        url=reverse("reports:save_general", args=[report.pk]),
    )
    for part in page.parts:
        part.form = CriterionForm(
            initial={"narrative": part.score.narrative, "self_score": part.score.self_score},
            criterion=part.criterion,
            url=reverse("reports:save_criterion", args=[report.pk, part.criterion.pk]),
        )
    indicators = IndicatorsForm(
        initial={
            IndicatorsForm.field_name(row.indicator): row.value.value for row in page.indicators
        },
        indicators=[row.indicator for row in page.indicators],
        url=reverse("reports:save_indicators", args=[report.pk]),
    )
    marks, score_marks = page.marks(), page.score_marks()
    for row in page.indicators:
        row.field = indicators[IndicatorsForm.field_name(row.indicator)]
        row.marks = marks.get(row.indicator.code, [])
    for part in page.parts:
        part.marks = score_marks.get(part.score.criterion_id, [])
    if report.handed_back:
        returns.attach([report])
    else:
        report.handbacks = []
    context = {
        "page": page,
        "report": report,
        "general": general,
        "comments_visible": returns.comments_visible_to_unit(report, report.handbacks),
        **deadline_context(report.criteria_set),
    }
    return render(request, "reports/edit.html", context)


# --- Sign-off ----------------------------------------------------------------------------------


@login_required
@require_POST
def report_send_to_head(request, pk):
    report = get_unit_report(request, pk, related=())
    done = _("The report was sent to the unit head for sign-off.")
    try:
        services.send_to_head(report, request.user, request.POST.get("comment", ""))
    except QueueUnavailable:
        _mail_waits(request, done)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("reports:detail", pk=report.pk)


def _mail_waits(request, done):
    """The move is made; only its e-mail waits for the queue (beat sends it again)."""
    waits = _(
        "The e-mail could not be queued because the mail service is unavailable; it will be "
        "sent again automatically."
    )
    messages.warning(request, f"{done} {waits}")


def _open_warnings(user, report, explanations, broken):
    """For the head about to sign off: each broken consistency rule (`broken`, the page's) with
    what was typed for it (kept when the submission is refused)."""
    if not services.can_sign_off(user, report):
        return []
    explanations = explanations or {}
    return [(item, explanations.get(item.pk, "")) for item in broken]


def _explanations(post):
    found = {}
    for name, value in post.items():
        if name.startswith("explain-") and name[8:].isdigit():
            found[int(name[8:])] = value
    return found


def _too_long(texts, limit=limits.SHORT_TEXT):
    """The refusal of the first of `texts` (a dict) past `limit`, or None: the page is drawn
    again with every text as typed, never cut."""
    for text in texts.values():
        try:
            limits.check(text, limit)
        except ValidationError as error:
            return " ".join(error.messages)
    return None


def _head_report(request, pk):
    report = get_unit_report(request, pk, related=())
    if not services.can_sign_off(request.user, report):
        raise PermissionDenied
    return report


@login_required
@require_POST
def report_send_back(request, pk):
    report = _head_report(request, pk)
    done = _("The report was sent back to the staff with your comment.")
    comment = request.POST.get("comment", "")
    refusal = _too_long({0: comment}, limits.TEXT)
    if refusal:
        messages.error(request, refusal)
        return report_detail(request, pk, status=422, send_back=comment)
    try:
        services.send_back(report, request.user, comment)
    except QueueUnavailable:
        _mail_waits(request, done)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk):
    report = _head_report(request, pk)
    explanations = _explanations(request.POST)
    refusal = _too_long(explanations)
    if refusal:
        messages.error(request, refusal)
        return report_detail(request, pk, status=422, explanations=explanations)
    try:
        report = services.submit(
            report, request.user, request.POST.get("comment", ""), explanations
        )
    except UnexplainedWarnings as error:
        messages.error(request, str(error))
        return report_detail(request, pk, status=422, explanations=explanations)
    except IncompleteReport as error:
        messages.error(request, str(error))
        return report_detail(
            request, pk, missing=error.missing, status=422, explanations=explanations
        )
    except QueueUnavailable:  # a resubmission's mail to the reviewer waits for the queue
        _mail_waits(request, _("The report was submitted to the province."))
    except ReportError as error:
        messages.error(request, str(error))
    else:
        if report.is_late:
            messages.warning(
                request,
                _("The report was submitted after the deadline and is marked late."),
            )
        else:
            messages.success(request, _("The report was submitted to the province."))
    return redirect("reports:detail", pk=report.pk)


# --- Export and history ------------------------------------------------------------------------


@login_required
def report_export(request, pk):
    report = get_report(request, pk)
    data = export.report_docx(report)
    response = HttpResponse(
        data,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(report)}"'
    return response


@login_required
def score_history(request, pk):
    """Every self-score set or changed (and, for the review team, every review score), first
    scores included, with who and when."""
    report = get_report(request, pk)
    fields = ("self_score", "review_score") if request.user.is_reviewer else ("self_score",)
    changes = history.score_changes(report, fields)
    changes.sort(key=lambda c: c["at"], reverse=True)
    return render(request, "reports/history.html", {"report": report, "changes": changes})
