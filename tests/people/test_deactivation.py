"""Accounts are switched off, never deleted; a deactivated account cannot log in."""

from datetime import date

from django.urls import reverse

from accounts.models import AccountState, Role, User
from audit.models import Action, AuditEntry
from tests.conftest import PASSWORD, login, make_user


def test_deactivated_user_cannot_log_in_and_is_told_why(client, adam, alice):
    login(client, adam).post(reverse("accounts:user_deactivate", args=[alice.pk]))
    client.logout()
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 200
    page = response.content.decode()
    assert "đã bị vô hiệu hóa" in page
    assert not response.wsgi_request.user.is_authenticated


def test_a_wrong_password_does_not_reveal_the_account_is_deactivated(client, alice):
    User.objects.filter(pk=alice.pk).update(is_active=False)
    response = client.post(reverse("login"), {"username": "alice", "password": "sai"})
    page = response.content.decode()
    assert "mật khẩu chính xác" in page and "vô hiệu hóa" not in page


def test_an_open_session_ends_when_the_account_is_deactivated(client, adam, alice):
    login(client, alice)
    assert client.get(reverse("home")).status_code == 200
    User.objects.filter(pk=alice.pk).update(is_active=False)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_deactivation_keeps_the_account_and_its_audit_trail(client, adam, alice):
    client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    client.logout()
    login(client, adam).post(reverse("accounts:user_deactivate", args=[alice.pk]))
    assert User.objects.filter(pk=alice.pk, is_active=False).exists()
    change = AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE, object_id=str(alice.pk)
    ).latest("pk")
    assert change.details["changes"]["is_active"] == ["True", "False"]
    assert change.user == adam
    log = client.get(reverse("audit:list"), {"action": "login"})
    assert alice in [e.user for e in log.context["page_obj"]]
    assert alice.display_name in log.content.decode()
    listed = client.get(reverse("accounts:user_list"), {"state": "deactivated"})
    assert [u.username for u in listed.context["page_obj"]] == ["alice"]
    # Nobody deletes accounts, not even in the Django admin.
    delete = client.get(reverse("admin:accounts_user_delete", args=[alice.pk]))
    assert delete.status_code == 403


def test_admin_cannot_deactivate_themselves(client, adam):
    response = login(client, adam).post(
        reverse("accounts:user_deactivate", args=[adam.pk]), follow=True
    )
    adam.refresh_from_db()
    assert adam.is_active
    assert "chính mình" in response.content.decode()


def test_admin_changes_role_and_unit_with_an_audit_record(client, adam, alice, unit_b):
    login(client, adam)
    old_unit = alice.unit_id
    response = client.post(
        reverse("accounts:user_edit", args=[alice.pk]),
        {
            "full_name": "Nguyễn Thị Alice",
            "email": "alice@example.vn",
            "phone": "0912 345 678",
            "role": "head",
            "unit": unit_b.pk,
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.role, alice.unit, alice.phone) == (Role.HEAD, unit_b, "0912 345 678")
    entry = AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE, object_id=str(alice.pk)
    ).latest("pk")
    assert entry.user == adam
    assert entry.details["changes"]["role"] == ["staff", "head"]
    assert entry.details["changes"]["unit_id"] == [str(old_unit), str(unit_b.pk)]


def test_a_unit_that_stopped_reporting_keeps_its_accounts_out_of_new_years(alice, bob, unit_a):
    year = date.today().year
    assert alice.can_file_for(year)
    unit_a.active_to = year
    unit_a.save()
    alice.refresh_from_db()
    assert not alice.can_file_for(year)
    assert alice.can_file_for(year - 1)
    assert list(User.objects.able_to_file_for(year)) == [bob]
    assert alice in User.objects.able_to_file_for(year - 1)


def test_deactivated_or_province_accounts_never_file(alice, rita):
    year = date.today().year
    alice.is_active = False
    assert not alice.can_file_for(year)
    assert not rita.can_file_for(year)


def test_reactivated_account_that_never_accepted_is_invited_again(unit_a):
    user = make_user("moi", Role.STAFF, unit_a)
    user.set_unusable_password()
    user.is_active = False
    user.save()
    assert user.state == AccountState.DEACTIVATED
    user.is_active = True
    assert user.state == AccountState.INVITED
