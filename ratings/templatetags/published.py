"""An accepted report's class as the province published it, for the report's own page.

The report page belongs to `reports`, which never reads the ratings; the page asks this tag,
so the dependency stays a template's and data still flows report -> rating.
"""

from django import template

from ratings.models import Decision, UnitResult
from ratings.results import tier_names

register = template.Library()


@register.inclusion_tag("ratings/_published_class.html")
def published_class(report, forecast=None):
    """The class and rank of the year's latest published decision, or the forecast (the
    review total through the year's thresholds, before bonus, penalty, vetoes and quota)."""
    decision = Decision.objects.latest_for(report.year)
    result = None
    if decision is not None:
        result = (
            UnitResult.objects.filter(run_id=decision.run_id, unit_id=report.unit_id)
            .select_related("run")
            .first()
        )
    name = ""
    if result is not None and result.classified:
        name = tier_names(result.run).get(result.tier_code, result.tier_code)
    return {"decision": decision, "result": result, "name": name, "forecast": forecast}
