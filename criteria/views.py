from django.shortcuts import get_object_or_404, render

from accounts.permissions import reviewer_required

from .models import CriteriaSet


@reviewer_required
def set_list(request):
    return render(request, "criteria/set_list.html", {"sets": CriteriaSet.objects.all()})


@reviewer_required
def set_detail(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    return render(
        request,
        "criteria/set_detail.html",
        {
            "criteria_set": criteria_set,
            "criteria": criteria_set.criteria.prefetch_related("items"),
            "tiers": criteria_set.tiers.all(),
            "indicators": criteria_set.indicators.select_related("criterion"),
            "rules": criteria_set.rules.all(),
        },
    )
