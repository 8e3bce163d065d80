"""The PDF conversion on the worker: thin, it calls `pdf.convert`."""

from celery import shared_task

from danvan import jobs

from . import pdf


@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_pdf(copy_id):
    copy = pdf.convert(copy_id)
    return {"copy": copy_id, "status": copy.status if copy else None}


@shared_task(name="documents.purge_pdf_copies")
def purge_pdf_copies():
    """PDF copies expire PDF_COPIES_KEEP_DAYS after they were made (beat runs this daily)."""
    return pdf.purge_old_copies()


jobs.register(jobs.JobKind(name=pdf.JOB, task=make_pdf, waiting=pdf.waiting, dead=pdf.dead))
