"""Production settings that the Content Security Policy and the session rules depend on."""

import re

from django.conf import settings
from django.urls import reverse

from tests.conftest import ROOT, login

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.I)
INLINE_HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.I)


def _templates():
    for path in ROOT.glob("**/templates/**/*.html"):
        if ".venv" not in path.parts and "site-packages" not in path.parts:
            yield path


def test_pages_send_a_csp_without_inline_script_or_style(client, alice):
    response = login(client, alice).get(reverse("home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_no_template_has_inline_script_style_or_event_handlers():
    offenders = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_STYLE, INLINE_HANDLER):
            for match in pattern.finditer(text):
                offenders.append(f"{path.relative_to(ROOT)}: {match.group(0).strip()}")
    assert offenders == []


def test_sessions_expire_after_inactivity_and_cookies_are_http_only():
    # Renewed on use at most a minute late (tests/security/test_session_renewal.py).
    assert settings.SESSION_RENEW_SECONDS <= 60
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_COOKIE_HTTPONLY is True


def test_htmx_requests_carry_the_csrf_token(client, alice):
    page = login(client, alice).get(reverse("home")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page


def test_post_without_csrf_token_is_refused(alice):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(alice)
    response = strict.post(reverse("logout"))
    assert response.status_code == 403
