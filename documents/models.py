"""Uploaded Word templates: every version kept with who uploaded it and when; the latest
active one of a kind is in force, else the default of documents/templates_docx/."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .kinds import Kind


class TemplateVersionQuerySet(models.QuerySet):
    def in_force(self, kind):
        return self.filter(kind=kind, active=True).order_by("-version").first()


class TemplateVersion(models.Model):
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="document_templates/")
    original_name = models.CharField(_("file name"), max_length=255)
    digest = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    active = models.BooleanField(_("in force"), default=True)

    objects = TemplateVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "version"], name="template_version_unique")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"
