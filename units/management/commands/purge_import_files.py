from django.conf import settings
from django.core.management.base import BaseCommand

from units import services


class Command(BaseCommand):
    help = "Delete uploaded import files older than IMPORT_FILES_KEEP_DAYS (rows stay)."

    def handle(self, *args, **options):
        purged = services.purge_old_files()
        self.stdout.write(
            f"{purged} import file(s) older than {settings.IMPORT_FILES_KEEP_DAYS} days deleted."
        )
