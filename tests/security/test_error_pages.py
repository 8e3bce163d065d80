"""Issue 14, item 3: every error the portal answers with is its own page, in Vietnamese, and a
request from htmx or autosave gets the message alone (plain text), never a page to draw inside
a form."""

import re

import pytest
from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import Http404
from django.test import Client
from django.urls import include, path, reverse
from django.utils import translation

from danvan import limits
from tests.conftest import PASSWORD, login


def _denied(request):
    raise PermissionDenied


def _missing(request):
    raise Http404


def _bug(request):
    raise ValueError("a bug")


def _outage(request):
    raise OperationalError("server closed the connection unexpectedly")


urlpatterns = [
    path("boom/403/", _denied),
    path("boom/404/", _missing),
    path("boom/500/", _bug),
    path("boom/503/", _outage),
    path("", include("danvan.urls")),
]
handler400 = "danvan.errors.bad_request"
handler403 = "danvan.errors.permission_denied"
handler404 = "danvan.errors.page_not_found"
handler500 = "danvan.errors.server_error"

# English a person must never read on an error page (Django's own pages say these).
ENGLISH = re.compile(
    r"\b(Forbidden|Not Found|Bad Request|Server Error|Method Not Allowed|CSRF|Request aborted|"
    r"Too Large|Too Many|Locked|Service Unavailable|Error)\b"
)
VIETNAMESE = {
    400: "không đọc được",
    403: "Bạn không có quyền",
    "csrf": "Trang đã hết hạn",
    404: "Không tìm thấy trang",
    405: "Không thể dùng địa chỉ này",
    413: "Nội dung gửi lên quá lớn",
    429: "Đăng nhập sai quá nhiều lần",
    500: "quản trị",
    503: "thao tác vừa rồi có thể chưa được lưu",
}
# The same messages as the short text htmx gets.
SHORT = {
    400: "không đọc được",
    403: "không có quyền",
    "csrf": "Phiên đăng nhập đã kết thúc",
    404: "Không tìm thấy trang",
    405: "không mở được theo cách này",
    413: "lớn hơn mức cổng chấp nhận",
    429: "Đăng nhập sai quá nhiều lần",
    500: "quản trị",
    503: "có thể chưa được lưu",
}
HTMX = {"HX-Request": "true"}


def visible_text(response):
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def answer(client, status, headers=None, adam=None, settings=None):
    headers = headers or {}
    if status == 400:
        return client.get("/", headers={**headers, "Host": "evil.example"})
    if status == 403:
        return client.get("/boom/403/", headers=headers)
    if status == "csrf":
        strict = Client(enforce_csrf_checks=True)
        strict.force_login(adam)
        return strict.post(reverse("units:create"), {"code": "X"}, headers=headers)
    if status == 404:
        return client.get("/boom/404/", headers=headers)
    if status == 405:
        return login(client, adam).get(reverse("units:import_confirm", args=[1]), headers=headers)
    if status == 413:
        body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
        return login(client, adam).post(reverse("units:create"), {"code": body}, headers=headers)
    if status == 429:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("login"), {"username": "adam", "password": "sai"})
        return client.post(
            reverse("login"), {"username": "adam", "password": PASSWORD}, headers=headers
        )
    return client.get(f"/boom/{status}/", headers=headers)


def code(status):
    return 403 if status == "csrf" else status


@pytest.fixture
def raw_client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("status", list(VIETNAMESE), ids=str)
def test_each_error_is_the_portals_own_page_in_vietnamese(raw_client, adam, settings, status):
    response = answer(raw_client, status, adam=adam, settings=settings)
    assert response.status_code == code(status)
    assert response["Content-Type"].startswith("text/html")
    text = visible_text(response)
    assert VIETNAMESE[status] in text
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert '<html lang="vi"' in response.content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("status", list(VIETNAMESE), ids=str)
def test_each_error_page_is_styled_with_a_heading_and_a_way_home(
    raw_client, adam, settings, status
):
    """The pages drawn without the database (400, 405, 413, 500, 503) had no stylesheet."""
    html = answer(raw_client, status, adam=adam, settings=settings).content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*bootstrap[^"]*\.css"', html)
    assert re.search(r"<h1[^>]*>\s*\S", html)
    assert re.search(r'<a [^>]*href="/"[^>]*>\s*Về trang chủ', html)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("status", list(VIETNAMESE), ids=str)
def test_htmx_and_autosave_get_the_message_alone(raw_client, adam, settings, status):
    response = answer(raw_client, status, headers=HTMX, adam=adam, settings=settings)
    assert response.status_code == code(status)
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "<" not in text and len(text) < 300
    assert not ENGLISH.search(text)
    assert SHORT[status].lower() in text.lower()


def test_the_405_page_keeps_the_allowed_methods(client, adam):
    response = login(client, adam).get(reverse("units:import_confirm", args=[1]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_an_upload_far_larger_than_any_file_is_cut_off(client, adam, settings):
    settings.FILE_REQUEST_MAX_BYTES = 1000
    file = SimpleUploadedFile("big.xlsx", b"x" * 2000)
    response = login(client, adam).post(reverse("units:import"), {"file": file})
    assert response.status_code == 413
    assert "Nội dung gửi lên quá lớn" in visible_text(response)


def test_non_file_posts_are_bounded_well_below_the_old_25_mb(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == limits.DATA_UPLOAD_MAX_BYTES <= 4 * 2**20


def test_django_messages_a_form_can_show_are_vietnamese():
    class Form(forms.Form):
        text = forms.CharField()

    with translation.override("vi"):
        form = Form({"text": "a\x00b"})
        assert not form.is_valid()
        assert form.errors["text"] == ["Không được chứa ký tự rỗng (NUL)."]
        for help_text in password_validators_help_texts():
            assert not re.search(r"\b(your|password|must|characters)\b", help_text, re.I)
