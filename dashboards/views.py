from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from criteria.models import CriteriaSet
from units.models import Unit


@login_required
def home(request):
    """Each role lands on its own work."""
    current_set = CriteriaSet.objects.order_by("-year").first()
    context = {"criteria_set": current_set}
    if request.user.is_reviewer and current_set:
        context["active_units"] = Unit.objects.active_in(current_set.year).count()
    return render(request, "dashboards/home.html", context)
