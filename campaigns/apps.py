from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Labels of the navigation (templates/nav_items.html), translated in this app's catalogue.
NAV_LABELS = [gettext_noop("Dân vận khéo")]


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Dân vận khéo models and awards")

    def ready(self):
        # Inside ready(): models and other apps load only once the app registry is.
        from audit.details import register_values

        from . import awards_io  # noqa: F401  (registers the award import kind)
        from .models import ModelStatus, RecognitionLevel

        register_values(["from_status", "to_status"], ModelStatus)
        register_values("level", RecognitionLevel)
