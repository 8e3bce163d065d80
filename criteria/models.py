"""A year's criteria set: the criteria, the indicators units report, and the rating rules.

Everything that decides a score is data here, versioned per year; the code that applies the
rules lives in `ratings/`. Once a report of the year is submitted the set is locked
(`locked_at`) and changes that would alter scores are refused.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Min
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from danvan import limits

POINTS = {"max_digits": 6, "decimal_places": 2}


class YearState(models.TextChoices):
    """The calendar of a criteria set's year; each step is the admin's decision."""

    PREPARED = "prepared", _("Prepared")
    OPEN = "open", _("Open for filing")
    CLOSED = "closed", _("Closed for filing")
    CLASSIFIED = "classified", _("Classified")


# The steps the admin may take from each state: forward, or one step back to correct.
YEAR_STEPS = {
    YearState.PREPARED: (YearState.OPEN,),
    YearState.OPEN: (YearState.CLOSED, YearState.PREPARED),
    YearState.CLOSED: (YearState.CLASSIFIED, YearState.OPEN),
    YearState.CLASSIFIED: (YearState.CLOSED,),
}


# What the admin's button says for each step, and what the confirmation asks.
YEAR_STEP_WORDING = {
    YearState.OPEN: (
        _("Open the year for filing"),
        _("Open the year %(year)s for filing? Units will file their reports for this year."),
    ),
    YearState.CLOSED: (
        _("Close the year for filing"),
        _("Close filing for %(year)s? Units can no longer start or submit reports of this year."),
    ),
    YearState.CLASSIFIED: (
        _("Mark as classified"),
        _("Mark %(year)s as classified? The review team moves on to the next year."),
    ),
    YearState.PREPARED: (
        _("Back to preparation"),
        _("Take %(year)s back to preparation? Units will no longer see this year."),
    ),
}


class CriteriaSetQuerySet(models.QuerySet):
    def with_lock_state(self):
        """Annotate the first submission of the year, so lists show the lock without N+1."""
        # criteria must not import reports: the reverse relation is read by its name only.
        return self.annotate(first_report_submitted_at=Min("reports__first_submitted_at"))

    def current(self, user=None):
        """The one answer to "which year is this person working on" (docs/rules.md, Calendar).

        The state the admin sets decides, never the date, so preparing next year's set moves
        nobody. Units work on the open year (or the latest started one, to read its outcome);
        the review team first finishes a year closed for filing and not yet classified. Before
        any year is opened the province's people see the latest prepared set; units see none.
        One query: a province has one set per year.
        """
        sets = list(self.order_by("-year"))
        started = [s for s in sets if s.state != YearState.PREPARED]
        reviewer = getattr(user, "is_reviewer", False)
        if reviewer:
            in_review = [s for s in started if s.state == YearState.CLOSED]
            if in_review:
                return in_review[-1]
        found = next((s for s in started if s.state == YearState.OPEN), None)
        found = found or next(iter(started), None)
        if found is None and (user is None or reviewer):
            return next(iter(sets), None)
        return found


class CriteriaSet(models.Model):
    # Fields whose change would alter a score or a class once reports are submitted.
    score_fields = frozenset(
        {
            "total_points",
            "bonus_per_model",
            "bonus_max",
            "bonus_min_level",
            "late_penalty",
            "veto_min_ratio",
            "quota_ratio",
            "quota_min",
        }
    )

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    state = models.CharField(
        _("state of the year"),
        max_length=12,
        choices=YearState.choices,
        default=YearState.PREPARED,
    )
    title = models.CharField(_("title"), max_length=255)
    total_points = models.DecimalField(
        _("total points"),
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("1"))],
        help_text=_("The maximum points of the criteria must add up to this total."),
        **POINTS,
    )
    legal_basis = limits.TextField(_("legal basis"), blank=True, max_length=limits.TEXT)
    submission_deadline = models.DateField(_("submission deadline"))
    review_deadline = models.DateField(_("review deadline"))
    submissions_closed = models.BooleanField(
        _("submission period closed"),
        default=False,
        help_text=_("When closed, late submissions are refused instead of marked late."),
    )
    # Bonus and penalty (docs/rules.md: +1 per recognised model up to +5; -2 when late).
    bonus_per_model = models.DecimalField(
        _("bonus per recognised model"), default=Decimal("1"), **POINTS
    )
    bonus_max = models.DecimalField(_("maximum bonus"), default=Decimal("5"), **POINTS)
    bonus_min_level = models.CharField(
        _("lowest recognition level that earns the bonus"), max_length=20, default="province"
    )
    late_penalty = models.DecimalField(_("late submission penalty"), default=Decimal("2"), **POINTS)
    # Veto: no top class when any criterion is below this share of its maximum.
    veto_min_ratio = models.DecimalField(
        _("minimum share of each criterion for the top class"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    # Quota: at most this share of a group's classified units in the top class.
    quota_ratio = models.DecimalField(
        _("top class quota (share of the group)"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.2"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    quota_min = models.PositiveSmallIntegerField(_("top class quota at least"), default=1)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A fresh random value on every save of the set and every change of its criteria, classes
    # and consistency rules (`criteria.rulebook`): a process's cached rulebook of the year is
    # valid while it matches. Random, not a counter, so a stale instance saved later never
    # writes back a value an older cache was filed under.
    rulebook_version = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = CriteriaSetQuerySet.as_manager()

    class Meta:
        verbose_name = _("criteria set")
        verbose_name_plural = _("criteria sets")
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or update_fields:  # an empty list saves nothing
            self.rulebook_version = uuid.uuid4()
        if update_fields:
            kwargs["update_fields"] = {*update_fields, "rulebook_version"}
        super().save(*args, **kwargs)

    @property
    def is_locked(self):
        """Locked once any report of the year has been submitted (domain: scores must not move
        under submitted reports). The reports side may also call `services.lock`."""
        if self.locked_at is not None:
            return True
        if hasattr(self, "first_report_submitted_at"):
            return self.first_report_submitted_at is not None
        return self.has_submitted_reports

    @cached_property
    def has_submitted_reports(self):
        if self.pk is None:
            return False
        return self.reports.filter(first_submitted_at__isnull=False).exists()

    @property
    def next_states(self):
        return YEAR_STEPS[self.state]

    @property
    def state_steps(self):
        """The admin's buttons: each allowed step with its label and confirmation."""
        forward = YEAR_STEPS[self.state][0]
        return [
            {
                "state": state,
                "label": YEAR_STEP_WORDING[state][0],
                "confirm": YEAR_STEP_WORDING[state][1] % {"year": self.year},
                "forward": state == forward,
            }
            for state in self.next_states
        ]

    @property
    def accepts_reports(self):
        """Units start and submit the year's reports only while it is open for filing."""
        return self.state == YearState.OPEN

    @property
    def refuses_reports(self):
        """No report may be started or first submitted while the year is being prepared or is
        closed for filing. A classified year is history: past years' reports may be filed
        into it (demo data, a province loading its earlier years); people are never offered it
        (`accepts_reports`)."""
        return self.state in (YearState.PREPARED, YearState.CLOSED)

    @property
    def max_total(self):
        return sum((c.max_points for c in self.criteria.all()), Decimal("0"))


class Criterion(models.Model):
    score_fields = frozenset({"number", "max_points"})

    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("set")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    max_points = models.DecimalField(
        _("maximum points"), validators=[MinValueValidator(Decimal("0.25"))], **POINTS
    )
    guidance = limits.TextField(_("guidance"), blank=True, max_length=limits.TEXT)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["criteria_set", "order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["criteria_set", "number"], name="criterion_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class CriterionItem(models.Model):
    """An optional sub-item of a criterion, with guidance and its own share of the points."""

    score_fields = frozenset({"max_points"})

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="items")
    label = models.CharField(_("label"), max_length=10, blank=True)
    title = models.CharField(_("title"), max_length=500)
    max_points = models.DecimalField(_("maximum points"), null=True, blank=True, **POINTS)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sub-item")
        verbose_name_plural = _("sub-items")
        ordering = ["criterion", "order"]

    def __str__(self):
        return f"{self.label} {self.title}".strip()


class ClassTier(models.Model):
    """A class of the rating (Xuất sắc, Tốt, Trung bình, ...), best first by `order`."""

    score_fields = frozenset({"code", "min_total", "order", "is_top", "is_violation_cap"})

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="tiers")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    min_total = models.DecimalField(_("minimum total"), **POINTS)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_top = models.BooleanField(
        _("top class"),
        default=False,
        help_text=_("Subject to the quota and the weak-criterion veto."),
    )
    is_violation_cap = models.BooleanField(
        _("highest class for a serious violation"), default=False
    )

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["criteria_set", "order"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="tier_code_unique")
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A number units report (dossiers received, petitions resolved, ...)."""

    score_fields = frozenset({"code", "criterion", "kind", "min_value", "max_value", "required"})

    class Kind(models.TextChoices):
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal")
        PERCENT = "percent", _("Percent")

    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    unit_of_measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    criterion = models.ForeignKey(
        Criterion, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.INTEGER)
    min_value = models.DecimalField(_("minimum"), max_digits=14, decimal_places=2, default=0)
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["criteria_set", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "code"], name="indicator_code_unique")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        bounded = self.max_value is not None and self.min_value is not None
        if bounded and self.max_value < self.min_value:
            raise ValidationError({"max_value": _("The maximum is below the minimum.")})
        if self.kind == self.Kind.PERCENT and self.max_value is not None and self.max_value > 100:
            raise ValidationError({"max_value": _("A percentage cannot exceed 100.")})


class IndicatorRule(models.Model):
    """A consistency check of the figures, shown as a warning on the form, never a block.

    The sum of the left indicators is compared (=, ≤, ≥, within a tolerance) with the sum of the
    right indicators plus a constant: "petitions received = the sum of their dispositions". A
    rule with a criterion applies only while that criterion's self-score is above a share of
    its maximum: "a self-score above 90 % of criterion 3's maximum expects dossiers on time at
    least 95". `criteria.consistency` evaluates and words the rules.
    """

    score_fields = frozenset(
        {
            "left_codes",
            "operator",
            "right_codes",
            "right_constant",
            "tolerance",
            "criterion",
            "score_above",
        }
    )

    class Operator(models.TextChoices):
        LE = "<=", "≤"
        EQ = "==", "="
        GE = ">=", "≥"

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="rules")
    left_codes = models.CharField(
        _("sum of indicators (codes separated by spaces)"), max_length=500
    )
    operator = models.CharField(
        _("comparison"), max_length=2, choices=Operator.choices, default=Operator.LE
    )
    right_codes = models.CharField(
        _("compared with the sum of indicators"), max_length=500, blank=True
    )
    right_constant = models.DecimalField(
        _("plus the number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    criterion = models.ForeignKey(
        Criterion,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consistency_rules",
        verbose_name=_("only when the self-score of criterion"),
    )
    score_above = models.DecimalField(
        _("is above (% of its maximum)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    message = models.CharField(
        _("warning"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to warn with the rule in words."),
    )

    class Meta:
        verbose_name = _("consistency rule")
        verbose_name_plural = _("consistency rules")
        ordering = ["criteria_set", "pk"]  # in the order they were written

    def __str__(self):
        return self.message or f"{self.left_codes} {self.get_operator_display()} {self.right_codes}"

    @property
    def left_code_list(self):
        return self.left_codes.split()

    @property
    def right_code_list(self):
        return self.right_codes.split()

    @property
    def codes(self):
        """Every indicator the rule compares: its left sum, then its right sum."""
        return [*self.left_code_list, *self.right_code_list]
