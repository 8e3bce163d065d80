"""The base floor's one model: the record of an import, shared by every kind."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One upload of an import of any kind (units, people, awards, ...): who, when, what it
    did, for the admins' history (danvan.imports runs its life)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Awaiting confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=30, default="units")
    file = models.FileField(_("file"), upload_to="imports/%Y/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PREVIEW
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    error_count = models.PositiveIntegerField(_("errors found"), default=0)
    progress_done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # When the message last went to the broker; empty while it waits for it (danvan.jobs).
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "units_importbatch"
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def progress_percent(self):
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.progress_done / self.total_rows))
