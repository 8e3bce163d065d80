"""The PDF conversion on the worker: thin, it calls `pdf.convert`."""

from celery import shared_task

from danvan import jobs

from . import pdf


@shared_task(acks_late=True, reject_on_worker_lost=True)
def make_pdf(copy_id):
    copy = pdf.convert(copy_id)
    return {"copy": copy_id, "status": copy.status if copy else None}


jobs.register(jobs.JobKind(name=pdf.JOB, task=make_pdf, waiting=pdf.waiting, dead=pdf.dead))
