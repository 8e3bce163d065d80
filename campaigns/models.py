"""Dân vận khéo models (mô hình), typical examples (điển hình), awards and campaign periods.

`ratings` reads the models recognised at provincial level or higher in a year for the bonus and
`reports` lists a unit's models of the year under criterion 8, both through `services.py`.
Every move of a model through its lifecycle goes through `services.move_model`, which writes a
`ModelEvent`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan import limits
from danvan.access import RestrictedQuerySet, register
from danvan.text import fold
from danvan.uploads import EvidenceFile, unguessable_path


class Field(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class ModelStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("model status", "Registered")
    RUNNING = "running", pgettext_lazy("model status", "Running")
    EVALUATED = "evaluated", pgettext_lazy("model status", "Evaluated")
    RECOGNISED = "recognised", pgettext_lazy("model status", "Recognised")
    SPREAD = "spread", pgettext_lazy("model status", "Spread")


M = ModelStatus
# The lifecycle of docs/rules.md. Recognised -> recognised raises the level (e.g. commune, then
# province) with a new decision.
TRANSITIONS = {
    M.REGISTERED: {M.RUNNING},
    M.RUNNING: {M.EVALUATED},
    M.EVALUATED: {M.RECOGNISED},
    M.RECOGNISED: {M.RECOGNISED, M.SPREAD},
    M.SPREAD: set(),
}
# The unit's people may change the description of a model until it is evaluated.
UNIT_EDITABLE_STATUSES = {M.REGISTERED, M.RUNNING}


class RecognitionLevel(models.TextChoices):
    """Ordered from lowest to highest; the bonus rule compares positions in this list."""

    UNIT = "unit", pgettext_lazy("recognition level", "Unit")
    COMMUNE = "commune", pgettext_lazy("recognition level", "Commune")
    PROVINCE = "province", pgettext_lazy("recognition level", "Province")
    CENTRAL = "central", pgettext_lazy("recognition level", "Central")

    @classmethod
    def at_least(cls, level):
        values = list(cls.values)
        return values[values.index(level) :] if level in values else values


def _unit_records_for(records, user):
    """Province roles see all of a unit's campaign records, its people their own unit's."""
    if user.is_reviewer:
        return records
    if user.unit_id is not None:
        return records.filter(unit_id=user.unit_id)
    return records.none()


class UnitOwnedQuerySet(RestrictedQuerySet):
    def search(self, query):
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self


class UnitRecord(models.Model):
    """A unit's named campaign record: who recorded it, and a folded text to search its name and
    unit by. Subclasses add the `unit` foreign key (each with its own reverse name)."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        unit = f"{self.unit.code} {self.unit.name}" if self.unit_id else ""
        self.search_text = fold(f"{self.name} {unit}")[:600]
        super().save(*args, **kwargs)


register(UnitRecord, view=_unit_records_for)


class DanVanModel(UnitRecord):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="models"
    )
    year = models.PositiveSmallIntegerField(_("year registered"))
    name = models.CharField(_("name"), max_length=300)
    field = models.CharField(_("field"), max_length=30, choices=Field.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ModelStatus.choices, default=ModelStatus.REGISTERED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    milestones = limits.TextField(_("milestones"), blank=True, max_length=limits.TEXT)
    problem_and_goals = limits.TextField(
        _("problem addressed and goals"), blank=True, max_length=limits.TEXT
    )
    content_and_method = limits.TextField(
        _("content and method"), blank=True, max_length=limits.TEXT
    )
    area_and_people = limits.TextField(
        _("area and people served"), blank=True, max_length=limits.TEXT
    )
    leaders_and_participants = limits.TextField(
        _("who leads and who takes part"), blank=True, max_length=limits.TEXT
    )
    budget = models.DecimalField(
        _("budget (VND)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    work_days = models.PositiveIntegerField(_("work days"), null=True, blank=True)
    social_contributions = models.DecimalField(
        _("social contributions (VND)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    results = limits.TextField(_("measurable results"), blank=True, max_length=limits.TEXT)
    sustainability = limits.TextField(
        _("can it be kept up and spread"), blank=True, max_length=limits.TEXT
    )
    recognition_level = models.CharField(
        _("recognised at level"), max_length=20, choices=RecognitionLevel.choices, blank=True
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognition_decision = models.CharField(_("recognition decision"), max_length=200, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ["-year", "name"]
        indexes = [models.Index(fields=["recognition_level", "recognised_on"])]

    def can_move_to(self, status):
        return status in TRANSITIONS[self.status]

    @property
    def is_unit_editable(self):
        return self.status in UNIT_EDITABLE_STATUSES


class ModelEvent(models.Model):
    """One step in a model's life: who moved it, from what to what, when and why."""

    model = models.ForeignKey(DanVanModel, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(max_length=20, choices=ModelStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ModelStatus.choices, blank=True)
    level = models.CharField(max_length=20, choices=RecognitionLevel.choices, blank=True)
    comment = limits.TextField(_("reason"), blank=True, max_length=limits.SHORT_TEXT)

    class Meta:
        verbose_name = _("model event")
        verbose_name_plural = _("model events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.model} {self.action} {self.at:%Y-%m-%d %H:%M}"


def evidence_path(instance, filename):
    return unguessable_path(f"campaigns/evidence/{instance.model.year}", filename)


class ModelEvidence(EvidenceFile):
    model = models.ForeignKey(DanVanModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=255)
    description = models.CharField(_("description"), max_length=300, blank=True)


class ExampleKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    PERSON = "person", _("Person")


class TypicalExample(UnitRecord):
    """A collective or a person of a unit held up as exemplary (điển hình), commended by a level.

    Units pick typical examples every month; `is_monthly_pick` marks those picks, at most
    `MONTHLY_PICKS` per unit and month (the month of `commended_on`).
    """

    MONTHLY_PICKS = 2

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="examples"
    )
    kind = models.CharField(_("collective or person"), max_length=20, choices=ExampleKind.choices)
    name = models.CharField(_("name of the collective or person"), max_length=300)
    position = models.CharField(_("position"), max_length=200, blank=True)
    level = models.CharField(
        _("commended by level"), max_length=20, choices=RecognitionLevel.choices
    )
    commended_on = models.DateField(_("commended on"))
    decision = models.CharField(_("decision"), max_length=200, blank=True)
    reason = limits.TextField(_("reason"), max_length=limits.SHORT_TEXT)
    is_monthly_pick = models.BooleanField(_("monthly pick"), default=False)

    class Meta:
        verbose_name = _("typical example")
        verbose_name_plural = _("typical examples")
        ordering = ["-commended_on", "name"]
        indexes = [models.Index(fields=["unit", "commended_on"])]


class PeriodKind(models.TextChoices):
    FINAL = "final", _("Final review")
    INTERIM = "interim", _("Interim review")


class CampaignPeriod(models.Model):
    """Years summarised together: a final review (e.g. 2015-2020) or an interim review."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    description = limits.TextField(_("description"), blank=True, max_length=limits.TEXT)

    class Meta:
        verbose_name = _("campaign period")
        verbose_name_plural = _("campaign periods")
        ordering = ["-end_year", "start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")), name="period_year_range"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def years(self):
        return list(range(self.start_year, self.end_year + 1))


class AwardKind(models.TextChoices):
    STATE_MERIT = "state_merit", _("Certificate of merit of the Prime Minister")
    CENTRAL_MERIT = "central_merit", _("Certificate of merit of a central body")
    PROVINCE_CHAIR_MERIT = "province_chair_merit", _("Certificate of merit of the provincial chair")
    CERTIFICATE = "certificate", _("Certificate of commendation")
    EMULATION_FLAG = "emulation_flag", _("Emulation flag")
    OTHER = "other", _("Other")


class Recipient(models.TextChoices):
    UNIT = "unit", _("Collective (unit)")
    PERSON = "person", _("Person")


class Award(models.Model):
    """A Bằng khen, Giấy khen... given to a unit or to a person of a unit.

    A row is known by (decision number, unit, person name): an import updates it, never duplicates.
    """

    kind = models.CharField(_("kind of award"), max_length=30, choices=AwardKind.choices)
    recipient_type = models.CharField(_("recipient"), max_length=20, choices=Recipient.choices)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="awards"
    )
    person_name = models.CharField(_("person's name"), max_length=200, blank=True)
    person_title = models.CharField(_("person's position"), max_length=200, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100)
    decision_date = models.DateField(_("decision date"))
    issuer = models.CharField(_("issued by"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    period = models.ForeignKey(
        CampaignPeriod,
        verbose_name=_("campaign period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
    )
    reason = limits.TextField(_("reason"), blank=True, max_length=limits.SHORT_TEXT)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-decision_date", "decision_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision_number", "unit", "person_name"], name="one_award_per_decision"
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=False) | Q(period__isnull=False),
                name="award_year_or_period",
            ),
        ]

    def __str__(self):
        who = self.person_name or (self.unit.name if self.unit_id else "")
        return f"{self.get_kind_display()} · {who}"

    def save(self, *args, **kwargs):
        unit = f"{self.unit.code} {self.unit.name}" if self.unit_id else ""
        self.search_text = fold(f"{self.person_name} {self.decision_number} {unit}")[:600]
        super().save(*args, **kwargs)

    @property
    def summary_year(self):
        """The year an award counts in: its own year, else the year of its decision."""
        return self.year or self.decision_date.year


register(Award, view=_unit_records_for)
