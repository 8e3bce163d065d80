"""What waits for each person, for the home page.

A fixed number of grouped reads whatever the number of reports: the unit's reports with their
open hand-backs (`reports.returns`), the reports assigned to a reviewer, and for the lead the
year's board counted by state (`review.services`). Each item leads to the page where the work
is done; the template only draws them.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from reports import returns
from reports.models import AnnualReport, ReportState, ReviewAssignment
from review import services as review

S = ReportState
TO_REVIEW = (S.SUBMITTED, S.RESUBMITTED, S.UNDER_REVIEW)
# A reviewer's list on the home page stops here; the board has the rest.
REVIEW_LIST_LIMIT = 20


@dataclass
class Due:
    """The unit's report of the year, not yet submitted, and how far the deadline is."""

    criteria_set: object
    report: object = None
    days_left: int = 0

    @property
    def days_overdue(self):
        return -self.days_left


@dataclass
class Waiting:
    to_correct: list = field(default_factory=list)
    awaiting_signoff: list = field(default_factory=list)
    due: Due | None = None
    to_review: list = field(default_factory=list)
    more_to_review: bool = False
    review_counts: dict = field(default_factory=dict)
    unassigned: int = 0
    overdue_units: int = 0
    lead_set: object = None
    not_reporting: str = ""

    @property
    def empty(self):
        return not (
            self.to_correct
            or self.awaiting_signoff
            or self.due
            or self.to_review
            or any(self.review_counts.values())
            or self.unassigned
            or self.overdue_units
            or self.not_reporting
        )


def for_user(user, criteria_set):
    waiting = Waiting()
    if user.is_unit_user:
        _unit_work(waiting, user, criteria_set)
    if user.is_reviewer:
        _review_work(waiting, user)
    if user.is_review_lead and criteria_set is not None:
        _lead_work(waiting, criteria_set)
    return waiting


def _unit_work(waiting, user, criteria_set):
    reports = returns.attach(
        list(
            AnnualReport.objects.restrict(user)
            .select_related("criteria_set", "updated_by")
            .order_by("-criteria_set__year")
        )
    )
    for report in reports:
        # A head's own send-back waits for the staff; the review team's return for everyone.
        open_ = [
            e for e in report.handbacks if not (user.is_unit_head and e.action == returns.BY_HEAD)
        ]
        if open_ and report.is_unit_editable:
            report.handbacks = open_
            waiting.to_correct.append(report)
    if user.is_unit_head:
        # `_move` records who sent it on the report itself (updated_by, updated_at).
        waiting.awaiting_signoff = [r for r in reports if r.state == S.AWAITING_SIGNOFF]
    if criteria_set is None:
        return
    waiting.not_reporting = user.unit.why_not_reporting(criteria_set.year)
    if waiting.not_reporting:
        return
    this = next((r for r in reports if r.criteria_set_id == criteria_set.pk), None)
    if this is None or this.first_submitted_at is None:
        days = (criteria_set.submission_deadline - timezone.localdate()).days
        due = Due(criteria_set, this, days)
        if this in waiting.to_correct or this in waiting.awaiting_signoff:
            this.due = due  # the deadline shows on the item already listed
        else:
            waiting.due = due


def _review_work(waiting, user):
    mine = ReviewAssignment.objects.filter(
        criteria_set=OuterRef("criteria_set"), unit=OuterRef("unit"), reviewer=user
    )
    reports = list(
        AnnualReport.objects.restrict(user)
        .filter(Exists(mine), state__in=TO_REVIEW)
        .select_related("unit", "criteria_set")
        .order_by("submitted_at", "pk")[: REVIEW_LIST_LIMIT + 1]
    )
    waiting.to_review = reports[:REVIEW_LIST_LIMIT]
    waiting.more_to_review = len(reports) > REVIEW_LIST_LIMIT


def _lead_work(waiting, criteria_set):
    """The year's review in numbers, each a filter of the board."""
    units = review.board(criteria_set)
    by_state = {code: n for code, _label, n in review.state_counts(units)["states"]}
    waiting.lead_set = criteria_set
    waiting.review_counts = {state: by_state[state] for state in TO_REVIEW}
    waiting.unassigned = units.filter(state__in=TO_REVIEW, reviewer_id__isnull=True).count()
    # Never submitted (a report in correction was submitted in time); read whatever the date,
    # so the page costs the same queries all year.
    never_submitted = units.filter(first_submitted_at__isnull=True).count()
    if timezone.localdate() > criteria_set.submission_deadline:
        waiting.overdue_units = never_submitted
