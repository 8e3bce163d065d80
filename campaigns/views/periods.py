"""Campaign periods and their summary page and .docx report."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from danvan.access import admin_required, reviewer_required

from .. import summary
from ..forms import PeriodForm, PeriodReportForm
from ..models import CampaignPeriod

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@reviewer_required
def period_list(request):
    return render(request, "campaigns/period_list.html", {"periods": CampaignPeriod.objects.all()})


@reviewer_required
def period_detail(request, pk):
    period = get_object_or_404(CampaignPeriod, pk=pk)
    return render(
        request,
        "campaigns/period_detail.html",
        {
            "period": period,
            "summary": summary.period_summary(period),
            "report_form": PeriodReportForm(),
        },
    )


@reviewer_required
def period_docx(request, pk):
    period = get_object_or_404(CampaignPeriod, pk=pk)
    issuer, form = PeriodReportForm(request.GET).choice()
    response = HttpResponse(summary.period_docx(period, issuer, form), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="tong-hop-{period.code}.docx"'
    return response


@admin_required
def period_create(request):
    return _edit(request, CampaignPeriod())


@admin_required
def period_edit(request, pk):
    return _edit(request, get_object_or_404(CampaignPeriod, pk=pk))


def _edit(request, period):
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        period = form.save()
        messages.success(request, _("The campaign period was saved."))
        return redirect("campaigns:period_detail", pk=period.pk)
    return render(request, "campaigns/period_form.html", {"form": form, "period": period})
