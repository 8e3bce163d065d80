from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewConfig(AppConfig):
    """The review team's work on submitted reports. Its records (assignments, review scores,
    events) are models of `reports`; this app holds no models of its own."""

    name = "review"
    verbose_name = _("Review")

    def ready(self):
        # Inside ready(): other apps load only once the app registry is.
        from audit.details import register_values

        register_values("event", {"reviewers_assigned": _("reviewers assigned")})
