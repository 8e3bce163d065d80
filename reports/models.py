"""A unit's annual self-assessment, its scores, indicators, evidence and history.

The state machine is `ReportState` with its allowed moves in `TRANSITIONS`; every move goes
through a function in `reports/services.py` that checks who may make it and writes a
`ReportEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from criteria import rules
from criteria.models import POINTS
from danvan import limits
from danvan.access import RestrictedQuerySet, register
from danvan.uploads import EvidenceFile, unguessable_path


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNOFF = "awaiting_signoff", _("Awaiting sign-off")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    RETURNED = "returned", _("Returned for correction")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")


S = ReportState
TRANSITIONS = {
    S.DRAFT: {S.AWAITING_SIGNOFF},
    S.AWAITING_SIGNOFF: {S.DRAFT, S.SUBMITTED, S.RESUBMITTED},
    S.SUBMITTED: {S.UNDER_REVIEW},
    S.UNDER_REVIEW: {S.RETURNED, S.ACCEPTED},
    S.RETURNED: {S.AWAITING_SIGNOFF, S.RESUBMITTED},
    S.RESUBMITTED: {S.UNDER_REVIEW},
    S.ACCEPTED: {S.UNDER_REVIEW},  # reopened by the lead or an admin, with a reason
}
# States in which the unit's people may change narrative, self-scores, indicators and evidence.
UNIT_EDITABLE_STATES = {S.DRAFT, S.RETURNED}
# States in which the review team may score.
REVIEWABLE_STATES = {S.UNDER_REVIEW}


def _reports_for(reports, user):
    """A unit's people see their unit's reports; the review team and admins see every report
    that has ever been submitted; nobody else."""
    if user.is_reviewer:
        return reports.filter(first_submitted_at__isnull=False)
    if user.unit_id is not None:
        return reports.filter(unit_id=user.unit_id)
    return reports.none()


class AnnualReportQuerySet(RestrictedQuerySet):
    def for_year(self, year):
        return self.filter(criteria_set__year=year)

    def with_totals(self):
        """`self_total` and `review_total` on each report: the one query of report totals
        (criteria.rules.score_sums: each criterion's score clamped to 0..its maximum)."""
        return self.annotate(**rules.score_sums("scores__"))


class AnnualReport(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet",
        verbose_name=_("criteria set"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    # Optimistic locking: every save of the form must name the version it was based on.
    version = models.PositiveIntegerField(default=1)

    # Header of the document (Nghị định 30/2020 layout).
    document_number = models.CharField(_("number and symbol"), max_length=100, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    report_date = models.DateField(_("date of the report"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    recipients = limits.TextField(_("recipients"), blank=True, max_length=limits.SHORT_TEXT)
    signer_authority = models.CharField(_("signing authority"), max_length=50, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=200, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)

    # General part.
    legal_bases = limits.TextField(
        _("legal bases answered"), blank=True, max_length=limits.NARRATIVE
    )
    general_situation = limits.TextField(
        _("general situation"), blank=True, max_length=limits.NARRATIVE
    )
    leadership = limits.TextField(
        _("leadership and direction"), blank=True, max_length=limits.NARRATIVE
    )
    strengths = limits.TextField(_("strengths and causes"), blank=True, max_length=limits.NARRATIVE)
    shortcomings = limits.TextField(
        _("shortcomings and causes"), blank=True, max_length=limits.NARRATIVE
    )
    lessons = limits.TextField(_("lessons learned"), blank=True, max_length=limits.NARRATIVE)
    proposals = limits.TextField(_("proposals"), blank=True, max_length=limits.NARRATIVE)
    next_year_direction = limits.TextField(
        _("direction and tasks for next year"), blank=True, max_length=limits.NARRATIVE
    )

    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_late = models.BooleanField(_("late"), default=False)
    # The consistency warnings still open when the head submitted, each with the head's
    # explanation ([{"rule", "message", "explanation"}]), for the review team to read.
    warning_notes = models.JSONField(_("explained warnings"), default=list, blank=True)
    has_warnings = models.BooleanField(_("submitted with warnings"), default=False, db_index=True)

    # Veto rule of docs/rules.md: a serious violation caps the class, with the reason recorded.
    violation_flagged = models.BooleanField(_("serious violation"), default=False)
    violation_reason = limits.TextField(_("violation"), blank=True, max_length=limits.TEXT)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AnnualReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-criteria_set__year", "unit__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "criteria_set"], name="one_report_per_year")
        ]
        indexes = [models.Index(fields=["criteria_set", "state"])]

    def __str__(self):
        return f"{self.unit} — {self.criteria_set.year}"

    @property
    def year(self):
        return self.criteria_set.year

    @property
    def is_unit_editable(self):
        return self.state in UNIT_EDITABLE_STATES

    def can_move_to(self, state):
        return state in TRANSITIONS.get(self.state, set())


register(AnnualReport, view=_reports_for)


class CriterionScore(models.Model):
    """What the unit did for one criterion, its self-score and the review team's score."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        "criteria.Criterion", on_delete=models.PROTECT, related_name="scores"
    )
    narrative = limits.TextField(_("what was done"), blank=True, max_length=limits.NARRATIVE)
    self_score = models.DecimalField(_("self-score"), null=True, blank=True, **POINTS)
    review_score = models.DecimalField(_("review score"), null=True, blank=True, **POINTS)
    review_comment = limits.TextField(_("review comment"), blank=True, max_length=limits.TEXT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["report", "criterion__order", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True) | Q(self_score__gte=0),
                name="self_score_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(review_score__isnull=True) | Q(review_score__gte=0),
                name="review_score_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.report} — {self.criterion.number}"


class IndicatorValue(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.ForeignKey(
        "criteria.Indicator", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self):
        return f"{self.indicator.code}={self.value}"


def evidence_path(instance, filename):
    return unguessable_path(f"evidence/{instance.report.criteria_set.year}", filename)


class Evidence(EvidenceFile):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="evidence")
    criterion = models.ForeignKey(
        "criteria.Criterion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)


# Steps whose target state would misname them: a head's send-back lands on "Draft".
EVENT_LABELS = {
    "created": _("Report created"),
    "sent_to_head": _("Sent to the unit head for sign-off"),
    "sent_back": _("Sent back to the staff by the unit head"),
    "violation_flagged": _("Serious violation flagged"),
}


class ReportEvent(models.Model):
    """One step in a report's life: who moved it, from what to what, when and why."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(max_length=20, choices=ReportState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReportState.choices, blank=True)
    comment = limits.TextField(_("comment"), blank=True, max_length=limits.TEXT)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.report} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self):
        """The step as people say it: its own name, else the state it led to."""
        if self.action in EVENT_LABELS:
            return EVENT_LABELS[self.action]
        return self.get_to_state_display() if self.to_state else self.action


class ReportSnapshot(models.Model):
    """The report as it was sent at each submission, so reviewers can diff two of them."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveSmallIntegerField(_("submission number"))
    taken_at = models.DateTimeField(auto_now_add=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    content = models.JSONField()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_snapshot_number")
        ]

    def __str__(self):
        return f"{self.report} #{self.number}"


class ReviewAssignment(models.Model):
    """Which member of the review team reviews a unit's report of a year.

    Keyed by year (criteria set) and unit, not by report, so the lead can share out the work
    before the units have even started their reports.
    """

    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet", on_delete=models.CASCADE, related_name="review_assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "unit"], name="one_reviewer_per_unit_year"
            )
        ]

    def __str__(self):
        return f"{self.unit} → {self.reviewer}"

    @classmethod
    def reviewer_of(cls, report):
        """The member of the review team assigned `report`'s unit and year, or None. Asked by
        the review screen and by the mail that tells the reviewer of a resubmission."""
        assignment = (
            cls.objects.select_related("reviewer")
            .filter(criteria_set_id=report.criteria_set_id, unit_id=report.unit_id)
            .first()
        )
        return assignment.reviewer if assignment else None


class Notification(models.Model):
    """One e-mail the portal sends (or tried to send), kept so reviewers can see who was told."""

    class Kind(models.TextChoices):
        RETURNED = "returned", _("Report returned for correction")
        ACCEPTED = "accepted", _("Report accepted")
        RESUBMITTED = "resubmitted", _("Returned report resubmitted")
        REMINDER = "reminder", _("Submission deadline reminder")
        SIGNOFF_REQUESTED = "signoff_requested", _("Report sent for sign-off")
        SENT_BACK = "sent_back", _("Report sent back by the unit head")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", pgettext_lazy("notification status", "Failed")

    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet", on_delete=models.CASCADE, related_name="notifications"
    )
    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="notifications")
    report = models.ForeignKey(
        AnnualReport,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Who acted and what they wrote; the recipients, subject and body are written from them by
    # the worker that sends the mail (reports.notifications.render), not by the request.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = limits.TextField(blank=True, max_length=limits.TEXT)
    recipients = models.JSONField(_("recipients"), default=list)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When the message last went to the broker; empty while it waits for it (danvan.jobs).
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Reminders are sent at most once per unit and day, whatever beat or an operator re-runs.
    dedupe_key = models.CharField(max_length=100, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.unit}"
