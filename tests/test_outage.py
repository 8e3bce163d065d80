"""A lost database connection answers 503 with a page that needs no database."""

import pytest
from django.db import OperationalError
from django.urls import path


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
    assert "không lưu được" in response.content.decode().lower() or "chưa được lưu" in (
        response.content.decode()
    )


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
