"""Response headers every page of the portal needs."""

from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    """Every response to a signed-in user, pages and downloads alike (reports, evidence files,
    exports), is `Cache-Control: private, no-store`: on a shared office computer neither the
    browser nor a proxy may keep another person's report. Public pages are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response
