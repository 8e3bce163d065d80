"""Each role's home page and the read-only dashboards: the province at a glance, and one unit."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from campaigns.forms import PeriodReportForm
from campaigns.models import CampaignPeriod
from campaigns.summary import period_summary
from criteria.models import CriteriaSet
from danvan.access import get_for_request, reviewer_required
from danvan.listing import paginate, query_string
from danvan.xlsx_writer import xlsx_response
from reports.models import AnnualReport
from units.models import Unit

from . import classes, periods, stats, waiting
from .charts import Chart, Series, workbook


@login_required
def home(request):
    """Each role lands on its own work: what waits for them first, then their sections."""
    current_set = CriteriaSet.objects.current(request.user)
    context = {
        "criteria_set": current_set,
        "waiting": waiting.for_user(request.user, current_set),
    }
    if request.user.is_reviewer and current_set:
        context["active_units"] = Unit.objects.rated_in(current_set.year).count()
    return render(request, "dashboards/home.html", context)


def province_charts(criteria_set, user):
    """Every section of the province dashboard, as charts and the figures around them."""
    year = criteria_set.year
    filing, summary = stats.filing_progress(criteria_set)
    lines = stats.criterion_lines(criteria_set)
    top, bottom = classes.unit_ranking(year, user) or stats.unit_ranking(year)
    return {
        "filing": filing,
        "summary": summary,
        "classes": classes.class_distribution(
            range(year - classes.YEARS_SHOWN + 1, year + 1), user
        ),
        "criteria": stats.criterion_averages(lines),
        "weakest": stats.weakest(lines),
        "models": stats.models_by_field(year),
        "top": top,
        "bottom": bottom,
    }


CHART_KEYS = ("filing", "classes", "criteria", "models", "top", "bottom")


@require_GET
@reviewer_required
def province(request, year=None):
    if year is None:
        criteria_set = CriteriaSet.objects.current(request.user)
        year = criteria_set.year if criteria_set else None
    else:
        criteria_set = get_object_or_404(CriteriaSet, year=year)
    context = {
        "year": year,
        "criteria_set": criteria_set,
        "periods": list(CampaignPeriod.objects.all()),
    }
    if criteria_set is not None:
        context.update(province_charts(criteria_set, request.user))
    return render(request, "dashboards/province.html", context)


@require_GET
@reviewer_required
def province_xlsx(request, year):
    criteria_set = get_object_or_404(CriteriaSet, year=year)
    sections = province_charts(criteria_set, request.user)
    title = _("Province overview %(year)s") % {"year": year}
    content = workbook([sections[key] for key in CHART_KEYS], title)
    return xlsx_response(content, f"tong-quan-tinh-{year}.xlsx")


def unit_charts(request, pk):
    """The unit (404 unless the user may see it), its history and one year's criteria."""
    unit = get_for_request(request, Unit.objects.select_related("group"), pk=pk)
    reports = AnnualReport.objects.restrict(request.user).filter(unit=unit)
    history = stats.unit_history(reports, classes.unit_results(unit, request.user))
    years = [row[0] for row in history.rows if row[1]]  # years with a report to compare
    year = _int(request.GET.get("year"))
    if year not in years:
        year = years[-1] if years else None
    context = {"unit": unit, "history": history, "years": years, "year": year}
    if year is not None:
        report = reports.select_related("criteria_set").get(criteria_set__year=year)
        lines = stats.criterion_lines(report.criteria_set)
        context["report"] = report
        context["criteria"] = stats.unit_criteria(report, lines)
    return context


@require_GET
@login_required
def unit(request, pk):
    return render(request, "dashboards/unit.html", unit_charts(request, pk))


@require_GET
@login_required
def unit_xlsx(request, pk):
    context = unit_charts(request, pk)
    charts = [context["history"]] + ([context["criteria"]] if "criteria" in context else [])
    title = context["unit"].name
    return xlsx_response(workbook(charts, title), f"tong-quan-{slugify(context['unit'].code)}.xlsx")


def period_per_year(period):
    """The campaigns summary's figures per year, drawn as a chart with its table."""
    per_year = period_summary(period)["per_year"]
    series = {
        _("Models registered"): [r["models"]["registered"] for r in per_year],
        _("Models recognised"): [r["models"]["recognised"] for r in per_year],
        _("Typical examples commended"): [
            r["examples"]["collectives"] + r["examples"]["persons"] for r in per_year
        ],
        _("Awards"): [r["awards"]["total"] for r in per_year],
    }
    return Chart(
        key="per-year",
        title=_("Models, typical examples and awards per year"),
        sheet=_("Per year"),
        labels=[r["year"] for r in per_year],
        series=[Series(name, values) for name, values in series.items()],
        columns=[_("Year"), *series],
        rows=[[r["year"], *cells] for r, *cells in zip(per_year, *series.values(), strict=True)],
    )


@require_GET
@reviewer_required
def period(request, pk):
    """A campaign period with what campaigns cannot know: each unit's indicator totals."""
    period = get_object_or_404(CampaignPeriod, pk=pk)
    years = period.years
    columns = periods.indicators(years)
    units = periods.indicator_totals(years, columns).search(request.GET.get("q", ""))
    order, sort = periods.ordering(periods.sort_fields(columns), request.GET.get("sort", "name"))
    page = paginate(request, units.order_by(*order))
    return render(
        request,
        "dashboards/period.html",
        {
            "period": period,
            "report_form": PeriodReportForm(),
            "per_year": period_per_year(period),
            "classes": classes.class_distribution(years, request.user),
            "columns": columns,
            "page_obj": page,
            "lines": [(unit, periods.row(unit, columns)[3:]) for unit in page],
            "sort": sort,
            "q": request.GET.get("q", ""),
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
        },
    )


@require_GET
@reviewer_required
def period_docx(request, pk):
    period = get_object_or_404(CampaignPeriod, pk=pk)
    response = HttpResponse(
        periods.full_docx(period, request.user, *PeriodReportForm(request.GET).choice()),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="tong-hop-day-du-{period.code}.docx"'
    return response


@require_GET
@reviewer_required
def period_xlsx(request, pk):
    period = get_object_or_404(CampaignPeriod, pk=pk)
    years = period.years
    columns = periods.indicators(years)
    units = periods.indicator_totals(years, columns).order_by("code")
    charts = [
        period_per_year(period),
        classes.class_distribution(years, request.user),
        periods.totals_chart(units, columns, years),
    ]
    title = f"{period.name} ({years[0]}-{years[-1]})"
    return xlsx_response(workbook(charts, title), f"tong-hop-{slugify(period.code)}.xlsx")


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
