"""Which language a request is answered in.

The portal speaks Vietnamese; English only for a person who chose it in the top bar (Django's
`set_language` view keeps the choice in the language cookie). What the browser asks for in
Accept-Language is ignored: an office computer set up in English still gets Vietnamese.
"""

from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """In place of Django's LocaleMiddleware, which would follow Accept-Language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def chosen_language(request):
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
