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


class PdfCopy(models.Model):
    """The PDF of a document, made by LibreOffice on the worker and kept under the hash of
    what it was made from (the template and the context): asking again for the same content
    reuses it, a changed template or figure makes a new one."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Converting to PDF")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    digest = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("document"), max_length=30, choices=Kind.choices)
    source = models.FileField(upload_to="document_pdf/source/")
    pdf = models.FileField(upload_to="document_pdf/", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("PDF copy")
        verbose_name_plural = _("PDF copies")

    def __str__(self):
        return f"{self.kind} {self.digest[:12]}"
