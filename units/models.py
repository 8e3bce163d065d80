from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.access import RestrictedQuerySet, register
from danvan.text import fold


class UnitType(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COMMUNE = "commune", _("UBND xã")
    WARD = "ward", _("UBND phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    PUBLIC_SERVICE = "public_service", _("Đơn vị sự nghiệp")
    DISTRICT = "district", _("UBND quận/huyện (historical)")


# Types the province does not rate unless the admin says otherwise: UBND tỉnh issues the
# decision (docs/rules.md, Who is evaluated).
NOT_EVALUATED_TYPES = frozenset({UnitType.PROVINCE})


def evaluated_by_default(unit_type):
    return unit_type not in NOT_EVALUATED_TYPES


class UnitGroup(models.Model):
    """A khối: units are ranked against the others of their group."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def _units_for(units, user):
    """Province roles see every unit; a unit's own people see only their unit."""
    if user.is_reviewer:
        return units
    if user.unit_id is None:
        return units.none()
    return units.filter(pk=user.unit_id)


class UnitQuerySet(RestrictedQuerySet):
    def active_in(self, year):
        """Units that report in `year` (active_from <= year < active_to)."""
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=year)).filter(
            Q(active_to__isnull=True) | Q(active_to__gt=year)
        )

    def rated_in(self, year):
        """Units that report and are classified in `year`: active then, and evaluated. The
        others appear in the registry only (not on the board, results, dashboards, decision)."""
        return self.active_in(year).filter(is_evaluated=True)

    def search(self, query):
        """Diacritic- and case-insensitive search over code and names."""
        folded = fold(query)
        if not folded:
            return self
        return self.filter(search_text__contains=folded)


# What an admin fills in for a unit, on its form and in its spreadsheet (units/resources.py).
UNIT_FIELDS = (
    "code",
    "name",
    "short_name",
    "type",
    "group",
    "parent",
    "email",
    "head_name",
    "head_title",
    "active_from",
    "active_to",
    "is_evaluated",
)


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=UnitType.choices)
    group = models.ForeignKey(
        UnitGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    head_name = models.CharField(_("head's name"), max_length=200, blank=True)
    head_title = models.CharField(_("head's title"), max_length=200, blank=True)
    active_from = models.PositiveSmallIntegerField(_("active from year"), null=True, blank=True)
    active_to = models.PositiveSmallIntegerField(
        _("inactive from year"),
        null=True,
        blank=True,
        help_text=_("First year the unit no longer reports."),
    )
    is_evaluated = models.BooleanField(
        _("evaluated"),
        default=True,
        help_text=_(
            "Whether the unit files a report and is classified each year. New units take the "
            "default of their type: UBND tỉnh is not evaluated."
        ),
    )
    search_text = models.CharField(max_length=800, blank=True, editable=False, db_index=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_to__isnull=True)
                | Q(active_from__isnull=True)
                | Q(active_to__gte=models.F("active_from")),
                name="unit_active_range",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self._state.adding and not evaluated_by_default(self.type):
            self.is_evaluated = False  # the type's default; the admin may change it afterwards
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self):
        return self.search_text_of(self.code, self.name, self.short_name)

    @staticmethod
    def search_text_of(code, name, short_name):
        """What `search_text` holds for these values (the import computes it without an
        instance)."""
        return fold(f"{code} {name} {short_name}")

    def is_active_in(self, year):
        return (self.active_from is None or self.active_from <= year) and (
            self.active_to is None or self.active_to > year
        )

    def must_report_in(self, year):
        return self.is_evaluated and self.is_active_in(year)

    def why_not_reporting(self, year):
        """What the unit's people read instead of a deadline when they have nothing to file."""
        if not self.is_evaluated:
            return _("%(unit)s is not among the units evaluated each year: it files no report.") % {
                "unit": self.name
            }
        if self.active_to is not None and self.active_to <= year:
            return _(
                "%(unit)s stopped operating in %(stop)s (closed or merged): it files no report "
                "for %(year)s."
            ) % {"unit": self.name, "stop": self.active_to, "year": year}
        if self.active_from is not None and self.active_from > year:
            return _("%(unit)s reports from %(start)s on: it files no report for %(year)s.") % {
                "unit": self.name,
                "start": self.active_from,
                "year": year,
            }
        return ""


register(Unit, view=_units_for)
