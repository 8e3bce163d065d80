"""The portal's frame: login, home per role, language, settings for deployment, demo data."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from criteria.models import CriteriaSet
from reports.models import AnnualReport
from tests.conftest import PASSWORD, ROOT, login
from units.models import Unit


def test_login_page_speaks_vietnamese(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_english_is_selectable(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert "Log in" in response.content.decode()


def test_login_with_password_then_home_shows_role_work(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Sở Nội vụ" in page


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_wrong_password_is_refused_in_vietnamese(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()


def test_repeated_failed_logins_lock_the_account(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "sai"})
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_admin_home_links_setup_pages(client, adam, criteria_set):
    page = login(client, adam).get(reverse("home")).content.decode()
    assert reverse("criteria:list") in page
    assert reverse("units:list") in page


def test_default_criteria_set_has_nine_criteria_worth_100_points(criteria_set):
    assert criteria_set.criteria.count() == 9
    assert criteria_set.max_total == 100
    assert [t.name for t in criteria_set.tiers.all()] == ["Xuất sắc", "Tốt", "Trung bình"]


def test_seed_demo_builds_a_province_and_is_safe_to_rerun(db, settings):
    settings.DEBUG = True  # seed_demo is for trying only (tests run with DEBUG off)
    call_command("seed_demo")
    units, users = Unit.objects.count(), User.objects.count()
    sets = CriteriaSet.objects.count()  # this year's, and last year's for the demo's history
    reports = sorted(AnnualReport.objects.values_list("pk", "version", "state"))
    assert {state for _, _, state in reports} >= {"draft", "awaiting_signoff", "submitted"}
    assert units >= 40
    assert {u.role for u in User.objects.all()} >= {"staff", "head", "reviewer", "lead", "admin"}
    call_command("seed_demo")
    assert (Unit.objects.count(), User.objects.count()) == (units, users)
    assert CriteriaSet.objects.count() == sets
    assert sorted(AnnualReport.objects.values_list("pk", "version", "state")) == reports


def test_check_deploy_is_clean_with_production_variables():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "danvan.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("path", ["/static/vendor/bootstrap/bootstrap.min.css"])
def test_static_files_are_served_locally(path):
    assert (ROOT / "static" / path.removeprefix("/static/")).exists()
