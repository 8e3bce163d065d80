"""The idle timeout counts from the last request, renewed at most once a minute: an autosave
every few seconds does not write the session each time, and an idle session still ends."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from danvan.errors import RENEWED
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _row(client):
    return Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)


def _session_writes(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in ctx.captured_queries
        if "django_session" in q["sql"] and "UPDATE" in q["sql"]
    ]


def test_a_session_in_use_is_renewed_once_a_minute(client, alice):
    login(client, alice)
    home = reverse("home")
    client.get(home)
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert _row(client).expire_date > timezone.now() + age - timedelta(seconds=5)
    assert _session_writes(client, home) == []  # renewed a moment ago

    # A minute later (the note moved back), the next request renews the idle time in full.
    row = _row(client)
    store = row.get_decoded()
    store[RENEWED] -= settings.SESSION_RENEW_SECONDS
    row.session_data = Session.objects.encode(store)
    row.expire_date = timezone.now() + timedelta(minutes=5)
    row.save()
    assert len(_session_writes(client, home)) == 1
    assert _row(client).expire_date > timezone.now() + age - timedelta(seconds=5)


def test_an_idle_session_ends(client, alice):
    login(client, alice)
    client.get(reverse("home"))
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
