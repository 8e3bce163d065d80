"""Who may open which URL: declared once per URL name, checked by test_authorization_matrix.

Every named URL of the project must be declared here, or the matrix test fails: a new view is
covered by adding one line. A policy maps (role, owner of the object in the URL) to the
outcome: OK, LOGIN (redirect to the login page), DENIED (403) or HIDDEN (404: another unit's
objects must not even be acknowledged).
"""

from dataclasses import dataclass, field

OK, LOGIN, DENIED, HIDDEN = "ok", "login", "denied", "hidden"
ROLES = ["anonymous", "staff_a", "head_a", "staff_b", "reviewer", "lead", "admin"]
UNIT_ROLES = {"staff_a": "A", "head_a": "A", "staff_b": "B"}
PROVINCE_ROLES = {"reviewer", "lead", "admin"}


def public(role, owner):
    return OK


def to_login(role, owner):
    """Log-out: everyone ends on the login page."""
    return LOGIN


def authenticated(role, owner):
    return LOGIN if role == "anonymous" else OK


def province(role, owner):
    """Reviewers, the review lead and admins."""
    if role == "anonymous":
        return LOGIN
    return OK if role in PROVINCE_ROLES else DENIED


def lead(role, owner):
    if role == "anonymous":
        return LOGIN
    return OK if role in {"lead", "admin"} else DENIED


def admin(role, owner):
    if role == "anonymous":
        return LOGIN
    return OK if role == "admin" else DENIED


def own_unit(role, owner):
    """An object of a unit: that unit's people and the province roles; others get 404."""
    if role == "anonymous":
        return LOGIN
    if role in PROVINCE_ROLES:
        return OK
    return OK if UNIT_ROLES[role] == owner else HIDDEN


def own_unit_only(role, owner):
    """A unit's working object (e.g. editing a draft): only that unit's people."""
    if role == "anonymous":
        return LOGIN
    if role in PROVINCE_ROLES:
        return DENIED
    return OK if UNIT_ROLES[role] == owner else HIDDEN


def admin_on_object(role, owner):
    """Admin-only action on an object that everyone else may not change."""
    return admin(role, owner)


@dataclass
class Rule:
    policy: object
    # Builds the URL's keyword arguments from the world and the owning unit ("A" or "B").
    kwargs: object = None
    methods: tuple = ("GET", "POST")
    # URLs whose outcome differs by owner are checked for objects of A and of B.
    owners: tuple = field(default=("A",))

    def __post_init__(self):
        if self.kwargs is not None and self.policy in (own_unit, own_unit_only):
            self.owners = ("A", "B")


def unit_pk(world, owner):
    return {"pk": world.unit(owner).pk}


def import_batch(world, owner):
    from units.models import ImportBatch

    return {"pk": ImportBatch.objects.create(file_name="don-vi.xlsx").pk}


def year(world, owner):
    return {"year": world.year}


# URL name -> Rule. Keep grouped by app.
RULES = {
    # danvan / dashboards
    "home": Rule(authenticated),
    "set_language": Rule(public, methods=("POST",)),
    "dashboards:province": Rule(province, methods=("GET",)),
    "dashboards:province_year": Rule(province, kwargs=year, methods=("GET",)),
    "dashboards:province_xlsx": Rule(province, kwargs=year, methods=("GET",)),
    "dashboards:unit": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    "dashboards:unit_xlsx": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    # django.contrib.auth
    "login": Rule(public, methods=("GET",)),
    "logout": Rule(to_login, methods=("POST",)),
    "password_change": Rule(authenticated),
    "password_change_done": Rule(authenticated, methods=("GET",)),
    "password_reset": Rule(public),
    "password_reset_done": Rule(public, methods=("GET",)),
    "password_reset_confirm": Rule(
        public, kwargs=lambda w, o: {"uidb64": "MQ", "token": "bad-token"}, methods=("GET",)
    ),
    "password_reset_complete": Rule(public, methods=("GET",)),
    # units
    "units:list": Rule(province),
    "units:tree": Rule(province, methods=("GET",)),
    "units:detail": Rule(own_unit, kwargs=unit_pk, methods=("GET",)),
    "units:edit": Rule(admin, kwargs=unit_pk),
    "units:create": Rule(admin),
    "units:import": Rule(admin),
    "units:import_history": Rule(admin, methods=("GET",)),
    "units:import_detail": Rule(admin, kwargs=import_batch, methods=("GET",)),
    "units:import_confirm": Rule(admin, kwargs=import_batch, methods=("POST",)),
    "units:import_progress": Rule(admin, kwargs=import_batch, methods=("GET",)),
    "units:export": Rule(admin, methods=("GET",)),
    # criteria
    "criteria:list": Rule(province, methods=("GET",)),
    "criteria:detail": Rule(province, kwargs=year, methods=("GET",)),
    # audit
    "audit:list": Rule(admin, methods=("GET",)),
    "audit:export": Rule(admin, methods=("GET",)),
}

# Namespaces whose access is another system's: the Django admin checks is_staff itself and is
# covered by `test_django_admin_is_for_staff_only`.
EXEMPT_NAMESPACES = {"admin"}
