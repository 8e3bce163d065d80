"""What the report pages show, read in a fixed number of queries whatever the report's size.

`ReportPage` gathers the criteria with their scores and files, the indicators with last year's
values and the consistency warnings, the running total and the class it would give. The edit
form and the read-only view both render it.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q

from campaigns import services as campaign_services
from criteria import rulebook, rules

from . import figures
from .figures import broken_rules
from .models import AnnualReport, CriterionScore, Evidence, IndicatorValue

# The criterion under which the unit's Dân vận khéo models of the year are listed (docs/rules.md:
# criterion 8, emulation movements and "Dân vận khéo").
MODELS_CRITERION_NUMBER = 8


@dataclass
class CriterionPart:
    score: CriterionScore
    files: list = field(default_factory=list)
    form: object = None
    models: list | None = None
    marks: list = field(default_factory=list)

    @property
    def criterion(self):
        return self.score.criterion


@dataclass
class IndicatorRow:
    value: IndicatorValue
    last_year: object = None
    field: object = None

    @property
    def indicator(self):
        return self.value.indicator


@dataclass
class ReportPage:
    report: AnnualReport
    parts: list
    indicators: list
    general_files: list
    broken: list
    total: object
    provisional_class: object
    max_total: object
    review_total: object = None
    review_class: object = None
    last_year_total: object = None
    last_year_scores: list = field(default_factory=list)

    @property
    def warnings(self):
        return [item.text for item in self.broken]

    def marks(self):
        return figures.marks(self.broken, [row.indicator.code for row in self.indicators])

    def score_marks(self):
        return figures.score_marks(self.broken, [part.score.criterion_id for part in self.parts])


def warning_fragments(report, values=None, scores=None):
    """After a figure or a self-score is saved: the warnings above the indicators, the mark
    beside each indicator (cleared where no rule breaks) and beside each self-score. `values`
    (with their indicators) and `scores`: the saved rows, when the caller has them."""
    values = list(report.indicators.select_related("indicator") if values is None else values)
    scores = list(report.scores.all() if scores is None else scores)
    broken = broken_rules(report, values, scores)
    return {
        "warnings": [item.text for item in broken],
        "marks": figures.marks(broken, [v.indicator.code for v in values]),
        "score_marks": figures.score_marks(broken, [s.criterion_id for s in scores]),
    }


def running_total(report, scores=None):
    """(total of self-scores, the class it would give, the maximum) for the report's header;
    `scores` (with their criteria), when the caller has them."""
    if scores is None:
        scores = list(report.scores.select_related("criterion"))
    total = rules.self_total(scores)
    tier = rules.class_for(total, rulebook.of(report.criteria_set).tiers)
    return total, tier, sum((s.criterion.max_points for s in scores), 0)


def _this_and_last_year(rows, report, with_last=True):
    """Rows of `report` and of the unit's report of the year before, in one query; split.
    With `with_last=False` this year's rows alone (and no list of last year's)."""
    if not with_last:
        rows = list(rows.filter(report=report))
        for row in rows:
            row.report = report
        return rows, []
    rows = rows.filter(
        Q(report=report)
        | Q(report__unit_id=report.unit_id, report__criteria_set__year=report.year - 1)
    )
    this, last = [], []
    for row in rows:
        if row.report_id == report.pk:
            row.report = report
            this.append(row)
        else:
            last.append(row)
    return this, last


def build_page(report, with_models=True, with_items=True, with_last_year_scores=True):
    """The page of `report`: this year's rows read together with last year's (one query for the
    scores, one for the indicators), the rules read once. `with_last_year_scores=False` for a
    page that shows last year's indicator values but not its scores (the read-only view): the
    scores query then reads this year's rows alone and `last_year_scores` stays empty."""
    scores = CriterionScore.objects.select_related("criterion")
    if with_last_year_scores:
        # Last year's rows carry their report's state: year_over_year.last_year reads it.
        scores = scores.annotate(report_state=F("report__state"))
    if with_items:
        scores = scores.prefetch_related("criterion__items")
    scores, last_scores = _this_and_last_year(
        scores.order_by("criterion__order", "criterion__number"), report, with_last_year_scores
    )
    values, last_values = _this_and_last_year(
        IndicatorValue.objects.select_related("indicator__criterion").order_by(
            "indicator__order", "indicator__code"
        ),
        report,
    )
    last_values = {v.indicator.code: v.value for v in last_values}
    last_total = None
    if any(s.self_score is not None for s in last_scores):
        last_total = rules.self_total(last_scores)
    files = list(report.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk"))
    by_criterion = {}
    general_files = []
    for evidence in files:
        if evidence.criterion_id is None:
            general_files.append(evidence)
        else:
            by_criterion.setdefault(evidence.criterion_id, []).append(evidence)
    models = None
    if with_models and any(s.criterion.number == MODELS_CRITERION_NUMBER for s in scores):
        models = list(campaign_services.unit_models(report.unit, report.year))
    parts = [
        CriterionPart(
            score=s,
            files=by_criterion.get(s.criterion_id, []),
            models=models if s.criterion.number == MODELS_CRITERION_NUMBER else None,
        )
        for s in scores
    ]
    total = rules.self_total(scores)
    review_total = rules.review_total(scores)
    tiers = rulebook.of(report.criteria_set).tiers
    return ReportPage(
        report=report,
        parts=parts,
        indicators=[IndicatorRow(v, last_values.get(v.indicator.code)) for v in values],
        general_files=general_files,
        broken=broken_rules(report, values, scores),
        total=total,
        provisional_class=rules.class_for(total, tiers),
        review_total=review_total,
        review_class=rules.class_for(review_total, tiers),
        max_total=sum((s.criterion.max_points for s in scores), 0),
        last_year_total=last_total,
        last_year_scores=last_scores,
    )


def files_of(report, criterion):
    """The evidence list of one criterion (or the general files), after an upload or delete."""
    return list(
        Evidence.objects.filter(report=report, criterion=criterion)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
