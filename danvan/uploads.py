"""Uploaded files that more than one app keeps: the evidence model's common part, unguessable
storage paths, and the check on Office packages."""

import uuid
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A package that expands beyond this, or more than RATIO times its size, is refused (zip bombs).
MAX_EXPANDED = 200 * 1024 * 1024
MAX_RATIO = 100


def is_plain_office_package(upload, main_part):
    """True when `upload` is a zip holding `main_part` (e.g. "word/document.xml"), with no macro
    project and a sane expanded size. Leaves the file positioned at its start."""
    try:
        with zipfile.ZipFile(upload) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    names = {info.filename for info in infos}
    if "[Content_Types].xml" not in names or main_part not in names:
        return False
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        return False
    expanded = sum(info.file_size for info in infos)
    return expanded <= MAX_EXPANDED and expanded <= MAX_RATIO * max(upload.size, 1)


def unguessable_path(folder, filename):
    """A path nobody can guess: the name the user gave is kept only in `original_name`."""
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


class EvidenceFile(models.Model):
    """A file attached as evidence; each app adds what it belongs to and its `file` field (with
    an `upload_to` built on `unguessable_path`). Its type was checked by content on upload."""

    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
