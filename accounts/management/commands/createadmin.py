"""`manage.py createadmin --email ... --name ...`: the first province admin of a deployment."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.services import create_admin


class Command(BaseCommand):
    help = (
        "Create (or reset) a province admin: the admin role, access to the Django admin and a "
        "password. The password is asked for, or read from DANVAN_ADMIN_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the login and mail address")
        parser.add_argument("--name", default="", help="full name shown in the portal")

    def handle(self, *args, email, name, **options):
        password = os.environ.get("DANVAN_ADMIN_PASSWORD") or self._ask()
        try:
            user = create_admin(email=email, full_name=name, password=password)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Admin {user.username} is ready; log in with it."))

    def _ask(self):
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return password
