"""Evidence files: type checked by content, stored under an unguessable path, served only to
those who may see the report, deletable while the report is the unit's to change."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports import services
from reports.models import Evidence
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = bytes.fromhex(
    "89504E470D0A1A0A0000000D4948445200000001000000010806000000"
    "1F15C4890000000D49444154789C6360000002000154A24F5D0000000049454E44AE426082"
)


def docx_bytes():
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def upload(client, report, name, content, criterion=None):
    data = {"file": SimpleUploadedFile(name, content)}
    if criterion is not None:
        data["criterion"] = criterion.pk
    return client.post(
        reverse("reports:evidence_upload", args=[report.pk]), data, HTTP_HX_REQUEST="true"
    )


@pytest.mark.parametrize(
    "name, content",
    [("bien-ban.pdf", PDF), ("anh.png", PNG), ("ke-hoach.docx", None)],
)
def test_allowed_files_are_stored_under_an_unguessable_path(client, report, alice, name, content):
    login(client, alice)
    criterion = report.criteria_set.criteria.get(number=1)
    response = upload(client, report, name, content or docx_bytes(), criterion)
    assert response.status_code == 200
    evidence = Evidence.objects.get(report=report)
    assert evidence.original_name == name and evidence.criterion == criterion
    assert name.split(".")[0] not in evidence.file.name
    assert evidence.uploaded_by == alice
    body = response.content.decode()
    assert name in body and "Alice" in body


def corpus_for_evidence():
    manifest = json.loads((BAD / "MANIFEST.json").read_text(encoding="utf-8"))
    return sorted(
        (name, spec["expect"]) for name, spec in manifest.items() if "evidence" in spec["targets"]
    )


@pytest.mark.parametrize("name, expect", corpus_for_evidence())
def test_hostile_files_are_refused_or_made_safe(client, report, alice, name, expect):
    login(client, alice)
    shown_name = name
    if name == "right_to_left_override_name.pdf":
        shown_name = "hoa-don-\u202efdp.exe.pdf"
    response = upload(client, report, shown_name, (BAD / name).read_bytes())
    if expect == "reject":
        assert response.status_code == 422, name
        assert "evidence-error" in response.content.decode()
        assert not Evidence.objects.filter(report=report).exists()
    else:
        assert response.status_code == 200
        evidence = Evidence.objects.get(report=report)
        assert "\u202e" not in evidence.original_name


def test_an_executable_renamed_pdf_is_refused_with_a_vietnamese_message(client, report, alice):
    login(client, alice)
    response = upload(client, report, "bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 300)
    assert response.status_code == 422
    assert "không phải tệp PDF hợp lệ" in response.content.decode()


def test_a_workbook_with_macros_and_a_zip_named_docx_are_refused(client, report, alice):
    login(client, alice)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    assert upload(client, report, "macro.docx", out.getvalue()).status_code == 422
    assert upload(client, report, "khong-cho-phep.exe", PDF).status_code == 422


def test_files_over_the_limit_are_refused(client, report, alice, settings):
    settings.EVIDENCE_MAX_BYTES = 100
    login(client, alice)
    response = upload(client, report, "lon.pdf", PDF + b" " * 200)
    assert response.status_code == 422
    assert "lớn hơn" in response.content.decode()


def test_download_is_for_those_who_may_see_the_report(client, report, alice, bob, rita, hana):
    login(client, alice)
    upload(client, report, "Biên bản họp.pdf", PDF)
    evidence = Evidence.objects.get(report=report)
    url = reverse("reports:evidence_download", args=[evidence.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    assert "Bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp.pdf" in response["Content-Disposition"]
    login(client, bob)
    assert client.get(url).status_code == 404
    login(client, rita)  # a draft: the province does not see it yet
    assert client.get(url).status_code == 404
    complete(report)
    services.send_to_head(report, alice)
    services.submit(report, hana)
    assert client.get(url).status_code == 200


def test_delete_while_editable_only(
    client, report, alice, hana, bob, django_capture_on_commit_callbacks
):
    login(client, alice)
    upload(client, report, "a.pdf", PDF)
    upload(client, report, "b.pdf", PDF)
    first, second = Evidence.objects.filter(report=report).order_by("pk")
    stored = first.file.name
    storage = first.file.storage
    login(client, bob)
    url = reverse("reports:evidence_delete", args=[first.pk])
    assert client.post(url).status_code == 404
    login(client, alice)
    assert storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert not Evidence.objects.filter(pk=first.pk).exists()
    assert not storage.exists(stored)
    complete(report)
    services.send_to_head(report, alice)
    response = client.post(reverse("reports:evidence_delete", args=[second.pk]))
    assert response.status_code == 302
    assert Evidence.objects.filter(pk=second.pk).exists()
    assert storage.exists(second.file.name)
