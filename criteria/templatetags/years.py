"""The year switch: every page that shows a year links to the same page of the other years."""

from django import template
from django.urls import reverse

from criteria.models import CriteriaSet, YearState

register = template.Library()


@register.inclusion_tag("criteria/_year_switch.html")
def year_switch(year, url_name, *args, started=False):
    """Links to `url_name` for every year that has a criteria set, `year` marked as shown.

    `args` come before the year in the URL (none for the board or the dashboards); `started`
    leaves out the years still being prepared, which units do not see."""
    sets = CriteriaSet.objects.order_by("-year")
    if started:
        sets = sets.exclude(state=YearState.PREPARED)
    sets = sets.values_list("year", "state")
    labels = dict(CriteriaSet._meta.get_field("state").flatchoices)
    return {
        "year": year,
        "years": [
            {
                "year": y,
                "state": labels[state],
                "url": reverse(url_name, args=[*args, y]),
                "current": y == year,
            }
            for y, state in sets
        ],
    }
