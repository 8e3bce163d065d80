import pytest
from django.utils import timezone

from reports.models import AnnualReport


def form_data(form):
    """What the browser would post back for an unchanged form, as a dict."""
    data = {}
    for bound in form:
        value = bound.value()
        if bound.widget_type == "checkbox":
            if value:
                data[bound.html_name] = "on"
            continue
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        data[bound.html_name] = "" if value is None else value
    return data


def page_data(response):
    """The POST body of an edit page as it was rendered: its form and its formset."""
    data = {}
    if response.context.get("form") is not None:
        data.update(form_data(response.context["form"]))
    formset = response.context.get("formset")
    if formset is not None:
        data.update(form_data(formset.management_form))
        for form in formset.forms:
            data.update(form_data(form))
    return data


@pytest.fixture
def submitted_report(criteria_set, unit_a):
    """A report of the set's year that has been submitted once: the set is now locked."""
    return AnnualReport.objects.create(
        unit=unit_a, criteria_set=criteria_set, first_submitted_at=timezone.now()
    )
