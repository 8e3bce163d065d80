"""Classification runs, their per-unit results, the published decisions and API tokens.

A run never changes once finished: each aggregation writes a new result set and makes it the
year's current one in one transaction at the end (`services.finish_run`). A decision points at
the run it published and is frozen; a later run needs a new, versioned decision.
"""

import hashlib
import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from criteria.models import POINTS
from documents.signing import SigningForm


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class ClassificationRun(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    criteria_set = models.ForeignKey(
        "criteria.CriteriaSet", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    is_current = models.BooleanField(_("current result"), default=False)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Written by the task at every step; a run whose heartbeat is older than
    # RATINGS_RUN_STALE_SECONDS is considered dead and no longer blocks a new run.
    heartbeat_at = models.DateTimeField(default=timezone.now)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    rules = models.JSONField(_("rules used"), default=dict, blank=True)
    unit_count = models.PositiveIntegerField(_("units"), default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # When the message last went to the broker; empty while it waits for it (danvan.jobs).
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("classification run")
        verbose_name_plural = _("classification runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"], condition=Q(is_current=True), name="one_current_run_per_year"
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=Q(status__in=["queued", "running"]),
                name="one_active_run_per_year",
            ),
        ]

    def __str__(self):
        return f"{self.year} #{self.pk}"

    @property
    def is_active(self):
        return self.status in ACTIVE_STATUSES

    @property
    def progress_percent(self):
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class UnitResult(models.Model):
    """One unit's line of a run: scores, bonus, penalty, total, class, rank and notes."""

    run = models.ForeignKey(ClassificationRun, on_delete=models.CASCADE, related_name="results")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        "units.UnitGroup", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report_id = models.BigIntegerField(null=True, blank=True)
    classified = models.BooleanField(default=False)
    # Criterion number (as text, JSON keys) -> final score.
    scores = models.JSONField(default=dict, blank=True)
    criteria_total = models.DecimalField(default=0, **POINTS)
    bonus = models.DecimalField(default=0, **POINTS)
    penalty = models.DecimalField(default=0, **POINTS)
    total = models.DecimalField(default=0, **POINTS)
    below_full = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    tier_code = models.CharField(max_length=30, blank=True)
    tier_order = models.PositiveSmallIntegerField(null=True, blank=True)
    rank = models.PositiveIntegerField(null=True, blank=True)
    capped = models.BooleanField(default=False)  # lost the top class to the quota
    weak_criteria = models.JSONField(default=list, blank=True)  # numbers below the veto share
    violation = models.TextField(blank=True)  # reason, when the violation veto applied
    unclassified_reason = models.CharField(max_length=30, blank=True)

    class Meta:
        verbose_name = _("unit result")
        verbose_name_plural = _("unit results")
        constraints = [
            models.UniqueConstraint(fields=["run", "unit"], name="one_result_per_unit_per_run")
        ]

    def __str__(self):
        return f"{self.run} {self.unit_id} {self.tier_code}"


# A decision's number and symbol: the number, optionally the year, then the symbol
# ("125/QĐ-UBND", "25/2026/QĐ-UBND"). The form's prefilled "/QĐ-UBND" has no number.
DECISION_NUMBER = re.compile(r"^\d+[A-Za-z]?(/\d{4})?/[^\s/]\S*$")


def validate_decision_number(value):
    if not DECISION_NUMBER.match(value or ""):
        raise ValidationError(
            _(
                "Write the decision's number before its symbol, for example 125/QĐ-UBND: a "
                "decision cannot be published without its number."
            ),
            code="no_number",
        )


class DecisionFrozen(Exception):
    """A published decision is never changed; a correction is a new run and a new version."""


class DecisionQuerySet(models.QuerySet):
    def latest_for(self, year):
        return self.filter(year=year).order_by("-version").first()


class Decision(models.Model):
    """The province's decision publishing a run; frozen once created."""

    run = models.ForeignKey(
        ClassificationRun, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("run")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveSmallIntegerField(_("version"))
    number = models.CharField(
        _("number and symbol"), max_length=100, validators=[validate_decision_number]
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=100)
    issuing_body = models.CharField(_("issuing body"), max_length=200)
    signing_form = models.CharField(
        _("form of signing"),
        max_length=10,
        choices=SigningForm.choices,
        default=SigningForm.COLLECTIVE,
    )
    # The lines above the signer's title, written from signing_form when published.
    signer_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=100)
    signer_name = models.CharField(_("signer"), max_length=200)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    # The Word document as published: a template uploaded later changes the next decision,
    # never one already signed (decision_document.decision_docx).
    document = models.FileField(_("document as published"), upload_to="decisions/", blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["year", "version"], name="decision_version_unique"),
            models.UniqueConstraint(fields=["run"], name="one_decision_per_run"),
        ]

    def __str__(self):
        return f"{self.number} ({self.year} v{self.version})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise DecisionFrozen(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise DecisionFrozen(self)

    def clean(self):
        # A decision publishes a year's results, so it cannot be dated before that year.
        if self.date and self.year and self.date.year < self.year:
            raise ValidationError(
                {
                    "date": _(
                        "The decision cannot be dated before the year it classifies (%(year)s)."
                    )
                    % {"year": self.year}
                }
            )


def hash_token(key):
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A token another government system sends as `Authorization: Token <key>`.

    Only the SHA-256 of the key is kept; the key is shown once, when the token is created.
    """

    name = models.CharField(_("system"), max_length=200)
    prefix = models.CharField(_("prefix"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self):
        """Give the token a fresh random key and return it (the only time it is readable)."""
        key = secrets.token_urlsafe(32)
        self.prefix = key[:8]
        self.key_hash = hash_token(key)
        return key

    @classmethod
    def authenticate(cls, key):
        if not key:
            return None
        token = cls.objects.filter(key_hash=hash_token(key), is_active=True).first()
        if token is not None:
            cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token
