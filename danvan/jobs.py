"""Background jobs: one registry of kinds and one rule for sending what waits or was lost.

Every job has a database row (an import batch, a classification run, a notification, an
invitation) with an `enqueued_at` column: when its message last went to the broker. Asking
for a job writes the row; the message is sent once the transaction commits. When the broker
cannot be reached the request gives up within a second or two and the row simply waits
(`enqueued_at` empty): nothing is marked failed for it. Beat's `requeue_stale_jobs` round (and
the first worker to start) then sends, for every kind, the rows that:

- wait: never reached the broker;
- were lost: sent before the broker last started (Redis here keeps nothing on disk, so a
  restart forgets its queue), or sent more than JOB_STALE_AFTER_SECONDS ago and still not
  taken;
- died: taken by a worker that no longer runs them (each kind knows how to tell, see `dead`).

Jobs must therefore be safe to run twice; each kind's task checks the row's status first.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy

from .celery import QueueUnavailable, app

log = logging.getLogger(__name__)

# What the person who asked for a job is told while the broker is down: their request is kept.
WAITS_FOR_SERVICE = gettext_lazy(
    "The background service is not reachable right now. Your request is saved and starts by "
    "itself when the service is back; there is no need to do it again."
)


@dataclass(frozen=True)
class JobKind:
    """One kind of background job.

    `waiting()` is the queryset of its rows not yet taken by a worker (the model has
    `enqueued_at`); `messages(pks)` the argument lists of the task messages that run those
    rows; `dead()` the pks of rows taken by a worker that died (it may make replacement rows
    and answer theirs instead).
    """

    name: str
    task: object
    waiting: Callable
    messages: Callable = None
    dead: Callable = None

    def message_args(self, pks):
        if self.messages is None:
            return [[pk] for pk in pks]
        return self.messages(pks)


KINDS = {}


def register(kind):
    KINDS[kind.name] = kind
    return kind


def kind_named(name):
    """The registered kind; the apps' task modules, where kinds register, are imported on
    first use (a web process imports them only on demand)."""
    if name not in KINDS:
        autodiscover_modules("tasks")
    return KINDS[name]


def submit(kind_name, *pks):
    """Send the jobs `pks` of `kind_name` once the surrounding transaction commits.

    When the broker is down the rows stay waiting and QueueUnavailable reaches the view,
    which tells the person the job starts when the background service is back.
    """
    kind = kind_named(kind_name)
    transaction.on_commit(lambda: send(kind, list(pks)))


def send(kind, pks):
    """Publish the messages for `pks` now; raise QueueUnavailable if the broker is down."""
    if not pks:
        return
    for args in kind.message_args(pks):
        try:
            kind.task.apply_async(args=args, retry=False)
        except Exception as exc:
            if app.conf.task_always_eager:
                raise
            log.warning("%s %s waits for the broker: %s", kind.name, pks, exc)
            raise QueueUnavailable(str(exc)) from exc
    kind.waiting().model.objects.filter(pk__in=pks).update(enqueued_at=timezone.now())


def due(kind, now=None, broker_started_at=None):
    """The pks of `kind`'s rows to send this round (see the module's rule)."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.JOB_STALE_AFTER_SECONDS)
    if broker_started_at is not None:
        cutoff = max(cutoff, broker_started_at)
    rows = kind.waiting().filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=cutoff))
    pks = list(rows.order_by("pk").values_list("pk", flat=True))
    if kind.dead is not None:
        pks += [pk for pk in kind.dead() if pk not in pks]
    return pks


def broker_started_at():
    """When the Redis broker last started (None for another broker or when unknown)."""
    if not app.conf.broker_url.startswith(("redis://", "rediss://")):
        return None
    try:
        with app.connection_for_write() as connection:
            uptime = connection.default_channel.client.info("server")["uptime_in_seconds"]
    except Exception as exc:
        log.warning("broker uptime unknown: %s", exc)
        return None
    # Redis rounds its uptime down: leaning one second late re-sends a job enqueued just after
    # the restart (harmless, jobs check their row) rather than forgetting one sent just before.
    return timezone.now() - timedelta(seconds=int(uptime) - 1)


def recover():
    """Send every kind's due jobs; returns {kind: number sent}. One kind's broken broker
    stops the round (the next round tries again); nothing is marked failed for it."""
    autodiscover_modules("tasks")
    started = broker_started_at()
    sent = {}
    for kind in KINDS.values():
        pks = due(kind, broker_started_at=started)
        send(kind, pks)
        sent[kind.name] = len(pks)
    return sent


@app.task(name="danvan.requeue_stale_jobs")
def requeue_stale_jobs():
    """Beat's round. The apps' task modules, where the kinds register, are imported by
    `recover` without a second `django.setup()` (which would reset the worker's logging)."""
    return recover()
