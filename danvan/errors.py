"""Error pages that never touch the database, since the database may be what failed.

A lost database connection (a PostgreSQL restart, a failover) is an outage, not a bug: the user
gets a 503 saying nothing was saved and to try again; the transaction has rolled back, and the
next request opens a fresh connection.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

OUTAGES = (OperationalError, InterfaceError)


def _page(request, status, title, message):
    if getattr(request, "htmx", False):
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    html = render_to_string("outage.html", {"title": title, "message": message})
    return HttpResponse(html, status=status)


def server_error(request):
    exc = sys.exc_info()[1]
    if isinstance(exc, OUTAGES):
        return _page(
            request,
            503,
            _("The service is briefly unavailable"),
            _(
                "The database could not be reached, so your last action was not saved. "
                "Nothing you saved before is lost. Wait a moment and try again."
            ),
        )
    return _page(
        request,
        500,
        _("Something went wrong"),
        _("The error has been logged. Try again; if it happens again, tell the administrator."),
    )
