from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CriteriaConfig(AppConfig):
    name = "criteria"
    verbose_name = _("Criteria")

    def ready(self):
        # Inside ready(): models and other apps load only once the app registry is.
        from audit.details import register_keys, register_values

        from . import rulebook  # noqa: F401 - connects the signals that renew its version

        register_values(
            "part",
            {
                "settings": _("settings"),
                "criteria": _("criteria"),
                "items": _("sub-items"),
                "rules": _("classes"),
                "indicators": _("indicators"),
                "indicator_rules": _("indicator checks"),
                "form": _("report form"),
                "criteria_set": _("criteria set"),
                "copy": _("copy to a new year"),
            },
        )
        register_keys(
            {
                "set": _("criteria set"),
                "items": _("sub-items"),
                "tiers": _("classes"),
                "rules": _("indicator checks"),
            }
        )
