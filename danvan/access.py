"""The one gate for access: who may open a view (the role decorators), which rows a person
may see or change (`restrict(user, action)`), and one object for a request (`get_for_request`,
404 when it is not visible). Knows no model: each app registers its models' rules, so every app
can use the gate without importing another's permissions (README, Architecture).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404


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


# Who may see or change which rows: each app registers its models' rules next to the models
# (`register(Model, view=..., change=...)`); a rule is `(queryset, user) -> queryset` and runs
# only for an authenticated, active user, so the guard is written once here for every model.
_RULES = {}


def register(model, *, view, change=None):
    """Declare `model`'s rules (they apply to its subclasses too). A model without a `change`
    rule has its writes checked by its app's services; asking the gate for one is an error,
    never a silent fallback to who may view."""
    _RULES[model] = {"view": view, **({"change": change} if change else {})}


def _rule(model, action):
    for cls in model.__mro__:
        if cls in _RULES:
            if action not in _RULES[cls]:
                break
            return _RULES[cls][action]
    raise LookupError(f"no {action!r} access rule registered for {model.__name__}")


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action="view"):
        """The rows `user` may `action` ("view" or "change"); nothing for anyone inactive."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        return _rule(self.model, action)(self, user)


def get_for_request(request_or_user, queryset_or_model, action="view", **lookup):
    """The object `lookup` names if the user may `action` it; 404 otherwise (hides existence)."""
    user = getattr(request_or_user, "user", request_or_user)
    queryset = getattr(queryset_or_model, "_default_manager", queryset_or_model).all()
    return get_object_or_404(RestrictedQuerySet.restrict(queryset, user, action), **lookup)
