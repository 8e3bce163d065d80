"""Who may open a view, by role: the one place views ask. Knows no model, so every app can
use it without importing `accounts` (docs/architecture: access is checked through `danvan/`)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def _require(check):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


admin_required = _require(lambda user: user.is_province_admin)
reviewer_required = _require(lambda user: user.is_reviewer)
lead_required = _require(lambda user: user.is_review_lead)
# Admins, and each unit's head for the people of their own unit.
people_manager_required = _require(lambda user: user.is_province_admin or user.is_unit_head)
