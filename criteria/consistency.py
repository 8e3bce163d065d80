"""The consistency rules of a year's figures: which ones a report breaks, and each in words.

One evaluator for every place that shows or counts warnings: the unit's form as each figure is
saved, the head's sign-off, the review screen, the board filter, the results page and the .xlsx
exports all reach `evaluate` (through `reports.services`). It is a pure computation over plain
values, so a data migration can call it with historical models too.

A rule compares the sum of its left indicators with the sum of its right indicators plus its
constant. A side whose indicators are all blank cannot be judged, so the rule holds until the
unit types figures on both sides: a warning is about figures that contradict, never about
figures not yet given. A rule tied to a criterion applies only while the self-score of that
criterion is above `score_above` % of its maximum.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from danvan import formats

ZERO = Decimal("0")


@dataclass
class Broken:
    """A rule the figures break: what to say, and the fields and criterion it concerns."""

    rule: object
    text: str
    left: Decimal
    right: Decimal
    codes: list = field(default_factory=list)  # indicators holding a figure on either side

    @property
    def pk(self):
        return self.rule.pk

    @property
    def criterion_id(self):
        return self.rule.criterion_id


def _sum(codes, values):
    given = [values[code] for code in codes if values.get(code) is not None]
    return sum(given, ZERO) if given else None


def applies(rule, self_scores, maxima):
    """A rule without a criterion always applies; one with a criterion while its self-score is
    above the share (`self_scores`: criterion id -> self-score, `maxima`: criterion id -> max)."""
    if rule.criterion_id is None:
        return True
    score = self_scores.get(rule.criterion_id)
    maximum = maxima.get(rule.criterion_id)
    if score is None or maximum is None:
        return False
    return Decimal(score) * 100 > Decimal(rule.score_above or 0) * Decimal(maximum)


def compare(rule, values):
    """(left, right) when the rule can be judged and does not hold, else None."""
    left = _sum(rule.left_code_list, values)
    right = _sum(rule.right_code_list, values)
    if rule.right_constant is not None:
        right = (right or ZERO) + Decimal(rule.right_constant)
    if left is None or right is None:
        return None
    tolerance = Decimal(rule.tolerance or 0)
    if rule.operator == "<=":
        holds = left <= right + tolerance
    elif rule.operator == ">=":
        holds = left >= right - tolerance
    else:
        holds = abs(left - right) <= tolerance
    return None if holds else (left, right)


def evaluate(rules, values, self_scores=None, maxima=None, indicators=None):
    """The rules broken by `values` (indicator code -> figure or None) with `self_scores`
    (criterion id -> self-score or None); `maxima` gives each criterion's maximum (read from
    the rules' criteria when omitted) and `indicators` (code -> indicator) names the figures
    in the warning's words."""
    self_scores = self_scores or {}
    if maxima is None:
        maxima = {r.criterion_id: r.criterion.max_points for r in rules if r.criterion_id}
    found = []
    for rule in rules:
        if not applies(rule, self_scores, maxima):
            continue
        outcome = compare(rule, values)
        if outcome is None:
            continue
        codes = [code for code in rule.codes if values.get(code) is not None]
        text = rule.message or statement(rule, indicators or {})
        found.append(Broken(rule, text, *outcome, codes=codes))
    return found


# --- In words ----------------------------------------------------------------------------------

OPERATOR_WORDS = {
    "==": lambda: _("equals"),
    "<=": lambda: _("is at most"),
    ">=": lambda: _("is at least"),
}


def _name(code, indicators, first=False):
    indicator = indicators.get(code)
    name = indicator.name if indicator is not None else code
    return name if first else name[:1].lower() + name[1:]


def _side(codes, indicators, first=False):
    if len(codes) == 1:
        return _name(codes[0], indicators, first)
    names = [_name(code, indicators) for code in codes]
    listed = _("%(names)s and %(last)s") % {"names": ", ".join(names[:-1]), "last": names[-1]}
    words = _("the sum of %(names)s") % {"names": listed}
    return words[:1].upper() + words[1:] if first else words


def _number(value, codes, indicators):
    """A constant with the unit of measure of the figures it is compared with ("95 %")."""
    text = formats.measure(Decimal(value))
    units = {indicators[c].unit_of_measure for c in codes if c in indicators}
    if len(units) == 1 and (unit := units.pop()):
        return f"{text}%" if unit == "%" else f"{text} {unit}"
    return text


def statement(rule, indicators):
    """The rule in one Vietnamese sentence, for the rules page and as its default warning:
    "Số đơn thư tiếp nhận bằng tổng của số đơn đã giải quyết, … (sai lệch cho phép 0)."
    `indicators` maps codes to the set's indicators (codes stand in for unknown ones)."""
    condition = ""
    if rule.criterion_id is not None:
        criterion = rule.criterion
        condition = _(
            "When the self-score of criterion %(number)s is above %(share)s of its maximum "
            "(%(points)s points), "
        ) % {
            "number": criterion.number,
            "share": formats.percent(Decimal(rule.score_above or 0) / 100),
            "points": formats.measure(criterion.max_points * Decimal(rule.score_above or 0) / 100),
        }
    left = _side(rule.left_code_list, indicators, first=not condition)
    right_parts = []
    if rule.right_code_list:
        right_parts.append(_side(rule.right_code_list, indicators))
    if rule.right_constant is not None:
        number = _number(rule.right_constant, rule.left_code_list, indicators)
        right_parts.append(number)
    right = _(" plus ").join(right_parts)
    sentence = _("%(left)s %(operator)s %(right)s (tolerance %(tolerance)s).") % {
        "left": left,
        "operator": OPERATOR_WORDS.get(rule.operator, OPERATOR_WORDS["=="])(),
        "right": right,
        "tolerance": formats.measure(Decimal(rule.tolerance or 0)),
    }
    return condition + sentence


def stated(criteria_set):
    """The set's rules, each with its sentence, in their order (the rules pages)."""
    indicators = {i.code: i for i in criteria_set.indicators.all()}
    return [
        (rule, statement(rule, indicators))
        for rule in criteria_set.rules.select_related("criterion")
    ]
