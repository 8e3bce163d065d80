"""Fixtures named after roles (style.md): alice is staff of unit A, bob of unit B, hana heads A,
rita reviews, lena leads the review team, adam is the province admin."""

import os
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from accounts.models import Role
from criteria import rulebook
from criteria.models import CriteriaSet
from demo.factories import PASSWORD, ensure_reference_data, make_unit, make_user  # noqa: F401
from tests.live import WorkerProcess
from units.models import UnitGroup

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_rulebooks():
    """A test's rollback gives the set back its earlier `rulebook_version`; a rulebook cached
    in the test (after a `QuerySet.update` of a class, say, which renews no version) must not
    outlive it."""
    rulebook.forget()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Tests hash many passwords; production keeps PBKDF2 (settings.PASSWORD_HASHERS)."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def group_departments(db):
    ensure_reference_data()
    return UnitGroup.objects.get(code="so-ban-nganh")


@pytest.fixture
def group_communes(db):
    ensure_reference_data()
    return UnitGroup.objects.get(code="xa-phuong")


@pytest.fixture
def unit_a(group_departments):
    return make_unit(
        "SNV", group_departments, "Sở Nội vụ", head_name="Trần Thị Hà", head_title="Giám đốc"
    )


@pytest.fixture
def unit_b(group_departments):
    return make_unit(
        "STP", group_departments, "Sở Tư pháp", head_name="Lê Văn Hùng", head_title="Giám đốc"
    )


@pytest.fixture
def alice(unit_a):
    return make_user("alice", Role.STAFF, unit_a)


@pytest.fixture
def hana(unit_a):
    return make_user("hana", Role.HEAD, unit_a)


@pytest.fixture
def bob(unit_b):
    return make_user("bob", Role.STAFF, unit_b)


@pytest.fixture
def rita(db):
    return make_user("rita", Role.REVIEWER)


@pytest.fixture
def lena(db):
    return make_user("lena", Role.LEAD)


@pytest.fixture
def adam(db):
    return make_user("adam", Role.ADMIN, is_staff=True, is_superuser=True)


@pytest.fixture
def criteria_set(db):
    """The current year's default set, created by the criteria data migration."""
    ensure_reference_data()
    return CriteriaSet.objects.get(year=date.today().year)


def login(client, user):
    client.force_login(user)
    return client


# --- A real Celery worker (PostgreSQL + Redis pass of .ci/run) -----------------------------


def _worker_env(media_root, mail_dir):
    db = settings.DATABASES["default"]
    from django.db import connection

    name = connection.settings_dict["NAME"]
    env = os.environ.copy()
    env["DATABASE_URL"] = (
        f"postgres://{db.get('USER') or 'postgres'}@{db.get('HOST') or '127.0.0.1'}:"
        f"{db.get('PORT') or 5432}/{name}"
    )
    env.pop("DATABASE_TEST_NAME", None)
    env["CELERY_TASK_ALWAYS_EAGER"] = "0"
    env["MEDIA_ROOT"] = str(media_root)
    # The worker is another process: its mail goes to files a test reads (`worker.mail_dir`).
    env["EMAIL_URL"] = f"filemail:///{mail_dir}"
    return env


@pytest.fixture(scope="session")
def _worker_session(django_db_setup, django_db_blocker, tmp_path_factory):
    if not os.environ.get("DANVAN_REAL_WORKER"):
        pytest.skip("needs the PostgreSQL + Redis pass of .ci/run (DANVAN_REAL_WORKER=1)")
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("a real worker needs a shared database (PostgreSQL)")
    with django_db_blocker.unblock():
        mail_dir = tmp_path_factory.mktemp("worker-mail")
        worker = WorkerProcess(_worker_env(tmp_path_factory.mktemp("worker-media"), mail_dir))
        worker.mail_dir = mail_dir
        worker.start()
    yield worker
    worker.stop()


@pytest.fixture
def real_worker(_worker_session, transactional_db, settings):
    """Tasks in this test go through Redis to a real worker process on the test database.

    MEDIA_ROOT is shared with the worker, so uploaded files are visible to it.
    """
    from danvan.celery import app

    settings.MEDIA_ROOT = _worker_session.env["MEDIA_ROOT"]
    if _worker_session.proc.poll() is not None:
        _worker_session.start()
    app.conf.task_always_eager = False
    yield _worker_session
    app.conf.task_always_eager = True
    if _worker_session.proc.poll() is not None:
        _worker_session.start()


# --- A broker that is down -------------------------------------------------------------------


def _reset_celery_pools():
    """Celery caches connection and producer pools; drop them so a changed URL counts."""
    from kombu import pools

    from danvan.celery import app

    if app._pool is not None:
        app._pool.force_close_all()
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down(monkeypatch):
    """Point Celery at a port where nothing listens, as when Redis is stopped.

    Both the read and the write URL change (an explicit write URL wins over the broker URL), and
    the environment too, since Celery reads CELERY_BROKER_URL before its configuration."""
    from danvan.celery import app

    dead = "redis://127.0.0.1:9/0"
    saved = {
        "task_always_eager": app.conf.task_always_eager,
        "broker_url": app.conf.broker_url,
        "broker_write_url": app.conf.broker_write_url,
        "broker_transport_options": app.conf.broker_transport_options,
    }
    monkeypatch.setenv("CELERY_BROKER_URL", dead)
    app.conf.task_always_eager = False
    app.conf.broker_url = dead
    app.conf.broker_write_url = dead
    app.conf.broker_transport_options = {"max_retries": 1, "interval_start": 0}
    _reset_celery_pools()
    yield
    for name, value in saved.items():
        setattr(app.conf, name, value)
    _reset_celery_pools()
