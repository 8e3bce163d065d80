"""Typical examples (điển hình): a unit's collectives and persons held up as exemplary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from danvan.access import get_for_request
from danvan.listing import paginate, query_string, sort_order

from .. import services
from ..forms import ExampleFilterForm, TypicalExampleForm
from ..models import TypicalExample

SORTS = {
    "name": "search_text",
    "unit": ("unit__code", "search_text"),
    "level": ("level", "search_text"),
    "commended_on": ("commended_on", "search_text"),
}


@login_required
def example_list(request):
    form = ExampleFilterForm(request.GET or None)
    examples = form.filter(TypicalExample.objects.restrict(request.user).select_related("unit"))
    ordering, sort = sort_order(request, SORTS, "-commended_on")
    return render(
        request,
        "campaigns/example_list.html",
        {
            "form": form,
            "page_obj": paginate(request, examples.order_by(*ordering, "pk")),
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
            "can_create": _may_record(request.user),
        },
    )


def _may_record(user):
    return user.is_unit_user or user.is_reviewer


@login_required
def example_create(request):
    if not _may_record(request.user):
        raise PermissionDenied
    return _edit(request, TypicalExample(created_by=request.user))


@login_required
def example_edit(request, pk):
    example = get_for_request(request, TypicalExample, pk=pk)
    if not _may_record(request.user):
        raise PermissionDenied
    return _edit(request, example)


def _edit(request, example):
    form = TypicalExampleForm(request.POST or None, instance=example, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_typical_example(form)
        except services.CampaignError as error:
            form.add_error("is_monthly_pick", error)
        else:
            messages.success(request, _("The typical example was saved."))
            return redirect("campaigns:example_list")
    return render(request, "campaigns/example_form.html", {"form": form, "example": example})
