"""`manage.py seed_demo`: a demo province to try the portal. For trying only: every demo login
has a published password and the admin among them can do everything."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from danvan.celery import app
from demo.people import DEMO_PASSWORD
from demo.seed import seed


class Command(BaseCommand):
    help = (
        "Build a demo province (units, this year's criteria, a user per role). Safe to rerun. "
        "For trying only: refused with DEBUG=0 unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even with DEBUG=0 (never on a real deployment: public passwords)",
        )

    def handle(self, *args, year=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo makes accounts with a public password (an admin among them); it is "
                "for trying the portal only and refuses to run with DEBUG=0. Use --force on a "
                "throw-away test installation."
            )
        # The demo's mails (sign-off requests, returns, ...) are recorded as sent, not mailed
        # or printed, and its jobs run here even when a broker is configured.
        eager = app.conf.task_always_eager
        app.conf.task_always_eager = True
        try:
            with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
                users = seed(year)
        finally:
            app.conf.task_always_eager = eager
        self._print_logins(users)

    def _print_logins(self, users):
        rows = [
            (u.username, str(u.get_role_display()), u.unit.short_name if u.unit else "—")
            for u in users
        ]
        widths = [max(len(r[i]) for r in [*rows, ("login", "role", "unit")]) for i in range(3)]

        def line(cells):
            return "  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True))

        out = self.stdout
        out.write("")
        out.write(self.style.SUCCESS(f"Demo data ready. Password for every login: {DEMO_PASSWORD}"))
        out.write(line(("login", "role", "unit")))
        out.write(line(["-" * w for w in widths]))
        for row in rows:
            out.write(line(row))
        out.write("Other units' heads log in as tt.<unit code>, e.g. tt.xa002.")
        out.write("`make clean` deletes the demo database; the next `make run` starts over.")
