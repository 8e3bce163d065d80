"""A lost database connection answers 503 with a page that needs no database."""

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from danvan.errors import SessionMiddleware


def broken_view(request):
    raise OperationalError("server closed the connection unexpectedly")


def buggy_view(request):
    raise ValueError("a bug")


urlpatterns = [path("broken/", broken_view), path("buggy/", buggy_view)]
handler500 = "danvan.errors.server_error"


@pytest.fixture
def raw_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls(__name__)
def test_database_outage_answers_503_in_vietnamese(raw_client):
    response = raw_client.get("/broken/")
    assert response.status_code == 503
    assert "thao tác vừa rồi có thể chưa được lưu" in response.content.decode()


@pytest.mark.urls(__name__)
def test_database_outage_on_htmx_is_plain_text(raw_client):
    response = raw_client.post("/broken/", headers={"HX-Request": "true"})
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.urls(__name__)
def test_other_errors_stay_500(raw_client):
    response = raw_client.get("/buggy/")
    assert response.status_code == 500
    assert "quản trị" in response.content.decode()


def _request_with_saved_session(rf):
    request = rf.post("/reports/1/save/general/")
    middleware = SessionMiddleware(lambda request: HttpResponse("saved"))
    middleware.process_request(request)
    request.session["_auth_user_id"] = "1"
    request.session.save()
    return middleware, request


@pytest.mark.django_db
def test_losing_the_database_while_the_session_is_saved_is_an_outage(rf, monkeypatch):
    """A PostgreSQL restart between the view and the session save: 503, not Django's 400."""
    middleware, request = _request_with_saved_session(rf)

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(Session, "save", connection_lost)
    response = middleware.process_response(request, HttpResponse("saved"))
    assert response.status_code == 503
    assert "thao tác vừa rồi có thể chưa được lưu" in response.content.decode()


@pytest.mark.django_db
def test_a_session_deleted_meanwhile_is_still_interrupted(rf):
    """Logged out in another tab while this request ran: Django's 400 stays."""
    middleware, request = _request_with_saved_session(rf)
    Session.objects.filter(session_key=request.session.session_key).delete()
    with pytest.raises(SessionInterrupted):
        middleware.process_response(request, HttpResponse("saved"))
