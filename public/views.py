"""Public pages: no login, no JavaScript, cacheable. They read `public.results` only."""

from functools import wraps

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from danvan.celery import QueueUnavailable
from documents import pdf
from ratings import decision_document
from units.models import Unit

from . import results

MAX_AGE = 300  # a published decision never changes; a new version shows within five minutes


def public_page(view):
    """GET only; shared caches may keep the page for anonymous readers, never for people who
    are logged in (their pages carry their name)."""

    @require_GET
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        elif "no-store" in response.get("Cache-Control", ""):
            pass  # a page that says "not ready yet" must not be kept by a shared cache
        else:
            patch_cache_control(response, public=True, max_age=MAX_AGE)
        return response

    return wrapper


@public_page
def index(request):
    decisions = [(d, results.class_counts(d)) for d in results.published_decisions()]
    return render(request, "public/index.html", {"decisions": decisions})


@public_page
def year(request, year):
    decision = results.decision_of(year)
    if decision is None:
        raise Http404
    query = request.GET.get("q", "")[:100]
    return render(
        request,
        "public/year.html",
        {
            "decision": decision,
            "counts": results.class_counts(decision),
            "groups": results.groups_of(decision, query),
            "query": query,
        },
    )


@public_page
def decision_pdf(request, year):
    """The decision as signed, in PDF: made once per content by the worker (documents.pdf),
    never inside this request; until it is ready, 202 and a page that reloads by itself
    (not cached, unlike the other public pages)."""
    decision = results.decision_of(year)
    if decision is None:
        raise Http404
    try:
        copy = pdf.request(
            "decision",
            decision_document.context(decision),
            decision_document.decision_docx(decision),
        )
    except QueueUnavailable:
        copy = None
    if copy is None or copy.status != copy.Status.DONE:
        response = render(request, "public/pdf_wait.html", {"decision": decision}, status=202)
        response["Retry-After"] = "5"
        response["Cache-Control"] = "no-store"
        return response
    with copy.pdf.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="quyet-dinh-{decision.year}.pdf"'
    return response


@public_page
def unit(request, code):
    unit = get_object_or_404(Unit, code=code)
    history = results.unit_history(unit)
    if not history:
        raise Http404  # a unit never rated in a published decision has no public page
    return render(request, "public/unit.html", {"unit": unit, "history": history})
