from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "units"
    verbose_name = _("Units")

    def ready(self):
        # Inside ready(): models and other apps load only once the app registry is.
        from audit.details import register_values
        from danvan.models import ImportBatch

        from . import importing  # noqa: F401  (registers the unit import kind)

        register_values("status", ImportBatch.Status)
        register_values(
            "kind", {"units": _("units"), "users": _("user accounts"), "awards": _("awards")}
        )
