"""Screens of the review team: the board, assignment, the review screen, decisions, the diff.

Thin views: they check access, call `review.services` / `reports.services`, and render. Every
report screen answers 404 to anyone outside the review team, so a unit's people do not even
learn that a review screen exists.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from criteria import rules
from criteria.models import CriteriaSet
from danvan.access import get_for_request, lead_required, reviewer_required
from danvan.celery import QueueUnavailable
from danvan.listing import paginate_ids_first, query_string, sort_order
from danvan.xlsx_writer import Column, Table, xlsx_bytes, xlsx_response
from reports import figures, returns, year_over_year
from reports import services as report_services
from reports.autosave import conflict_message
from reports.errors import ReportError, StaleReport
from reports.forms import shown_value
from reports.models import (
    REVIEWABLE_STATES,
    AnnualReport,
    CriterionScore,
    ReportState,
    ReviewAssignment,
)

from . import history, services
from .forms import AssignForm, BoardFilterForm, DecisionForm, ReviewScoreForm

BOARD_PER_PAGE = 50
NULLABLE = {"is_late", "self_total", "review_total", "reviewer_name"}
SORTS = {
    "code": "code",
    "name": ("search_text", "code"),
    "group": ("group__order", "code"),
    "state": ("state", "code"),
    "late": ("is_late", "code"),
    "self_total": ("self_total", "code"),
    "review_total": ("review_total", "code"),
    "reviewer": ("reviewer_name", "code"),
}


@reviewer_required
def index(request):
    criteria_set = CriteriaSet.objects.current(request.user)
    if criteria_set is None:
        raise Http404
    return redirect("review:board", year=criteria_set.year)


def _board_units(request, criteria_set, team):
    """The filtered, sorted board and the counts per state (before the state filter)."""
    form = BoardFilterForm(request.GET or None, team=team)
    units = form.filter(
        services.board(criteria_set, request.user),
        request.user,
        lambda: figures.broken_by_report(criteria_set).keys(),
    )
    counts = services.state_counts(units)
    units, state = form.filter_state(units)
    ordering, sort = sort_order(request, SORTS, "code")
    ordering = [_nulls_last(field) for field in ordering]
    if "sort" not in request.GET:
        ordering = ["mine", *ordering]  # a reviewer's own units first
    # How many rows the board has: the counts per state already say it.
    counts["rows"] = counts["total"] if state is None else counts["by_state"][state]
    return form, counts, units.order_by(*ordering), sort


def _nulls_last(field):
    """Units without a report or a score sort last either way, on SQLite and PostgreSQL alike."""
    name = field.lstrip("-")
    if name not in NULLABLE:
        return field
    return F(name).desc(nulls_last=True) if field.startswith("-") else F(name).asc(nulls_last=True)


@reviewer_required
def board(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    team = services.review_team(year)
    form, counts, units, sort = _board_units(request, criteria_set, team)
    # The page's 50 ids first, then those 50 rows with every annotation (totals, reviewer...):
    # the sort over all the units no longer computes them for every unit.
    page = paginate_ids_first(request, units, BOARD_PER_PAGE, count=counts["rows"])
    warned = figures.broken_by_report(
        criteria_set, [row.report_id for row in page if row.report_id]
    )
    for row in page:
        row.state_label = services.state_label(row.state)
        row.warnings = warned.get(row.report_id, [])
    return render(
        request,
        "review/board.html",
        {
            "criteria_set": criteria_set,
            "form": form,
            "counts": counts,
            "page_obj": page,
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
            "full_query": request.GET.urlencode(),
            "assign_form": AssignForm(team=team, year=year)
            if request.user.is_review_lead
            else None,
        },
    )


@reviewer_required
@require_GET
def board_export(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    _form, _counts, units, _sort = _board_units(request, criteria_set, services.review_team(year))
    warned = figures.broken_by_report(criteria_set)
    # Plain tuples, not units: 5,000 rows build no model instances (half the export's time).
    values = units.values_list(
        "code",
        "name",
        "group__name",
        "state",
        "is_late",
        "self_total",
        "review_total",
        "reviewer_name",
        "reviewer_username",
        "report_id",
    )
    rows = (
        [
            code,
            name,
            group or "",
            str(services.state_label(state)),
            "x" if late else "",
            self_total,
            review_total,
            full_name or username or "",
            len(warned.get(report_id, [])) or None,
        ]
        for (
            code,
            name,
            group,
            state,
            late,
            self_total,
            review_total,
            full_name,
            username,
            report_id,
        ) in values.iterator(chunk_size=2000)
    )
    table = Table(f"Thẩm định {year}", BOARD_COLUMNS, rows)
    return xlsx_response(xlsx_bytes(table), f"bang-tham-dinh-{year}.xlsx")


BOARD_COLUMNS = [
    Column("Mã đơn vị", 12),
    Column("Tên đơn vị", 50),
    Column("Khối", 28),
    Column("Trạng thái", 20),
    Column("Nộp muộn", 10),
    Column("Tự chấm", 10),
    Column("Thẩm định", 10),
    Column("Người thẩm định", 28),
    Column("Cảnh báo số liệu", 16, kind="count"),
]


@lead_required
@require_POST
def assign(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    form = AssignForm(request.POST, team=services.review_team(year), year=year)
    if form.is_valid():
        try:
            changed = services.assign(
                criteria_set,
                form.cleaned_data["units"],
                form.cleaned_data["reviewer"],
                request.user,
            )
        except ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Assignment saved for %(n)s units.") % {"n": changed})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("review:board", kwargs={"year": year})
    return redirect(target)


# --- The review screen -------------------------------------------------------------------------


def _report_for_review(request, pk):
    """The report if the user is on the review team and it has been submitted; else 404."""
    if not request.user.is_reviewer:
        raise Http404
    reports = AnnualReport.objects.select_related("unit", "unit__group", "criteria_set")
    return get_for_request(request, reports, pk=pk)


def _totals(report, scores):
    total = rules.review_total(scores)
    return {
        "self_total": rules.self_total(scores),
        "review_total": total,
        "scored": sum(1 for s in scores if s.review_score is not None),
        "count": len(scores),
        "max_total": sum(s.criterion.max_points for s in scores),
        "tier": rules.class_for(total, report.criteria_set.tiers.all()),
    }


def _score_rows(report, scores, overrides=None):
    evidence, indicators = {}, {}
    for item in report.evidence.select_related("uploaded_by"):
        evidence.setdefault(item.criterion_id, []).append(item)
    indicator_values = list(report.indicators.select_related("indicator"))
    year_over_year.last_year_indicators(report, indicator_values)
    broken = figures.broken_rules(report, indicator_values, scores)
    notes = services.warning_notes_by_criterion(report, indicator_values, broken)
    for value in indicator_values:
        indicators.setdefault(value.indicator.criterion_id, []).append(value)
    rows = []
    for score in scores:
        row = {
            "score": score,
            "form": ReviewScoreForm(
                criterion=score.criterion,
                initial={
                    "version": report.version,
                    "review_score": score.review_score,
                    "review_comment": score.review_comment,
                },
            ),
            "rs_key": f"rs-{score.pk}",
            "rc_key": f"rc-{score.pk}",
            "evidence": evidence.get(score.criterion_id, []),
            "indicators": indicators.get(score.criterion_id, []),
            "warning_notes": notes.get(score.criterion_id, []),
        }
        row.update((overrides or {}).get(score.pk, {}))
        rows.append(row)
    return rows, evidence.get(None, []), [item.text for item in broken]


def _scores(report):
    scores = list(report.scores.select_related("criterion", "reviewed_by"))
    return year_over_year.last_year(report, scores)


def _render_report(request, report, overrides=None, status=200, typed=None):
    scores = _scores(report)
    rows, general_evidence, warnings = _score_rows(report, scores, overrides)
    snapshots = list(report.snapshots.order_by("number"))
    return render(
        request,
        "review/report.html",
        {
            "report": report,
            "rows": rows,
            "general_evidence": general_evidence,
            "warnings": warnings,
            "totals": _totals(report, scores),
            "can_score": report.state in REVIEWABLE_STATES,
            "reviewer": ReviewAssignment.reviewer_of(report),
            "timeline": history.timeline(report),
            "notifications": report.notifications.all(),
            "snapshots": snapshots,
            "general_fields": [
                (AnnualReport._meta.get_field(name).verbose_name, getattr(report, name))
                for name in report_services.GENERAL_FIELDS
            ],
            "comments_visible": returns.comments_visible_to_unit(report),
            "S": ReportState,
            # A refused decision's comment, shown again in its box.
            "typed": typed or {},
        },
        status=status,
    )


@login_required
@require_GET
def report_detail(request, pk):
    return _render_report(request, _report_for_review(request, pk))


def _field_states(form, sent, saved=None, error="", conflict=None):
    """What each review field's status line says after a save: saved, its error, or the
    conflict with the value someone else saved meanwhile."""
    states = {}
    for name in services.REVIEW_FIELDS:
        state = {"sent": name in sent}
        if name not in sent:
            pass
        elif conflict is not None and name in conflict["fields"]:
            saved_value = conflict["values"].get(name)
            state.update(
                state="conflict",
                message=conflict["message"],
                saved_shown=shown_value(form.fields[name], saved_value),
                mine=form.data.get(name, ""),
            )
        elif name in form.errors:
            state.update(state="error", error=" ".join(form.errors[name]))
        elif error:
            state.update(state="error", error=error)
        elif saved:
            state.update(state="saved")
        states[name] = state
    return states


@login_required
@require_POST
def save_score(request, pk, score_pk):
    """Save a review score or comment as typed, one field per request from the page (both from
    the no-script form). 409 when someone changed the same field meanwhile or the report is
    locked, 422 when the value is invalid (kept in the field with its error)."""
    report = _report_for_review(request, pk)
    score = get_object_or_404(report.scores.select_related("criterion"), pk=score_pk)
    form = ReviewScoreForm(request.POST, criterion=score.criterion)
    sent = [name for name in services.REVIEW_FIELDS if name in request.POST]
    row, status, error, conflict = {"form": form}, 200, "", None

    def current(names):
        return CriterionScore.objects.filter(pk=score.pk).values(*names).first()

    if not form.is_valid():
        status = 422
    else:
        data = form.cleaned_data
        try:
            report_services.save_unless_changed(
                report,
                lambda version, changes: services.save_review_score(
                    score, request.user, version, changes
                ),
                data["version"],
                {name: data[name] for name in sent},
                form.bases(sent),
                current,
            )
        except StaleReport as exc:
            status, error = 409, str(exc)
            values = current(list(services.REVIEW_FIELDS))
            writer = CriterionScore.objects.filter(pk=score.pk).values_list(
                "reviewed_by_id", flat=True
            )[0]
            conflict = {
                "fields": sent,
                "values": values,
                "message": conflict_message(request.user, exc.current, writer),
            }
            row["error"], row["current"] = error, CriterionScore.objects.get(pk=score.pk)
        except ReportError as exc:
            status, error = 409, str(exc)
            row["error"] = error
    report.refresh_from_db()
    row["states"] = _field_states(form, sent, saved=status == 200, error=error, conflict=conflict)
    if status != 200:
        form.data = form.data.copy()
        form.data["version"] = report.version  # saving again, having seen both, wins
    if not request.htmx:
        if status == 200:
            messages.success(request, _("Score saved."))
            return redirect(reverse("review:report", args=[report.pk]) + f"#c{score.pk}")
        return _render_report(request, report, {score.pk: row}, status=status)
    scores = _scores(report)
    rows, _general, _warnings = _score_rows(report, [s for s in scores if s.pk == score.pk])
    rows[0].update(row)
    response = render(
        request,
        "review/_score_row_response.html",
        {
            "row": rows[0],
            "report": report,
            "can_score": report.state in REVIEWABLE_STATES,
            "totals": _totals(report, scores),
        },
        status=status,
    )
    response["X-Report-Version"] = str(report.version)
    return response


DONE = {
    "start": gettext_lazy("The review has started."),
    "return": gettext_lazy("The report was returned to the unit for correction."),
    "accept": gettext_lazy("The report was accepted; its scores are locked."),
    "reopen": gettext_lazy("The report was reopened for review."),
    "flag": gettext_lazy("The serious violation was recorded."),
}


@login_required
@require_POST
def decide(request, pk):
    """Start review, return, accept, reopen or flag: each through its service function."""
    report = _report_for_review(request, pk)
    form = DecisionForm(request.POST)
    if "comment" in form.errors:
        # Too long: refused with the count, and the page again with the comment as typed.
        for error in form.errors["comment"]:
            messages.error(request, error)
        typed = {"action": request.POST.get("action", ""), "comment": form.data.get("comment")}
        return _render_report(request, report, status=422, typed=typed)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect("review:report", pk=report.pk)
    action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
    user = request.user
    steps = {
        "start": lambda: report_services.start_review(report, user),
        "return": lambda: report_services.return_for_revision(report, user, comment),
        "accept": lambda: report_services.accept(report, user, comment),
        "reopen": lambda: report_services.reopen(report, user, comment),
        "flag": lambda: report_services.flag_violation(report, user, comment),
    }
    try:
        steps[action]()
    except QueueUnavailable:
        messages.warning(
            request,
            str(DONE[action])
            + " "
            + _(
                "The e-mail could not be queued because the mail service is unavailable; it is "
                "listed as waiting under Notifications below and will be sent again automatically."
            ),
        )
    except ReportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, DONE[action])
    return redirect("review:report", pk=report.pk)


@login_required
@require_GET
def report_diff(request, pk):
    report = _report_for_review(request, pk)
    snapshots = list(report.snapshots.order_by("number"))
    by_number = {s.number: s for s in snapshots}
    diff = older = newer = None
    if len(snapshots) >= 2:
        older = by_number.get(_int(request.GET.get("a")), snapshots[-2])
        newer = by_number.get(_int(request.GET.get("b")), snapshots[-1])
        diff = history.diff_snapshots(older, newer)
    return render(
        request,
        "review/diff.html",
        {
            "report": report,
            "snapshots": snapshots,
            "older": older,
            "newer": newer,
            "diff": diff,
            "now": timezone.now(),
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
