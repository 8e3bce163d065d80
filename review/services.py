"""The review team's work on reports: who reviews which unit, the board, review scores, totals.

State changes (start review, return, accept, reopen, flag) stay in `reports/services.py`; this
module adds what the review team needs around them. Saving a review score claims the report's
version like every other save, so two reviewers typing at once cannot overwrite each other.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from accounts.services import review_team as accounts_review_team
from audit.services import Action, record
from criteria.rules import score_sums
from danvan import formats
from reports.errors import ReportError, StaleReport
from reports.models import (
    REVIEWABLE_STATES,
    AnnualReport,
    CriterionScore,
    ReportEvent,
    ReportState,
    ReviewAssignment,
)
from reports.returns import comments_visible_to_unit
from reports.services import claim_version, record_score_change
from units.models import Unit

S = ReportState
NOT_STARTED = "not_started"
BOARD_STATES = [(NOT_STARTED, gettext_lazy("Not started")), *ReportState.choices]
# States of a report the review team has received (docs/rules.md: submitted by the deadline).
RECEIVED_STATES = {S.SUBMITTED, S.UNDER_REVIEW, S.RETURNED, S.RESUBMITTED, S.ACCEPTED}
STEP = Decimal("0.25")


# --- The review team and assignments ---------------------------------------------------------


def review_team(year):
    """Users who may be assigned reports of `year`.

    The year's team from `accounts.services.review_team` when the province has set one up;
    otherwise every active reviewer and lead.
    """
    on_team = accounts_review_team(year).filter(pk=OuterRef("pk"))
    # One query for both: the active reviewers and leads, and the year's team members.
    people = list(
        User.objects.filter(is_active=True)
        .annotate(on_team=Exists(on_team))
        .filter(Q(on_team=True) | Q(role__in=[Role.REVIEWER, Role.LEAD]))
        .order_by("search_text", "pk")
    )
    team = [user for user in people if user.on_team]
    return team or [user for user in people if user.role in (Role.REVIEWER, Role.LEAD)]


@transaction.atomic
def assign(criteria_set, units, reviewer, by):
    """Give `units` of the year to `reviewer` (None takes them back). Returns how many changed."""
    if not by.is_review_lead:
        raise ReportError(_("Only the review lead or an admin may assign reviewers."))
    units = list(units)
    if reviewer is None:
        deleted, _details = ReviewAssignment.objects.filter(
            criteria_set=criteria_set, unit__in=units
        ).delete()
        changed = deleted
    else:
        if reviewer.pk not in {u.pk for u in review_team(criteria_set.year)}:
            raise ReportError(_("%(name)s is not on the review team.") % {"name": reviewer})
        existing = {
            a.unit_id: a
            for a in ReviewAssignment.objects.filter(criteria_set=criteria_set, unit__in=units)
        }
        new = [
            ReviewAssignment(criteria_set=criteria_set, unit=u, reviewer=reviewer, assigned_by=by)
            for u in units
            if u.pk not in existing
        ]
        ReviewAssignment.objects.bulk_create(new)
        moved = [a.pk for a in existing.values() if a.reviewer_id != reviewer.pk]
        ReviewAssignment.objects.filter(pk__in=moved).update(reviewer=reviewer, assigned_by=by)
        changed = len(new) + len(moved)
    record(
        Action.PERMISSION_CHANGE,
        user=by,
        event="reviewers_assigned",
        year=criteria_set.year,
        reviewer=reviewer.username if reviewer else None,
        units=[u.code for u in units][:200],
    )
    return changed


# --- The board ---------------------------------------------------------------------------------


def board(criteria_set, user=None):
    """Every unit active in the year with its report's state, totals and reviewer, in one query.

    Units without a report show as "not started". Totals are subqueries over the scores, so the
    page costs the same number of queries for 50 units as for 5,000.
    """
    # Correlated on the report of the row: no join back to the reports, and a unit without
    # one finds no score at once.
    scores = CriterionScore.objects.filter(report=OuterRef("report_id")).order_by().values("report")
    units = (
        Unit.objects.rated_in(criteria_set.year)
        .select_related("group")
        .annotate(
            rep=FilteredRelation("reports", condition=Q(reports__criteria_set=criteria_set)),
            asg=FilteredRelation(
                "review_assignments",
                condition=Q(review_assignments__criteria_set=criteria_set),
            ),
        )
        .annotate(
            report_id=F("rep__id"),
            state=Coalesce(F("rep__state"), Value(NOT_STARTED)),
            is_late=F("rep__is_late"),
            first_submitted_at=F("rep__first_submitted_at"),
            self_total=_total(scores, "self_total"),
            review_total=_total(scores, "review_total"),
            reviewer_id=F("asg__reviewer_id"),
            reviewer_name=F("asg__reviewer__full_name"),
            reviewer_username=F("asg__reviewer__username"),
        )
    )
    if user is not None:
        units = units.annotate(
            mine=Case(
                When(asg__reviewer_id=user.pk, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    return units


def _total(scores, name):
    """The report's `name` total; a unit without a report skips the subquery altogether (the
    sort by a total evaluates it for every unit of the board)."""
    return Case(
        When(report_id__isnull=False, then=Subquery(scores.annotate(**score_sums()).values(name)))
    )


def state_counts(units):
    """How many units are in each state, and how many have submitted: one query."""
    rows = units.order_by().values("state").annotate(n=Count("pk"))
    counts = dict.fromkeys((code for code, _label in BOARD_STATES), 0)
    for row in rows:
        counts[row["state"]] = row["n"]
    total = sum(counts.values())
    submitted = sum(n for state, n in counts.items() if state in RECEIVED_STATES)
    labels = dict(BOARD_STATES)
    return {
        "total": total,
        "submitted": submitted,
        "states": [(code, labels[code], counts[code]) for code, _label in BOARD_STATES],
        "by_state": counts,
    }


def state_label(state):
    return dict(BOARD_STATES).get(state, state)


# --- Review scores -----------------------------------------------------------------------------


def check_points(value, criterion):
    """The review score rule: 0..max of the criterion, in steps of 0.25. None clears it."""
    if value is None:
        return None
    if value < 0 or value > criterion.max_points:
        raise ReportError(
            _("Enter a score from 0 to %(max)s.") % {"max": formats.measure(criterion.max_points)}
        )
    if value % STEP:
        raise ReportError(_("Scores go in steps of 0.25 (for example 7.5 or 7.75)."))
    return value


REVIEW_FIELDS = ("review_score", "review_comment")


@transaction.atomic
def save_review_score(score, user, expected_version, changes):
    """Save one criterion's review score, comment or both (`changes`), if nobody saved the
    report meanwhile; `reports.services.save_unless_changed` lets a stale save through per field.

    Refused unless the report is under review: before the review starts, and after acceptance
    (the report and its scores are locked until the lead reopens it).
    """
    if not user.is_reviewer:
        raise ReportError(_("Only the review team may score reports."))
    report = AnnualReport.objects.select_for_update().get(pk=score.report_id)
    if report.state not in REVIEWABLE_STATES:
        if report.state == S.ACCEPTED:
            raise ReportError(
                _(
                    "The report has been accepted and its scores are locked. Ask the review lead "
                    "to reopen it if a score must change."
                )
            )
        raise ReportError(_("Start the review before scoring this report."))
    score = CriterionScore.objects.select_for_update().select_related("criterion").get(pk=score.pk)
    fields = {}
    if "review_score" in changes:
        fields["review_score"] = check_points(changes["review_score"], score.criterion)
    if "review_comment" in changes:
        fields["review_comment"] = (changes["review_comment"] or "").strip()
    changed = {name: value for name, value in fields.items() if getattr(score, name) != value}
    if not changed:
        score.report = report
        return score
    if report.version != expected_version:
        raise StaleReport(report)
    claim_version(report, expected_version)
    before = score.review_score
    for name, value in changed.items():
        setattr(score, name, value)
    score.reviewed_by = user
    score._history_user = user
    score.save(update_fields=[*changed, "reviewed_by"])
    score.report = report
    if "review_score" in changed:
        record_score_change(
            user, report, score.criterion.number, "review_score", before, score.review_score
        )
    return score


# --- Totals and the class they would give --------------------------------------------------


def warning_notes_by_criterion(report, values, broken):
    """{criterion id: [note]}: beside each criterion, the warnings that concern it, each with
    the head's explanation at submission. A rule tied to a self-score sits beside its criterion,
    another beside the first criterion whose indicators it compares (None: neither is known).
    `broken` are the rules the figures break now; an explained one is shown once."""
    criterion_of = {v.indicator.code: v.indicator.criterion_id for v in values}
    rules = {rule.pk: rule for rule in report.criteria_set.rules.all()}
    notes = [dict(note) for note in report.warning_notes]
    explained = {note.get("rule") for note in notes}
    notes += [
        {"rule": item.pk, "message": item.text, "explanation": ""}
        for item in broken
        if item.pk not in explained
    ]
    by_criterion = {}
    for note in notes:
        rule = rules.get(note.get("rule"))
        by_criterion.setdefault(_criterion_of(rule, criterion_of), []).append(note)
    return by_criterion


def _criterion_of(rule, criterion_of):
    if rule is None:
        return None
    if rule.criterion_id is not None:
        return rule.criterion_id
    ids = {criterion_of.get(code) for code in rule.codes} - {None}
    return min(ids) if ids else None


# --- What the unit may see -------------------------------------------------------------------


def unit_review_comments(report):
    """The comments a unit may read: {"overall": str, "criteria": {criterion_id: str}} or None."""
    if not comments_visible_to_unit(report):
        return None
    event = (
        ReportEvent.objects.filter(report=report, action__in=["returned", "accepted"])
        .order_by("-at", "-pk")
        .first()
    )
    return {
        "overall": event.comment if event else "",
        "criteria": dict(
            report.scores.exclude(review_comment="").values_list("criterion_id", "review_comment")
        ),
    }
