"""Last year beside this year: each criterion's scores and narrative of the unit's previous
report, and whether this year's narrative is nearly a copy of last year's.

"Nearly the same" means: this year's text has at least `MIN_WORDS` words and at least
`NEARLY_SAME` (90 %) of the words of both texts match in order (difflib's ratio over words).
It is a signal for the reviewer, never a rule: nothing is refused for it.
"""

import difflib
import re
from dataclasses import dataclass

from .history import word_diff
from .models import CriterionScore, IndicatorValue, ReportState

NEARLY_SAME = 0.9
MIN_WORDS = 15
_WORDS = re.compile(r"\w+", re.UNICODE)


@dataclass
class LastYear:
    year: int
    self_score: object
    final_score: object  # the review team's score, once last year's report was accepted
    narrative: str
    this_year: str = ""

    @property
    def nearly_same(self):
        return nearly_same(self.narrative, self.this_year)

    @property
    def diff(self):
        return word_diff(self.narrative, self.this_year)


def nearly_same(old, new):
    old_words = [w.lower() for w in _WORDS.findall(old or "")]
    new_words = [w.lower() for w in _WORDS.findall(new or "")]
    if len(new_words) < MIN_WORDS:
        return False
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    return matcher.ratio() >= NEARLY_SAME


def last_year(report, scores, previous=None):
    """Attach `.last_year` (a LastYear or None) to each of `scores` (this report's criterion
    scores), matching last year's criteria by number. `previous`: last year's scores with their
    criteria and `report_state`, when the caller read them; otherwise one query."""
    if previous is None:
        rows = CriterionScore.objects.filter(
            report__unit_id=report.unit_id, report__criteria_set__year=report.year - 1
        ).values("criterion__number", "self_score", "review_score", "narrative", "report__state")
    else:
        rows = [
            {
                "criterion__number": s.criterion.number,
                "self_score": s.self_score,
                "review_score": s.review_score,
                "narrative": s.narrative,
                "report__state": s.report_state,
            }
            for s in previous
        ]
    previous = {
        row["criterion__number"]: LastYear(
            year=report.year - 1,
            self_score=row["self_score"],
            final_score=row["review_score"]
            if row["report__state"] == ReportState.ACCEPTED
            else None,
            narrative=row["narrative"],
        )
        for row in rows
    }
    for score in scores:
        found = previous.get(score.criterion.number)
        if found is not None:
            found = LastYear(**{**found.__dict__, "this_year": score.narrative})
        score.last_year = found
    return scores


def last_year_values(report):
    """{indicator code: value} of the unit's report of the year before. One query."""
    return dict(
        IndicatorValue.objects.filter(
            report__unit_id=report.unit_id, report__criteria_set__year=report.year - 1
        ).values_list("indicator__code", "value")
    )


def last_year_indicators(report, values):
    """Attach `.last_year` and `.change` (this year minus last) to each IndicatorValue of
    `values`, by indicator code. One query."""
    previous = last_year_values(report)
    for value in values:
        value.last_year = previous.get(value.indicator.code)
        both = value.value is not None and value.last_year is not None
        value.change = value.value - value.last_year if both else None
    return values
