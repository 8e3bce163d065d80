from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in


class DanvanConfig(AppConfig):
    name = "danvan"
    verbose_name = "Dân vận"

    def ready(self):
        # Inside ready(): danvan.errors loads templates and settings only once apps are ready.
        from .errors import note_renewed

        user_logged_in.connect(note_renewed, dispatch_uid="danvan.session_renewed")
