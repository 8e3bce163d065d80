"""The audit log: who did what, when and from where, for the security-relevant events."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .details import describe


class Action(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logged out")
    IMPORT = "import", _("Import")
    STATE_CHANGE = "state_change", _("Report state change")
    SCORE_CHANGE = "score_change", _("Score change")
    PUBLICATION = "publication", _("Publication")
    PERMISSION_CHANGE = "permission_change", _("Permission change")
    CRITERIA_CHANGE = "criteria_change", _("Criteria change")
    MODEL_STATE_CHANGE = "model_state_change", _("Dân vận khéo model state change")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Kept as text too: failed logins name users that may not exist.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action}"

    @property
    def description(self):
        """The details in words, as the log page and its .xlsx show them."""
        return describe(self.details)
