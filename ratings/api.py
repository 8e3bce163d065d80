"""Read-only JSON of the published classification, for other government systems.

    GET /api/v1/years/<year>/classification/
    Authorization: Token <key>        (or: Bearer <key>)

Only the latest published decision is served, never an unpublished run.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import results
from .models import ApiToken, Decision


def _token(request):
    header = request.headers.get("Authorization", "")
    scheme, _space, key = header.partition(" ")
    if scheme.lower() not in ("token", "bearer"):
        return None
    return ApiToken.authenticate(key.strip())


def _error(status, message):
    response = JsonResponse({"detail": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Token realm="danvan"'
    return response


@require_GET
def classification(request, year):
    if _token(request) is None:
        return _error(401, _("A valid API token is required: Authorization: Token <key>."))
    decision = Decision.objects.select_related("run").filter(year=year).order_by("-version")
    decision = decision.first()
    if decision is None:
        return _error(404, _("No classification of %(year)s has been published.") % {"year": year})
    run = decision.run
    groups = results.by_group(run)
    numbers = results.criterion_numbers(run)
    return JsonResponse(
        {
            "year": year,
            "decision": {
                "number": decision.number,
                "date": decision.date.isoformat(),
                "version": decision.version,
                "signer": decision.signer_name,
                "published_at": decision.published_at.isoformat(),
            },
            "run": {"id": run.pk, "finished_at": run.finished_at.isoformat()},
            "classes": [
                {"code": t["code"], "name": t["name"], "min_total": t["min_total"]}
                for t in run.rules.get("tiers", [])
            ],
            "groups": [
                {
                    "code": g.group.code if g.group else None,
                    "name": g.name,
                    "units": [_unit(r, numbers) for r in g.classified + g.unclassified],
                }
                for g in groups
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _unit(result, numbers):
    return {
        "code": result.unit.code,
        "name": result.unit.name,
        "classified": result.classified,
        "class": result.tier_code or None,
        "class_name": result.tier_name or None,
        "rank": result.rank,
        "total": str(result.total) if result.classified else None,
        "bonus": str(result.bonus),
        "penalty": str(result.penalty),
        "scores": {n: result.scores.get(n) for n in numbers} if result.classified else {},
        "capped_by_quota": result.capped,
        "weak_criteria": result.weak_criteria,
        "violation": result.violation or None,
        "unclassified_reason": result.unclassified_reason or None,
    }
