"""Every URL x every role x objects of unit A and of unit B, for GET and POST.

The expected outcome of each URL is declared once in tests/security/access.py; a URL without a
declaration fails `test_every_url_is_declared`. Another unit's objects must answer 404.
"""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse

from accounts.models import Role
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from reports import services
from reports.models import Evidence
from tests.conftest import ensure_reference_data, make_user
from tests.security import access
from units.models import Unit, UnitGroup, UnitType


def _url_names(patterns=None, namespace=None):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _url_names(pattern.url_patterns, full)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


ALL_NAMES = sorted(set(_url_names()))
CHECKED = [n for n in ALL_NAMES if n.split(":")[0] not in access.EXEMPT_NAMESPACES]


class World:
    """Two units with their people and objects; methods build objects lazily per owner."""

    def __init__(self):
        self.year = date.today().year
        ensure_reference_data()
        group = UnitGroup.objects.get(code="so-ban-nganh")
        self.units = {
            "A": Unit.objects.create(
                code="UA", name="Đơn vị A", type=UnitType.DEPARTMENT, group=group, active_from=2020
            ),
            "B": Unit.objects.create(
                code="UB", name="Đơn vị B", type=UnitType.DEPARTMENT, group=group, active_from=2020
            ),
        }
        self.users = {
            "staff_a": make_user("staff_a", Role.STAFF, self.units["A"]),
            "head_a": make_user("head_a", Role.HEAD, self.units["A"]),
            "staff_b": make_user("staff_b", Role.STAFF, self.units["B"]),
            "reviewer": make_user("reviewer", Role.REVIEWER),
            "lead": make_user("lead", Role.LEAD),
            "admin": make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True),
        }
        self._reports, self._evidence, self._extra = {}, {}, {}

    def unit(self, owner):
        return self.units[owner]

    def draft_report(self, owner):
        """This year's report of the unit, still a draft."""
        key = ("draft", owner)
        if key not in self._reports:
            criteria_set = CriteriaSet.objects.get(year=self.year)
            self._reports[key] = services.start_report(
                self.units[owner], criteria_set, self._member(owner)
            )
        return self._reports[key]

    def submitted_report(self, owner):
        """Last year's report of the unit, submitted through the services."""
        key = ("submitted", owner)
        if key not in self._reports:
            criteria_set = CriteriaSet.objects.filter(year=self.year - 1).first()
            if criteria_set is None:
                criteria_set = create_default_set(self.year - 1)
            head = self._head(owner)
            report = services.start_report(self.units[owner], criteria_set, head)
            report.general_situation = "Tình hình chung"
            report.save()
            report.scores.update(narrative="Đã thực hiện", self_score=5)
            report.indicators.update(value=1)
            # Figures that agree with the year's rules (no warning to explain at submission).
            # six dispositions of one petition each: six received
            report.indicators.filter(indicator__code="petitions_received").update(value=6)
            services.send_to_head(report, head)
            self._reports[key] = services.submit(report, head)
        return self._reports[key]

    def evidence(self, report):
        if report.pk not in self._evidence:
            self._evidence[report.pk] = Evidence.objects.create(
                report=report,
                file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="minh-chung.pdf"),
                original_name="Minh chứng.pdf",
                size=16,
                content_type="application/pdf",
                uploaded_by=self._member(report.unit_id == self.units["A"].pk and "A" or "B"),
            )
        return self._evidence[report.pk]

    def _member(self, owner):
        return self.users["staff_a"] if owner == "A" else self.users["staff_b"]

    def _head(self, owner):
        if owner == "A":
            return self.users["head_a"]
        if "head_b" not in self._extra:
            self._extra["head_b"] = make_user("head_b", Role.HEAD, self.units["B"])
        return self._extra["head_b"]


def test_every_url_is_declared():
    undeclared = [name for name in CHECKED if name not in access.RULES]
    assert undeclared == [], f"declare these URLs in tests/security/access.py: {undeclared}"
    stale = [name for name in access.RULES if name not in ALL_NAMES]
    assert stale == [], f"declared but no longer in the URL configuration: {stale}"


def _outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return access.LOGIN
    if response.status_code in (401, 403):
        return access.DENIED
    if response.status_code == 404:
        return access.HIDDEN
    if response.status_code >= 500:
        return f"error {response.status_code}"
    return access.OK


@pytest.mark.parametrize("role", access.ROLES)
@pytest.mark.parametrize("name", CHECKED)
def test_access(client, db, name, role):
    rule = access.RULES.get(name)
    if rule is None:
        pytest.fail(f"{name} is not declared in tests/security/access.py")
    world = World()
    if role != "anonymous":
        client.force_login(world.users[role])
    failures = []
    for owner in rule.owners:
        kwargs = rule.kwargs(world, owner) if rule.kwargs else {}
        url = reverse(name, kwargs=kwargs)
        expected = rule.policy(role, owner)
        for method in rule.methods:
            response = client.get(url) if method == "GET" else client.post(url, {})
            got = _outcome(response)
            if got != expected:
                failures.append(
                    f"{method} {url} as {role} (object of {owner}): "
                    f"expected {expected}, got {got} ({response.status_code})"
                )
    assert failures == []


def test_django_admin_is_for_staff_only(client, db):
    world = World()
    for role in ("staff_a", "reviewer", "lead"):
        client.force_login(world.users[role])
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(world.users["admin"])
    assert client.get(reverse("admin:index")).status_code == 200
