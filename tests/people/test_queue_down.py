"""When the mail queue is down the account is still created and the page says what to do."""

import pytest
from django.urls import reverse

from accounts.models import AccountState, Invitation, User
from tests.conftest import login


# Transactional: the after-commit hook must run inside the view, as in production.
@pytest.mark.django_db(transaction=True)
def test_invitation_with_the_queue_down_keeps_the_account_and_explains(client, adam, broker_down):
    login(client, adam)
    response = client.post(
        reverse("accounts:user_invite"),
        {"full_name": "Phạm Thị Hoa", "email": "hoa@example.vn", "role": "reviewer"},
        follow=True,
    )
    assert response.status_code == 200
    assert "thư mời đang chờ và sẽ tự được gửi" in response.content.decode()
    hoa = User.objects.get(email="hoa@example.vn")
    assert hoa.state == AccountState.INVITED
    invitation = Invitation.objects.get(user=hoa)
    # Waiting, not failed: beat sends it once the broker is back (tests/test_jobs.py).
    assert not invitation.error and invitation.sent_at is None and invitation.enqueued_at is None
    assert "Đang chờ hệ thống xử lý nền" in response.content.decode()
