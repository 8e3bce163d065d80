"""A unit's head manages the staff of their own unit, without admin rights."""

from django.urls import reverse

from accounts.models import AccountState, Role, User
from tests.conftest import login, make_user


def test_head_invites_staff_to_their_own_unit_only(invite, hana, unit_a, unit_b, mailoutbox):
    # Role and unit are not the head's to choose: posted values are ignored.
    response = invite(
        hana, full_name="Võ Thị Lan", email="lan@example.vn", role="admin", unit=unit_b.pk
    )
    assert response.status_code == 302
    lan = User.objects.get(email="lan@example.vn")
    assert (lan.role, lan.unit, lan.state) == (Role.STAFF, unit_a, AccountState.INVITED)
    assert not lan.is_superuser and not lan.is_staff
    assert [m.to for m in mailoutbox] == [["lan@example.vn"]]


def test_another_units_people_answer_404_to_a_head(client, hana, bob):
    login(client, hana)
    assert client.get(reverse("accounts:user_detail", args=[bob.pk])).status_code == 404
    for action in ("user_deactivate", "user_reactivate", "user_resend"):
        assert client.post(reverse(f"accounts:{action}", args=[bob.pk])).status_code == 404
    bob.refresh_from_db()
    assert bob.is_active


def test_head_lists_only_their_units_people(client, hana, alice, bob, adam):
    page = login(client, hana).get(reverse("accounts:user_list"))
    assert {u.username for u in page.context["page_obj"]} == {"alice", "hana"}
    assert "unit" not in page.context["form"].fields


def test_head_deactivates_and_reactivates_staff(client, hana, alice):
    login(client, hana)
    client.post(reverse("accounts:user_deactivate", args=[alice.pk]))
    alice.refresh_from_db()
    assert alice.state == AccountState.DEACTIVATED
    client.post(reverse("accounts:user_reactivate", args=[alice.pk]))
    alice.refresh_from_db()
    assert alice.state == AccountState.ACTIVE


def test_head_cannot_deactivate_another_head_of_the_unit(client, hana, unit_a):
    deputy = make_user("deputy", Role.HEAD, unit_a)
    login(client, hana)
    assert client.get(reverse("accounts:user_detail", args=[deputy.pk])).status_code == 200
    response = client.post(reverse("accounts:user_deactivate", args=[deputy.pk]))
    assert response.status_code == 404
    deputy.refresh_from_db()
    assert deputy.is_active


def test_head_cannot_edit_role_or_unit(client, hana, alice):
    login(client, hana)
    response = client.post(
        reverse("accounts:user_edit", args=[alice.pk]),
        {"full_name": "A", "email": "alice@example.vn", "role": "admin"},
    )
    assert response.status_code == 403
    alice.refresh_from_db()
    assert alice.role == Role.STAFF


def test_staff_and_reviewers_do_not_manage_people(client, alice, rita):
    for user in (alice, rita):
        login(client, user)
        assert client.get(reverse("accounts:user_list")).status_code == 403
        assert client.get(reverse("accounts:user_invite")).status_code == 403
