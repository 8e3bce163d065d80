from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province and the factories it shares with the tests; the top floor: it may use
    every app and none uses it."""

    name = "demo"
