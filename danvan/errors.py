"""Error pages that never touch the database, since the database may be what failed.

A lost database connection (a PostgreSQL restart, a failover) is an outage, not a bug: the user
gets a 503 saying the last action may not have been saved and to reload and try again; the
transaction has rolled back, and the next request opens a fresh connection.
"""

import logging
import sys

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

OUTAGES = (OperationalError, InterfaceError)


def _page(request, status, title, message):
    if getattr(request, "htmx", False):
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    html = render_to_string("outage.html", {"title": title, "message": message})
    return HttpResponse(html, status=status)


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


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that losing the database while the session is saved is an outage.

    The session is saved on every request (the idle timeout counts from the last one), after
    the view. Django reports any database error there as `SessionInterrupted`, a bare 400, as if
    the user had logged out elsewhere; a PostgreSQL restart at that moment is a 503 instead.
    """

    def process_response(self, request, response):
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
