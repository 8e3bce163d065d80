"""`manage.py purge_import_files [--days N]`: what beat does every night, by hand."""

from django.core.management.base import BaseCommand

from danvan.imports import purge_old_files


class Command(BaseCommand):
    help = (
        "Delete uploaded import files whose import finished (or, never finished, was "
        "uploaded) more than N days ago (default IMPORT_FILES_KEEP_DAYS); the import history "
        "keeps what each import did."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        self.stdout.write(f"{purge_old_files(days)} import files deleted.")
