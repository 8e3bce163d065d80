from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        # Inside ready(): models and other apps load only once the app registry is.
        from audit.details import register_keys, register_values

        from . import importing  # noqa: F401  (registers the people import kind)
        from .models import Role, User

        register_values(
            "event",
            {
                "invitation_queued": _("invitation queued"),
                "invitation_accepted": _("invitation accepted"),
                "review_team_added": _("added to the review team"),
                "review_team_removed": _("removed from the review team"),
            },
        )
        register_values("role", Role)
        register_keys(
            {
                name: User._meta.get_field(name.removesuffix("_id")).verbose_name
                for name in ("role", "unit_id", "is_active", "is_staff", "is_superuser")
            }
        )
