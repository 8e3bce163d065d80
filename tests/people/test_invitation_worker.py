"""The invitation goes through Redis to a real Celery worker (PostgreSQL pass)."""

import pytest
from django.urls import reverse

from accounts.models import AccountState, Invitation, User
from tests.conftest import login
from tests.people.conftest import link_in, path_of
from tests.people.worker_mail import wait_for, worker_mails

pytestmark = pytest.mark.worker
NEW_PASSWORD = "Dan-van-kheo-2026"


def test_the_worker_mails_the_invitation_and_its_link_activates_the_account(
    client, real_worker, adam
):
    login(client, adam)
    response = client.post(
        reverse("accounts:user_invite"),
        {"full_name": "Phạm Thị Hoa", "email": "hoa.worker@example.vn", "role": "reviewer"},
    )
    assert response.status_code == 302
    hoa = User.objects.get(email="hoa.worker@example.vn")
    wait_for(
        lambda: Invitation.objects.filter(user=hoa, sent_at__isnull=False).exists(),
        "invitation sent",
    )
    mails = [m for m in worker_mails(real_worker.mail_dir) if m[0] == "hoa.worker@example.vn"]
    assert len(mails) == 1
    _to, subject, body = mails[0]
    assert "Tài khoản" in subject and "Tên đăng nhập: hoa.worker@example.vn" in body
    path = path_of(link_in(body))
    client.logout()
    done = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    hoa.refresh_from_db()
    assert hoa.state == AccountState.ACTIVE
    assert client.get(path).status_code == 410


def test_an_import_queues_one_invitation_per_new_account_to_the_worker(
    client, real_worker, adam, unit_a
):
    from danvan.models import ImportBatch
    from tests.people.files import people_xlsx, person, upload

    rows = [
        person("Nguyễn Thị Mai", "mai.worker@example.vn", "SNV", "Cán bộ đơn vị"),
        person("Trần Văn Hải", "hai.worker@example.vn", "SNV", "Thủ trưởng đơn vị"),
        person("Lê Thu Hà", "ha.worker@example.vn", "", "Thành viên thẩm định"),
    ]
    login(client, adam)
    client.post(reverse("accounts:import"), {"file": upload(people_xlsx(rows))})
    batch = ImportBatch.objects.get(kind="users")
    client.post(reverse("accounts:import_confirm", args=[batch.pk]), {"action": "confirm"})
    emails = {row[2] for row in rows}
    assert User.objects.filter(email__in=emails).count() == 3
    wait_for(
        lambda: (
            Invitation.objects.filter(user__email__in=emails, sent_at__isnull=False).count() == 3
        ),
        "three invitations sent",
    )
    sent = [m[0] for m in worker_mails(real_worker.mail_dir) if m[0] in emails]
    assert sorted(sent) == sorted(emails)
    assert Invitation.objects.filter(user__email__in=emails).count() == 3
