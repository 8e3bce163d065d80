"""Dân vận khéo models (mô hình) that units register and run.

`ratings` reads the models recognised at provincial level or higher in a year for the bonus;
`reports` lists a unit's models of the year under criterion 8.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.text import fold


class Field(models.TextChoices):
    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class ModelStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    RUNNING = "running", _("Running")
    EVALUATED = "evaluated", _("Evaluated")
    RECOGNISED = "recognised", _("Recognised")
    SPREAD = "spread", _("Spread")


class RecognitionLevel(models.TextChoices):
    """Ordered from lowest to highest; the bonus rule compares positions in this list."""

    UNIT = "unit", _("Unit")
    COMMUNE = "commune", _("Commune")
    PROVINCE = "province", _("Province")
    CENTRAL = "central", _("Central")

    @classmethod
    def at_least(cls, level):
        values = list(cls.values)
        return values[values.index(level) :] if level in values else values


class DanVanModel(models.Model):
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
    milestones = models.TextField(_("milestones"), blank=True)
    problem_and_goals = models.TextField(_("problem addressed and goals"), blank=True)
    content_and_method = models.TextField(_("content and method"), blank=True)
    area_and_people = models.TextField(_("area and people served"), blank=True)
    leaders_and_participants = models.TextField(_("who leads and who takes part"), blank=True)
    budget = models.DecimalField(
        _("budget (VND)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    work_days = models.PositiveIntegerField(_("work days"), null=True, blank=True)
    social_contributions = models.DecimalField(
        _("social contributions (VND)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    results = models.TextField(_("measurable results"), blank=True)
    sustainability = models.TextField(_("can it be kept up and spread"), blank=True)
    recognition_level = models.CharField(
        _("recognised at level"), max_length=20, choices=RecognitionLevel.choices, blank=True
    )
    recognised_on = models.DateField(_("recognised on"), null=True, blank=True)
    recognition_decision = models.CharField(_("recognition decision"), max_length=200, blank=True)
    recognised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    class Meta:
        verbose_name = _("Dân vận khéo model")
        verbose_name_plural = _("Dân vận khéo models")
        ordering = ["-year", "name"]
        indexes = [models.Index(fields=["recognition_level", "recognised_on"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.name} {self.unit.code if self.unit_id else ''}")
        super().save(*args, **kwargs)
