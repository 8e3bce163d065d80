"""PDF copies of documents, made on the worker, never inside a web request.

`request(kind, context)` answers the copy of that content: made already (its file is served),
or queued now (the page shows its progress and downloads it when ready). The copy is keyed by
a hash of the template in force and the context, so the same document is converted once.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render as render_page
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan import jobs
from danvan.celery import QueueUnavailable
from danvan.jobs import WAITS_FOR_SERVICE
from danvan.office import docx_to_pdf

from . import render
from .models import PdfCopy

JOB = "documents.pdf"


def content_digest(kind, context):
    template = render.template_bytes(kind)
    text = json.dumps(context, sort_keys=True, default=str, ensure_ascii=False)
    return render.digest(template + b"\0" + kind.encode() + b"\0" + text.encode())


def _digest(kind, context, source):
    if source is None:
        return content_digest(kind, context)
    return render.digest(kind.encode() + b"\0" + source)


def request(kind, context, source=None):
    """The PdfCopy of `kind` filled with `context` (or of `source`, a document already made,
    such as a decision as published); a new or failed one is (re)queued."""
    digest = _digest(kind, context, source)
    copy = PdfCopy.objects.filter(digest=digest).first()
    if copy is not None and copy.status != PdfCopy.Status.FAILED:
        return copy
    data = render.render(kind, context) if source is None else source
    try:
        with transaction.atomic():
            if copy is None:
                copy = PdfCopy(digest=digest, kind=kind)
            copy.status, copy.error, copy.enqueued_at = PdfCopy.Status.QUEUED, "", None
            copy.source.save(f"{digest}.docx", ContentFile(data), save=False)
            copy.save()
            jobs.submit(JOB, copy.pk)
    except IntegrityError:  # asked twice at once: the other request queued it
        return PdfCopy.objects.get(digest=digest)
    return copy


def convert(copy_id):
    """The worker's part: convert the copy's .docx, once; safe to run twice."""
    copy = PdfCopy.objects.filter(pk=copy_id).first()
    if copy is None or copy.status == PdfCopy.Status.DONE:
        return copy
    PdfCopy.objects.filter(pk=copy.pk).update(
        status=PdfCopy.Status.RUNNING, started_at=timezone.now()
    )
    try:
        with copy.source.open("rb") as handle:
            pdf = docx_to_pdf(handle.read())
    except Exception as exc:  # LibreOffice failed or timed out: said on the page
        _finish(copy, PdfCopy.Status.FAILED, error=str(exc)[:500])
        return copy
    if pdf is None:
        _finish(copy, PdfCopy.Status.FAILED, error=_("LibreOffice is not installed."))
        return copy
    copy.pdf.save(f"{copy.digest}.pdf", ContentFile(pdf), save=False)
    _finish(copy, PdfCopy.Status.DONE)
    return copy


def _finish(copy, status, error=""):
    copy.status, copy.error, copy.finished_at = status, error, timezone.now()
    copy.save(update_fields=["pdf", "status", "error", "finished_at"])


def waiting():
    return PdfCopy.objects.filter(status=PdfCopy.Status.QUEUED)


def dead():
    """Copies taken by a worker that stopped: running for longer than a conversion takes."""
    limit = timezone.now() - timedelta(seconds=getattr(settings, "PDF_STALE_SECONDS", 300))
    rows = PdfCopy.objects.filter(status=PdfCopy.Status.RUNNING, started_at__lt=limit)
    pks = list(rows.values_list("pk", flat=True))
    rows.update(status=PdfCopy.Status.QUEUED)
    return pks


def purge_old_copies(days=None, now=None):
    """Delete the copies made (or failed) more than `days` ago (settings PDF_COPIES_KEEP_DAYS),
    with their files. They are a cache: asking for the same document again makes it anew.
    Copies waiting for or on the worker are left alone. Returns how many were deleted."""
    days = settings.PDF_COPIES_KEEP_DAYS if days is None else days
    limit = (now or timezone.now()) - timedelta(days=days)
    old = PdfCopy.objects.filter(
        status__in=(PdfCopy.Status.DONE, PdfCopy.Status.FAILED), finished_at__lt=limit
    )
    purged = 0
    for copy in old:
        for file in (copy.source, copy.pdf):
            if file:
                file.delete(save=False)
        copy.delete()
        purged += 1
    return purged


def label(copy):
    if copy.status == PdfCopy.Status.QUEUED and copy.enqueued_at is None:
        return str(WAITS_FOR_SERVICE)
    if copy.status == PdfCopy.Status.FAILED:
        return _("The PDF copy could not be made: %(error)s") % {"error": copy.error}
    return copy.get_status_display()


def response(request_, kind, context, filename, back_url, source=None):
    """The PDF when it is ready; else a page that shows its progress and downloads it when
    done. The page polls the same address (JSON), which never queues the job again; opening
    the page again after a failure tries once more."""
    polled = "application/json" in request_.headers.get("Accept", "")
    copy = PdfCopy.objects.filter(digest=_digest(kind, context, source)).first()
    if copy is None or (copy.status == PdfCopy.Status.FAILED and not polled):
        try:
            copy = request(kind, context, source)
        except QueueUnavailable:
            copy = PdfCopy.objects.get(digest=_digest(kind, context, source))
    done = copy.status == PdfCopy.Status.DONE
    if polled:
        return JsonResponse(
            {
                "status": copy.status,
                "done": 1 if done else 0,
                "total": 1,
                "label": label(copy),
                "finished": done,
                "redirect": request_.get_full_path(),
            }
        )
    if done:
        with copy.pdf.open("rb") as handle:
            answer = HttpResponse(handle.read(), content_type="application/pdf")
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
        return answer
    return render_page(
        request_,
        "documents/pdf_wait.html",
        {"copy": copy, "label": label(copy), "back_url": back_url},
    )
