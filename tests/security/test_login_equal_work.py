"""Every failed login costs the same (issue 14, item 7): a deactivated account, an unknown
name and a wrong password each hash the given password exactly once, so login timing does not
tell a deactivated account apart. Counted as hasher calls, not measured as time."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def hashes(monkeypatch):
    calls = []
    encode = MD5PasswordHasher.encode

    def counting(self, password, salt):
        calls.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting)
    return calls


def attempt(client, hashes, username, password):
    hashes.clear()
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 200, "the login was refused"
    assert not response.wsgi_request.user.is_authenticated
    return len(hashes), response.content.decode()


def test_every_failed_login_hashes_once(client, alice, bob, hashes):
    User.objects.filter(pk=bob.pk).update(is_active=False)
    work = {
        "unknown name": attempt(client, hashes, "khong-co-ai", PASSWORD)[0],
        "active, wrong password": attempt(client, hashes, "alice", "sai-mat-khau")[0],
        "deactivated, wrong password": attempt(client, hashes, "bob", "sai-mat-khau")[0],
        "deactivated, right password": attempt(client, hashes, "bob", PASSWORD)[0],
    }
    assert set(work.values()) == {1}, work


def test_only_the_right_password_learns_the_account_is_deactivated(client, bob, hashes):
    User.objects.filter(pk=bob.pk).update(is_active=False)
    _work, refused = attempt(client, hashes, "bob", PASSWORD)
    assert "đã bị vô hiệu hóa" in refused
    _work, wrong = attempt(client, hashes, "bob", "sai-mat-khau")
    assert "vô hiệu hóa" not in wrong and "mật khẩu chính xác" in wrong
