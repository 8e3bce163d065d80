from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.text import fold


class Role(models.TextChoices):
    """Who a user is in the yearly cycle; staff and heads belong to one unit."""

    STAFF = "staff", _("Unit staff")
    HEAD = "head", _("Unit head")
    REVIEWER = "reviewer", _("Reviewer")
    LEAD = "lead", _("Review team lead")
    ADMIN = "admin", _("Province admin")


UNIT_ROLES = (Role.STAFF, Role.HEAD)
PROVINCE_ROLES = (Role.REVIEWER, Role.LEAD, Role.ADMIN)


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.username} {self.full_name} {self.email}")
        super().save(*args, **kwargs)

    @property
    def display_name(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_unit_user(self):
        return self.role in UNIT_ROLES and self.unit_id is not None

    @property
    def is_unit_head(self):
        return self.role == Role.HEAD and self.unit_id is not None

    @property
    def is_province_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_review_lead(self):
        return self.role == Role.LEAD or self.is_province_admin

    @property
    def is_reviewer(self):
        """Reviewers, the team lead and admins may read and review every submitted report."""
        return self.role in PROVINCE_ROLES or self.is_superuser
