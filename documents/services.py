"""Uploading a province's own template: checked first, kept as a new version, in force at once;
a refused file changes nothing."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from . import render
from .models import TemplateVersion


def upload(kind, data, name, user):
    """Check `data` as a template of `kind` (raises render.TemplateRefused) and make it the
    version in force."""
    render.check(kind, data)
    with transaction.atomic():
        last = (
            TemplateVersion.objects.select_for_update()
            .filter(kind=kind)
            .aggregate(n=Max("version"))["n"]
        )
        version = TemplateVersion(
            kind=kind,
            version=(last or 0) + 1,
            original_name=name[:255],
            digest=render.digest(data),
            uploaded_by=user,
        )
        version.file.save(f"{kind}-v{version.version}.docx", ContentFile(data), save=False)
        version.save()
    return version


def restore_default(kind):
    """Put the repository's default back in force; the uploaded versions stay in the history."""
    TemplateVersion.objects.filter(kind=kind, active=True).update(active=False)


def versions(kind):
    return TemplateVersion.objects.filter(kind=kind).select_related("uploaded_by")
