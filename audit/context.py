"""The client address of the request being served, for audit entries written deep in services."""

from contextvars import ContextVar

current_ip = ContextVar("current_ip", default=None)
current_request = ContextVar("current_request", default=None)


def current_actor():
    """The logged-in user of the request being served, if any."""
    request = current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def client_ip(request):
    """REMOTE_ADDR; behind a trusted proxy (BEHIND_PROXY) the first X-Forwarded-For address."""
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")


class AuditIPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip_token = current_ip.set(client_ip(request))
        request_token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_ip.reset(ip_token)
            current_request.reset(request_token)
