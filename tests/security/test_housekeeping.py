"""Housekeeping that is security (issue 14, item 8): refused uploads leave no file behind, kept
ones expire, production hashes passwords without MD5, and an expected refusal (403) is logged
as one line, not as a traceback that hides the real ones."""

import importlib
import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data, login
from tests.people.files import people_xlsx, person
from tests.people.files import upload as people_upload
from tests.units_import.files import unit_row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.fixture
def admin_client(client, adam):
    ensure_reference_data()
    return login(client, adam)


def test_a_refused_unit_upload_leaves_no_file(admin_client, settings):
    rows = [unit_row("BAD", "Loại lạ", type_="Bộ")]
    admin_client.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows), "sai.xlsx")})
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.FAILED
    assert not batch.file
    assert stored_files(settings) == []


def test_a_refused_people_upload_leaves_no_file(admin_client, unit_a, settings):
    rows = [person("Trần Văn Hải", "hai@example.vn", "XA999", "Thủ trưởng đơn vị")]
    admin_client.post(
        reverse("accounts:import"), {"file": people_upload(people_xlsx(rows), "nguoi.xlsx")}
    )
    batch = ImportBatch.objects.filter(kind="users").latest("pk")
    assert batch.status == ImportBatch.Status.FAILED
    assert stored_files(settings) == []


def test_a_cancelled_upload_leaves_no_file(admin_client, settings):
    rows = [unit_row("NEW1", "Đơn vị mới")]
    admin_client.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows), "huy.xlsx")})
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.PREVIEW
    assert len(stored_files(settings)) == 1
    admin_client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "cancel"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.CANCELLED
    assert stored_files(settings) == []


def test_kept_uploads_expire_after_the_stated_days(admin_client, settings):
    rows = [unit_row("NEW1", "Đơn vị mới")]
    admin_client.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows), "cu.xlsx")})
    old = ImportBatch.objects.latest("pk")
    admin_client.post(reverse("units:import"), {"file": upload(xlsx_bytes(rows), "moi.xlsx")})
    recent = ImportBatch.objects.latest("pk")
    days = settings.IMPORT_FILES_KEEP_DAYS
    ImportBatch.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=days, hours=1)
    )
    call_command("purge_import_files")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.file and recent.file
    assert len(stored_files(settings)) == 1
    # The expired batch is still in the history; its preview says the file is gone.
    page = admin_client.get(reverse("units:import_detail", args=[old.pk])).content.decode()
    assert "Không còn tìm thấy tệp" in page


def test_production_password_hashers_have_no_md5():
    production = importlib.import_module("danvan.settings").PASSWORD_HASHERS
    assert production
    assert not any("MD5" in name for name in production)


def test_an_expected_403_is_logged_without_a_traceback(client, alice, caplog):
    login(client, alice)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(reverse("audit:list"))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records, "the refusal is still logged, as one line"
    assert all(r.exc_info is None for r in records)


def test_a_real_error_keeps_its_traceback(caplog):
    from django.core.exceptions import PermissionDenied

    logger = logging.getLogger("django.request")
    with caplog.at_level(logging.ERROR, logger="django.request"):
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            logger.error("Internal Server Error: /x", exc_info=exc, extra={"status_code": 500})
        try:
            raise PermissionDenied
        except PermissionDenied as exc:
            logger.error("Forbidden: /y", exc_info=exc, extra={"status_code": 500})
    assert all(r.exc_info is not None for r in caplog.records)


def test_a_file_the_admin_import_refuses_is_not_kept(admin_client, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    rows = [unit_row("BAD", "Loại lạ", type_="Bộ")]
    response = admin_client.post(
        reverse("admin:units_unit_import"),
        {"format": "0", "import_file": upload(xlsx_bytes(rows), "sai.xlsx"), "resource": "0"},
    )
    assert response.status_code == 200
    assert ImportBatch.objects.latest("pk").status == ImportBatch.Status.FAILED
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []
