"""A new account gets a one-time link to set its own password; nobody ever sees a password."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import AccountState, Invitation, Role, User
from audit.models import Action, AuditEntry
from tests.conftest import login
from tests.people.conftest import link_in, path_of

NEW_PASSWORD = "Dan-van-kheo-2026"


def test_admin_invites_a_reviewer_and_the_mail_carries_a_link_not_a_password(
    invite, adam, mailoutbox
):
    response = invite(adam, full_name="Phạm Thị Hoa", email="Hoa@Example.vn", role="reviewer")
    assert response.status_code == 302
    hoa = User.objects.get(email="hoa@example.vn")
    assert (hoa.username, hoa.role, hoa.unit, hoa.state) == (
        "hoa@example.vn",
        Role.REVIEWER,
        None,
        AccountState.INVITED,
    )
    assert not hoa.has_usable_password()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["hoa@example.vn"]
    assert "Tên đăng nhập: hoa@example.vn" in mail.body
    token = path_of(link_in(mail.body)).rstrip("/").rsplit("/", 1)[1]
    invitation = Invitation.objects.get(user=hoa)
    # Only a hash of the token is stored.
    assert invitation.token_hash and token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert invitation.sent_at is not None and invitation.expires_at > timezone.now()
    assert AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE, object_id=str(hoa.pk), details__event="invitation_queued"
    ).exists()


def test_the_link_sets_the_password_once_then_the_person_logs_in(client, invite, adam, mailoutbox):
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    path = path_of(link_in(mailoutbox[0].body))
    client.logout()
    form = client.get(path)
    assert form.status_code == 200 and "hoa@example.vn" in form.content.decode()
    done = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("login")
    hoa = User.objects.get(email="hoa@example.vn")
    assert hoa.state == AccountState.ACTIVE
    assert Invitation.objects.get(user=hoa).accepted_at is not None
    # Used once: the same link now refuses, by GET and by POST.
    assert client.get(path).status_code == 410
    again = client.post(path, {"new_password1": "Khac-2026-xyz", "new_password2": "Khac-2026-xyz"})
    assert again.status_code == 410
    # The e-mail is the user name, whatever case the person types it in.
    logged_in = client.post(
        reverse("login"), {"username": "Hoa@Example.VN", "password": NEW_PASSWORD}
    )
    assert logged_in.status_code == 302
    assert client.get(reverse("home")).wsgi_request.user == hoa


def test_an_expired_link_is_refused_in_vietnamese(client, invite, adam, mailoutbox):
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    path = path_of(link_in(mailoutbox[0].body))
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    client.logout()
    response = client.get(path)
    assert response.status_code == 410
    assert "gửi lại lời mời" in response.content.decode()
    posted = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert posted.status_code == 410
    assert not User.objects.get(email="hoa@example.vn").has_usable_password()


def test_the_link_lasts_the_configured_number_of_days(invite, adam, mailoutbox, settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    expires = Invitation.objects.get().expires_at
    assert before + timedelta(days=3) <= expires <= timezone.now() + timedelta(days=3)


def test_resending_replaces_the_old_link(
    client, invite, adam, mailoutbox, django_capture_on_commit_callbacks
):
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    hoa = User.objects.get(email="hoa@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:user_resend", args=[hoa.pk]))
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    old, new = (path_of(link_in(m.body)) for m in mailoutbox)
    assert old != new
    client.logout()
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200


def test_accounts_that_never_accepted_are_listed_as_invited(client, invite, adam, alice):
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    page = client.get(reverse("accounts:user_list"), {"state": "invited"})
    names = [u.email for u in page.context["page_obj"]]
    assert names == ["hoa@example.vn"]
    assert "Đã mời" in page.content.decode()
    active = client.get(reverse("accounts:user_list"), {"state": "active"}).context["page_obj"]
    assert "hoa@example.vn" not in [u.email for u in active]
    assert "alice@example.vn" in [u.email for u in active]


def test_an_accepted_account_gets_no_new_invitation(client, adam, alice):
    login(client, adam)
    response = client.post(reverse("accounts:user_resend", args=[alice.pk]), follow=True)
    assert not Invitation.objects.exists()
    assert "chưa nhận lời mời" in response.content.decode()


def test_the_same_e_mail_cannot_get_a_second_account(invite, adam, alice):
    response = invite(adam, full_name="Alice 2", email="ALICE@example.vn", role="reviewer")
    assert response.status_code == 200
    assert "đã có tài khoản" in response.content.decode()
    assert User.objects.filter(email__iexact="alice@example.vn").count() == 1


def test_unit_roles_need_a_unit_and_province_roles_none(invite, adam, unit_a):
    no_unit = invite(adam, full_name="A", email="a@example.vn", role="staff")
    assert no_unit.status_code == 200 and not User.objects.filter(email="a@example.vn").exists()
    with_unit = invite(adam, full_name="B", email="b@example.vn", role="lead", unit=unit_a.pk)
    assert with_unit.status_code == 200 and not User.objects.filter(email="b@example.vn").exists()


def test_expired_invitations_are_renewed_in_one_step(
    client, invite, adam, hana, mailoutbox, django_capture_on_commit_callbacks
):
    invite(adam, full_name="Phạm Thị Hoa", email="hoa@example.vn", role="reviewer")
    invite(hana, full_name="Võ Thị Lan", email="lan@example.vn")
    invite(hana, full_name="Lê Văn Tâm", email="tam@example.vn")
    Invitation.objects.exclude(user__email="tam@example.vn").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    # The head renews only their unit's: Lan, not Hoa; Tâm's link is still valid.
    page = client.get(reverse("accounts:user_list"))
    assert page.context["stale_invitations"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:resend_stale"))
    assert [m.to for m in mailoutbox[3:]] == [["lan@example.vn"]]
    login(client, adam)
    assert client.get(reverse("accounts:user_list")).context["stale_invitations"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:resend_stale"))
    assert [m.to for m in mailoutbox[4:]] == [["hoa@example.vn"]]
    assert not User.objects.needing_invitation().exists()
