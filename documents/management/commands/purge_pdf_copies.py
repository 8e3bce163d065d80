"""`manage.py purge_pdf_copies [--days N]`: what beat does every night, by hand."""

from django.core.management.base import BaseCommand

from documents.pdf import purge_old_copies


class Command(BaseCommand):
    help = (
        "Delete the PDF copies of documents made more than N days ago (default "
        "PDF_COPIES_KEEP_DAYS) with their files; asking for a document again makes it anew."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        self.stdout.write(f"{purge_old_copies(days)} PDF copies deleted.")
