"""Logins, failed logins, permission changes and finished imports are recorded without the
views knowing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from danvan.imports import import_finished

from .context import client_ip
from .services import Action, record

PERMISSION_FIELDS = ("role", "unit_id", "is_active", "is_staff", "is_superuser")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    record(Action.LOGIN, user=user, ip=client_ip(request) if request else None)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, user=user, ip=client_ip(request) if request else None)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    record(
        Action.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150],
        ip=client_ip(request) if request else None,
    )


@receiver(pre_save, sender=get_user_model())
def _remember_permissions(sender, instance, **kwargs):
    if instance.pk is None:
        instance._audit_before = None
        return
    before = sender.objects.filter(pk=instance.pk).values(*PERMISSION_FIELDS).first()
    instance._audit_before = before


@receiver(post_save, sender=get_user_model())
def _permissions_changed(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    after = {field: getattr(instance, field) for field in PERMISSION_FIELDS}
    if created:
        changes = {f: [None, v] for f, v in after.items() if v not in (None, False, "")}
    elif before is None:
        return
    else:
        changes = {f: [before[f], after[f]] for f in PERMISSION_FIELDS if before[f] != after[f]}
    if changes:
        record(Action.PERMISSION_CHANGE, obj=instance, changes=_plain(changes), created=created)


def _plain(changes):
    return {
        field: [str(v) if v is not None else None for v in pair] for field, pair in changes.items()
    }


@receiver(import_finished)
def _import_finished(sender, batch, status, user, **kwargs):
    """Every kind of import, when `danvan.imports.finish` closes its batch."""
    record(
        Action.IMPORT,
        user=user,
        obj=batch,
        kind=batch.kind,
        file=batch.file_name,
        status=status,
        created=batch.created_count,
        updated=batch.updated_count,
        unchanged=batch.unchanged_count,
        rejected=batch.rejected_count,
        errors=batch.error_count,
    )
