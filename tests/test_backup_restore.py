"""Backup and restore (PostgreSQL pass): dump, restore into a new database, compare."""

import os
import shutil
import subprocess
import uuid

import psycopg2
import pytest
from django.db import connection

from reports.models import AnnualReport, CriterionScore
from tests.conftest import ROOT

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_only():
    if connection.vendor != "postgresql" or shutil.which("pg_dump") is None:
        pytest.skip("backup and restore need PostgreSQL and pg_dump")


def _url(name):
    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{s['USER'] or 'postgres'}@{host}:{port}/{name}"


def _counts(cursor):
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema='public' "
        "AND table_type='BASE TABLE' ORDER BY table_name"
    )
    tables = [row[0] for row in cursor.fetchall()]
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def test_dump_and_restore_keep_every_row_and_file(
    pg_only, transactional_db, alice, criteria_set, tmp_path, settings
):
    report = AnnualReport.objects.create(
        unit=alice.unit, criteria_set=criteria_set, general_situation="Tình hình chung ổn định."
    )
    criterion = criteria_set.criteria.first()
    CriterionScore.objects.create(
        report=report, criterion=criterion, narrative="Đã triển khai 12 văn bản.", self_score=9.5
    )
    media = tmp_path / "media"
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "a.pdf").write_bytes(b"%PDF-1.4 minh chung")

    backup = tmp_path / "backup"
    env = {
        **os.environ,
        "DATABASE_URL": _url(connection.settings_dict["NAME"]),
        "MEDIA_ROOT": str(media),
    }
    subprocess.run([ROOT / "scripts/backup.sh", backup], env=env, check=True, capture_output=True)

    new_db = f"restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{new_db}"')
    try:
        restored_media = tmp_path / "restored-media"
        env = {**os.environ, "DATABASE_URL": _url(new_db), "MEDIA_ROOT": str(restored_media)}
        subprocess.run(
            [ROOT / "scripts/restore.sh", backup], env=env, check=True, capture_output=True
        )
        with connection.cursor() as cursor:
            original = _counts(cursor)
        s = connection.settings_dict
        restored_conn = psycopg2.connect(
            dbname=new_db,
            user=s["USER"] or "postgres",
            host=s["HOST"] or "127.0.0.1",
            port=s["PORT"] or 5432,
        )
        try:
            with restored_conn.cursor() as cursor:
                assert _counts(cursor) == original
                cursor.execute(
                    "SELECT r.general_situation, s.narrative, s.self_score FROM "
                    "reports_annualreport r JOIN reports_criterionscore s ON s.report_id = r.id "
                    "WHERE r.id = %s",
                    [report.pk],
                )
                assert cursor.fetchone() == (
                    "Tình hình chung ổn định.",
                    "Đã triển khai 12 văn bản.",
                    pytest.approx(9.5),
                )
        finally:
            restored_conn.close()
        assert (restored_media / "evidence" / "a.pdf").read_bytes() == b"%PDF-1.4 minh chung"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{new_db}" WITH (FORCE)')
