"""The portal's own error pages, in the interface language, for every status it answers with:
400, 403 (and a refused form token), 404, 405, 413, 429, 500 and 503.

A request from htmx or autosave gets the message alone, as plain text, never a page that the
script would draw inside a form. The pages for 400, 405, 413, 500 and 503 never touch the
database, since the database may be what failed: a lost connection (a PostgreSQL restart, a
failover) is an outage, not a bug: the user gets a 503 saying the last action may not have been
saved and to reload and try again; the transaction has rolled back, and the next request opens
a fresh connection. 403, 404 and 429 are drawn in the portal's frame (they need the session).
"""

import logging
import sys
import time

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

OUTAGES = (OperationalError, InterfaceError)


def wants_text(request):
    """htmx and autosave (which says "HX-Request" too) show a message, not a page."""
    return bool(getattr(request, "htmx", False)) or request.headers.get("HX-Request") == "true"


def _text(status, message):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _page(request, status, title, message):
    if wants_text(request):
        return _text(status, message)
    context = {"status": status, "title": title, "message": message}
    html = render_to_string("outage.html", context)
    return HttpResponse(html, status=status)


def _framed(request, status, template, title, message, explanation=""):
    """A page in the portal's frame (menu, language, who is logged in). htmx gets the short
    `message`; the page shows the longer `explanation` where there is one."""
    if wants_text(request):
        return _text(status, message)
    context = {"status": status, "title": title, "message": explanation or message}
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    return _page(
        request,
        400,
        _("The request could not be read"),
        _("The browser sent something the portal cannot read. Reload the page and try again."),
    )


def permission_denied(request, exception=None):
    return _framed(
        request,
        403,
        "403.html",
        _("Access denied"),
        _("You do not have permission to do this."),
    )


def page_not_found(request, exception=None):
    return _framed(
        request,
        404,
        "404.html",
        _("Page not found"),
        _("Page not found."),
        _(
            "The page does not exist, was removed, or is not one you may open. "
            "Check the address or go back to the home page."
        ),
    )


def not_allowed(request, allowed=()):
    response = _page(
        request,
        405,
        _("This address cannot be used that way"),
        _("This page is not meant to be opened like this. Go back and use its buttons."),
    )
    if allowed:
        response["Allow"] = allowed
    return response


def too_large(request):
    return _page(
        request,
        413,
        _("What was sent is too large"),
        _(
            "The form or file sent is larger than the portal accepts, so nothing was saved. "
            "Shorten the text or choose a smaller file and try again."
        ),
    )


def locked_out(request, response=None, credentials=None):
    """django-axes' lockout (AXES_LOCKOUT_CALLABLE): 429, in the portal's frame."""
    message = _(
        "Too many failed login attempts. The account is locked for a while; try again later "
        "or ask the administrator."
    )
    return _framed(
        request, 429, "registration/locked_out.html", _("Too many failed logins"), message
    )


class ErrorPagesMiddleware:
    """Turns the bare answers some layers give into the portal's pages: `require_POST` and
    friends answer 405 with an empty body, and a body larger than a form or upload may be is
    refused (413) before anything reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _too_large(request):
            return too_large(request)
        response = self.get_response(request)
        if isinstance(response, HttpResponseNotAllowed):
            return not_allowed(request, response.get("Allow", ""))
        return response


def _too_large(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    if request.content_type == "multipart/form-data":
        return length > settings.FILE_REQUEST_MAX_BYTES
    return length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def caused_by_outage(exc):
    """True when `exc`, or an exception it was raised while handling, is a lost connection."""
    while exc is not None:
        if isinstance(exc, OUTAGES):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def outage_response(request):
    return _page(
        request,
        503,
        _("The service is briefly unavailable"),
        _(
            "The database could not be reached, so your last action may not have been saved. "
            "Nothing you saved before is lost. Wait a moment, reload the page and try again."
        ),
    )


def server_error(request):
    if caused_by_outage(sys.exc_info()[1]):
        return outage_response(request)
    return _page(
        request,
        500,
        _("Something went wrong"),
        _("The error has been logged. Try again; if it happens again, tell the administrator."),
    )


def csrf_failure(request, reason=""):
    """A refused form token, in Vietnamese: almost always a session that ended (logged out or
    logged in again elsewhere) while the page stayed open. The header lets the page's scripts
    keep what was typed and say so, instead of drawing this page inside a field."""
    response = _page(
        request,
        403,
        _("The page has expired"),
        _(
            "Your session has ended or this page was opened before you logged in again. "
            "Log in again in a new tab, then reload this page; nothing saved before is lost."
        ),
    )
    response["X-Danvan-Reason"] = "csrf"
    return response


RENEWED = "_renewed"


def note_renewed(sender, request, user, **kwargs):
    """A login writes the session anyway: it counts as renewed then."""
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED] = int(time.time())


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, with the idle timeout renewed once a minute, and losing the database while the
    session is saved taken as an outage.

    The idle timeout counts from the last request that read the session. Writing the session on
    every request (`SESSION_SAVE_EVERY_REQUEST`) costs a write per autosave; instead the session
    notes when it was last renewed and is written again once `SESSION_RENEW_SECONDS` have passed,
    so a session ends at most that much earlier than the full idle time after the last request.
    Django reports any database error while saving as `SessionInterrupted`, a bare 400, as if
    the user had logged out elsewhere; a PostgreSQL restart at that moment is a 503 instead.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED, 0) >= settings.SESSION_RENEW_SECONDS:
                session[RENEWED] = now
        try:
            return super().process_response(request, response)
        except SessionInterrupted as exc:
            if caused_by_outage(exc):
                return outage_response(request)
            raise


class ExpectedRefusalFilter(logging.Filter):
    """Drops the traceback of a 4xx caused by PermissionDenied or Http404: the access gate
    refusing someone is expected, and thousands of such tracebacks hide the real ones. The
    line itself (status and path) stays."""

    def filter(self, record):
        exc = record.exc_info[1] if record.exc_info else None
        status = getattr(record, "status_code", 500)
        if isinstance(exc, PermissionDenied | Http404) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
