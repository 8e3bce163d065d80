"""Which background jobs are really running: a PostgreSQL advisory lock held while one runs.

A status column says "running" forever once its worker is SIGKILLed; the lock belongs to the
worker's database session, so PostgreSQL releases it the moment that session dies. Requeuers
(`danvan.jobs`, a kind's `dead`) ask `held` to tell a dead job from a slow one.
"""

import zlib
from contextlib import contextmanager

from django.db import connection


def _class_key(kind):
    return zlib.crc32(kind.encode()) & 0x7FFFFFFF


def _keys(kind, pk):
    if not 0 < pk < 2**31:
        raise ValueError(f"job id {pk} does not fit an advisory lock key")
    return [_class_key(kind), pk]


@contextmanager
def holding(kind, pk):
    """Hold job (`kind`, `pk`)'s lock for the block; yields False when another session has it.

    Without PostgreSQL (the embedded SQLite set-up) jobs run eagerly inside the request, so
    there is nobody to exclude: it always yields True.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    keys = _keys(kind, pk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", keys)
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", keys)


def held(kind):
    """The ids of the `kind` jobs a live session is running, in one query. Without PostgreSQL
    there are no orphaned jobs to find: it answers None, meaning "assume every one is running"."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND granted "
            "AND classid = %s AND objsubid = 2",
            [_class_key(kind)],
        )
        return {row[0] for row in cursor.fetchall()}
