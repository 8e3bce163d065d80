"""A private PostgreSQL (and Redis) under gunicorn, with one unit filing its report."""

import os
import re

import pytest

from tests.live import PrivatePostgres, PrivateRedis, manage, site_env

PASSWORD = "Faults-2026-pass"

SETUP = """
from datetime import date
from accounts.models import Role
from criteria.models import CriteriaSet
from criteria.services import create_default_set
from demo.factories import make_user
from reports.services import start_report
from units.models import Unit, UnitGroup, UnitType

PASSWORD = "Faults-2026-pass"
year = date.today().year
criteria_set = CriteriaSet.objects.filter(year=year).first() or create_default_set(year)
unit = Unit.objects.create(
    code="SNV", name="Sở Nội vụ", short_name="SNV", type=UnitType.DEPARTMENT,
    group=UnitGroup.objects.order_by("order").first(), head_name="Trần Thị Hà",
    head_title="Giám đốc", active_from=2020,
)
def person(username, role, unit=None):
    return make_user(username, role, unit, password=PASSWORD)
alice = person("alice", Role.STAFF, unit)
person("lena", Role.LEAD)
report = start_report(unit, criteria_set, alice)
criterion = criteria_set.criteria.order_by("order", "number").first()
print("SETUP", report.pk, report.version, criterion.pk, year)
"""

needs_services = pytest.mark.skipif(
    not os.environ.get("DANVAN_REAL_WORKER") or not PrivatePostgres.available,
    reason="runs in the PostgreSQL + Redis pass (DANVAN_REAL_WORKER=1)",
)


class Site:
    """What SETUP created, by id."""

    def __init__(self, output):
        numbers = re.search(r"SETUP (\d+) (\d+) (\d+) (\d+)", output).groups()
        self.report, self.version, self.criterion, self.year = map(int, numbers)


def set_up_site(pg, **extra):
    pg.start()
    pg.create_database()
    env = site_env(pg.url, **extra)
    manage(env, "migrate", "--noinput")
    return env, Site(manage(env, "shell", "-c", SETUP).stdout)


def shell(env, code):
    return manage(env, "shell", "-c", code).stdout


@pytest.fixture
def pg():
    cluster = PrivatePostgres()
    yield cluster
    cluster.destroy()


@pytest.fixture
def redis():
    if not PrivateRedis.available:
        pytest.skip("redis-server is not installed")
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()
