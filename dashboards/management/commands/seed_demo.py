from django.core.management.base import BaseCommand

from dashboards.demo import DEMO_PASSWORD, seed


class Command(BaseCommand):
    help = "Build a demo province (units, this year's criteria, a user per role). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, year=None, **options):
        users = seed(year)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for user in users:
            unit = f" · {user.unit.code}" if user.unit else ""
            self.stdout.write(f"  {user.username:<8} {user.get_role_display()}{unit}")
