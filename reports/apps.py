from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Annual reports")

    def ready(self):
        # Inside ready(): models and other apps load only once the app registry is.
        from audit.details import register_values

        from .models import EVENT_LABELS, CriterionScore, ReportState

        register_values(["from_state", "to_state"], ReportState)
        register_values("action_name", EVENT_LABELS)
        register_values(
            "field",
            {
                name: CriterionScore._meta.get_field(name).verbose_name
                for name in ("self_score", "review_score")
            },
        )
