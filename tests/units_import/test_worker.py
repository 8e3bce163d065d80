"""Large files on a real Celery worker (the PostgreSQL + Redis pass of .ci/run)."""

import time

import psycopg2
import pytest
from django.db import connection
from django.urls import reverse

from danvan import jobs
from danvan.models import ImportBatch
from tests.conftest import ensure_reference_data, login
from tests.units_import.files import unit_row, upload, xlsx_bytes
from units import services
from units.models import Unit, UnitType

pytestmark = pytest.mark.worker


def wait_for(condition, timeout=120):
    """Poll until `condition()` is true; fail (not slow-pass) when it never becomes true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail("the condition was not reached in time")


def large_file(n, extra=()):
    rows = [unit_row("ROOT", "UBND tỉnh", "UBND tỉnh", "")]
    rows += [unit_row(f"U{i:05}", f"Đơn vị {i}", parent="ROOT") for i in range(n)]
    return upload(xlsx_bytes(rows + list(extra)))


def upload_and_confirm(client, file):
    client.post(reverse("units:import"), {"file": file})
    batch = ImportBatch.objects.latest("pk")
    assert batch.status == ImportBatch.Status.PREVIEW, batch.errors
    client.post(reverse("units:import_confirm", args=[batch.pk]), {"action": "confirm"})
    return batch


def test_large_file_is_imported_by_the_worker(real_worker, client, adam, settings):
    ensure_reference_data()
    settings.IMPORT_ASYNC_ROWS = 100
    login(client, adam)
    batch = upload_and_confirm(client, large_file(500))
    page = client.get(reverse("units:import_detail", args=[batch.pk])).content.decode()
    assert "data-poll-url" in page or "Hoàn thành" in page

    wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE)
    batch.refresh_from_db()
    assert batch.task_id and batch.created_count == 501
    assert Unit.objects.count() == 501
    assert Unit.objects.filter(parent__code="ROOT").count() == 500
    polled = client.get(reverse("units:import_progress", args=[batch.pk])).json()
    assert polled["finished"] is True


def test_a_worker_killed_mid_import_leaves_nothing_written(real_worker, client, adam, settings):
    """Hold a row lock on the one unit the file updates: the worker inserts every new unit,
    then waits on the lock inside its transaction; kill it there."""
    ensure_reference_data()
    settings.IMPORT_ASYNC_ROWS = 100
    Unit.objects.create(code="LOCKED", name="Tên cũ", type=UnitType.DEPARTMENT)
    login(client, adam)
    db = connection.settings_dict
    blocker = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"] or "postgres",
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    try:
        with blocker.cursor() as cursor:
            cursor.execute("SELECT id FROM units_unit WHERE code = 'LOCKED' FOR UPDATE")
        batch = upload_and_confirm(client, large_file(3000, extra=[unit_row("LOCKED", "Tên mới")]))

        def worker_waits_on_the_lock():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                    "AND wait_event_type = 'Lock' AND query ILIKE '%%UPDATE%%units_unit%%'",
                    [db["NAME"]],
                )
                return cursor.fetchone()[0] > 0

        wait_for(worker_waits_on_the_lock)
        real_worker.kill()
    finally:
        blocker.rollback()
        blocker.close()

    def only_one_connection_left():
        with connection.cursor() as cursor:
            cursor.execute(
                # Idle connections other tests left open do not matter; a backend still inside
                # the killed worker's transaction does.
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid() AND state <> 'idle'",
                [db["NAME"]],
            )
            return cursor.fetchone()[0] == 0

    wait_for(only_one_connection_left)
    assert list(Unit.objects.values_list("code", "name")) == [("LOCKED", "Tên cũ")]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.RUNNING  # as the dead worker left it

    # Beat's requeuer sees that no live worker holds the batch and sends it again; a new worker
    # imports the whole file.
    assert services.orphaned_batches() == [batch.pk]
    assert jobs.recover()[services.JOB] == 1
    real_worker.start()
    wait_for(lambda: ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE)
    assert Unit.objects.count() == 3002
    assert Unit.objects.get(code="LOCKED").name == "Tên mới"
    assert services.orphaned_batches() == []
