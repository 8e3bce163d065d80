"""One function writes the audit log; every app calls it from its services."""

from .context import current_actor, current_ip
from .models import Action, AuditEntry


def record(action, user=None, obj=None, username="", ip=None, **details):
    """Write one entry. `obj` is any model instance the action concerns; the user defaults to
    whoever is logged in on the current request."""
    if user is None and action != Action.LOGIN_FAILED:
        user = current_actor()
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return AuditEntry.objects.create(
        action=action,
        user=user,
        username=username or (user.get_username() if user else ""),
        ip=ip or current_ip.get(),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        details=details,
    )


__all__ = ["Action", "record"]
