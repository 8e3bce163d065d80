"""The first admin of a deployment is made from the command line with the admin role."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import Role, User
from tests.conftest import login


@pytest.mark.django_db
def test_createadmin_makes_a_province_admin_who_manages_people(client, monkeypatch):
    monkeypatch.setenv("DANVAN_ADMIN_PASSWORD", "Quan-tri-2026-tinh")
    call_command("createadmin", "--email", "It@Tinh.gov.vn", "--name", "Nguyễn Văn Tin")
    admin = User.objects.get()
    assert admin.username == "it@tinh.gov.vn" and admin.role == Role.ADMIN
    assert admin.is_superuser and admin.is_staff and admin.unit is None
    assert admin.check_password("Quan-tri-2026-tinh")
    page = login(client, admin).get(reverse("accounts:user_list")).content.decode()
    rows = page.split("<tbody", 1)[1]  # the people listed, not the role filter's choices
    assert "Quản trị tỉnh" in rows and "Cán bộ đơn vị" not in rows


@pytest.mark.django_db
def test_createadmin_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("DANVAN_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError):
        call_command("createadmin", "--email", "it@tinh.gov.vn")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_createsuperuser_makes_an_admin_too():
    user = User.objects.create_superuser("root", "root@tinh.gov.vn", "Quan-tri-2026-tinh")
    assert user.role == Role.ADMIN
