"""Another unit's models are not even acknowledged (404); evidence is checked by content and
served only through the gate."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import ModelEvidence
from tests.conftest import login

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\0" * 40


def _upload(client, model, name, content):
    return client.post(
        reverse("campaigns:evidence_add", args=[model.pk]),
        {"file": SimpleUploadedFile(name, content), "description": "Ảnh hoạt động"},
    )


def test_other_unit_staff_get_404_everywhere(client, alice, bob, model_a):
    login(client, alice)
    _upload(client, model_a, "bien-ban.pdf", PDF)
    evidence = ModelEvidence.objects.get()
    login(client, bob)
    urls = [
        reverse("campaigns:model_detail", args=[model_a.pk]),
        reverse("campaigns:model_edit", args=[model_a.pk]),
        reverse("campaigns:model_move", args=[model_a.pk]),
        reverse("campaigns:model_recognise", args=[model_a.pk]),
        reverse("campaigns:evidence_add", args=[model_a.pk]),
        reverse("campaigns:evidence_file", args=[evidence.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"status": "running"}).status_code == 404, url
    model_a.refresh_from_db()
    assert model_a.status == "registered"
    page = client.get(reverse("campaigns:model_list")).content.decode()
    assert model_a.name not in page


def test_evidence_is_stored_under_an_unguessable_name_and_served_to_who_may_see(
    client, alice, hana, rita, model_a
):
    login(client, alice)
    _upload(client, model_a, "Biên bản họp dân.pdf", PDF)
    evidence = ModelEvidence.objects.get()
    stored = Path(evidence.file.name)
    assert "Biên" not in evidence.file.name and "bien" not in evidence.file.name.lower()
    assert stored.suffix == ".pdf" and len(stored.stem) == 32
    assert evidence.content_type == "application/pdf"
    assert (Path(settings.MEDIA_ROOT) / evidence.file.name).read_bytes() == PDF
    url = reverse("campaigns:evidence_file", args=[evidence.pk])
    for user in (hana, rita):
        response = login(client, user).get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert model_a.events.filter(action="evidence_added").count() == 1


def test_evidence_type_is_checked_by_content_not_by_name(client, alice, model_a):
    login(client, alice)
    response = _upload(client, model_a, "bao-cao.pdf", b"MZ\x90\x00 this is a program")
    assert response.status_code == 302
    assert ModelEvidence.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Loại tệp này không được chấp nhận" in m for m in messages)
    # A real image named .pdf is refused too: the name must agree with the content.
    response = _upload(client, model_a, "anh.pdf", PNG)
    assert ModelEvidence.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("không khớp với tên tệp" in m for m in messages)
    _upload(client, model_a, "anh.png", PNG)
    evidence = ModelEvidence.objects.get()
    assert evidence.content_type == "image/png" and evidence.file.name.endswith(".png")


@pytest.mark.parametrize("limit", [1024])
def test_evidence_over_the_size_limit_is_refused(client, alice, model_a, settings, limit):
    settings.EVIDENCE_MAX_BYTES = limit
    login(client, alice)
    response = _upload(client, model_a, "lon.pdf", PDF + b"0" * limit)
    assert ModelEvidence.objects.count() == 0
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("Tệp lớn hơn" in m for m in messages)


def test_province_roles_cannot_attach_evidence(client, rita, model_a):
    response = login(client, rita).post(
        reverse("campaigns:evidence_add", args=[model_a.pk]),
        {"file": SimpleUploadedFile("a.pdf", PDF)},
    )
    assert response.status_code == 403
    assert ModelEvidence.objects.count() == 0
