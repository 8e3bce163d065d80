"""Which consistency rules a report's figures break: the one reader for every page and export.

The rules and their evaluation live in `criteria.consistency`; this module reads a report's
indicator values and self-scores and hands them over, for one report (the form, the sign-off,
the review screen) or for every report of a year in four queries (the board filter, the results
page and the .xlsx exports).
"""

from collections import defaultdict
from collections.abc import Mapping

from criteria import consistency, rulebook

from .models import CriterionScore, IndicatorValue


def _rules(criteria_set):
    return list(rulebook.of(criteria_set).rules)


def broken_rules(report, values=None, scores=None):
    """The rules the report breaks (`consistency.Broken`: rule, text, codes). `values` are its
    IndicatorValue rows with their indicator, `scores` its CriterionScore rows; each is read
    when not given. Warnings never block saving; at submission each needs an explanation."""
    rules = _rules(report.criteria_set)
    if not rules:
        return []
    if values is None:
        values = report.indicators.select_related("indicator")
    if scores is None:
        scores = report.scores.all()
    values = list(values)
    return consistency.evaluate(
        rules,
        {v.indicator.code: v.value for v in values},
        {s.criterion_id: s.self_score for s in scores},
        indicators={v.indicator.code: v.indicator for v in values},
    )


class _IndicatorsByCode(Mapping):
    """{code: indicator} of the year, read on first use: only the wording of a broken rule that
    has no message of its own names its indicators, and on most pages no rule is broken."""

    def __init__(self, criteria_set):
        self.criteria_set = criteria_set
        self._by_code = None

    def _read(self):
        if self._by_code is None:
            self._by_code = {i.code: i for i in self.criteria_set.indicators.all()}
        return self._by_code

    def __getitem__(self, code):
        return self._read()[code]

    def __iter__(self):
        return iter(self._read())

    def __len__(self):
        return len(self._read())

    def __bool__(self):
        return True  # not read to answer `indicators or {}`


def broken_by_report(criteria_set, report_ids=None):
    """{report id: [Broken]} for the reports of the year that break a rule (all of them, or
    those of `report_ids`); reports whose figures agree are left out."""
    if report_ids is not None and not report_ids:
        return {}
    rules = _rules(criteria_set)
    if not rules:
        return {}
    # Unordered: they fill dictionaries (the scores' default order would join the criteria).
    values = IndicatorValue.objects.filter(report__criteria_set=criteria_set).order_by()
    scores = CriterionScore.objects.filter(report__criteria_set=criteria_set).order_by()
    if report_ids is not None:
        values = values.filter(report_id__in=report_ids)
        scores = scores.filter(report_id__in=report_ids)
    by_report = defaultdict(dict)
    for report_id, code, value in values.values_list("report_id", "indicator__code", "value"):
        by_report[report_id][code] = value
    self_scores = defaultdict(dict)
    for report_id, criterion_id, score in scores.values_list(
        "report_id", "criterion_id", "self_score"
    ):
        self_scores[report_id][criterion_id] = score
    indicators = _IndicatorsByCode(criteria_set)
    found = {}
    for report_id in by_report.keys() | self_scores.keys():
        broken = consistency.evaluate(
            rules, by_report[report_id], self_scores[report_id], indicators=indicators
        )
        if broken:
            found[report_id] = broken
    return found


def marks(broken, codes):
    """{indicator code: [warning texts]} for every code of `codes`, so each row of the form can
    show (or clear) its mark: a rule marks the indicators on either side that hold a figure."""
    found = {code: [] for code in codes}
    for item in broken:
        for code in item.codes:
            if code in found and item.text not in found[code]:
                found[code].append(item.text)
    return found


def score_marks(broken, criterion_ids):
    """{criterion id: [warning texts]}: the rules tied to each criterion's self-score."""
    found = {pk: [] for pk in criterion_ids}
    for item in broken:
        if item.criterion_id in found:
            found[item.criterion_id].append(item.text)
    return found
