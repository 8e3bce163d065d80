"""Checks across the rows of a set, shared by the edit pages and the Excel import.

Each function takes plain values and returns a list of messages, so the formsets and the
importer word the same rule the same way.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from danvan import formats


def points_total_errors(points, total):
    """The maximum points of the criteria add up to the set's total (domain: 100)."""
    if not points:
        return [_("A criteria set needs at least one criterion.")]
    subtotal = sum(points, Decimal("0"))
    if total is not None and subtotal != total:
        return [
            _(
                "The maximum points of the criteria add up to %(sum)s, but the set's total is "
                "%(total)s. Adjust the points or the total."
            )
            % {"sum": _number(subtotal), "total": _number(total)}
        ]
    return []


def duplicate_errors(values, message):
    """One message per value that appears more than once."""
    seen, errors = set(), []
    for value in values:
        if value in seen:
            errors.append(message % {"value": value})
        seen.add(value)
    return errors


def tier_errors(tiers, total=None):
    """Classes best first: `tiers` are dicts with order, name, min_total, is_top,
    is_violation_cap. Thresholds must fall strictly with the order, the last class must start at
    0 so every total gets a class, one class is the top one, at most one caps violations."""
    if not tiers:
        return [_("Define at least one class.")]
    errors = []
    ranked = sorted(tiers, key=lambda t: t["order"])
    errors += duplicate_errors(
        [t["order"] for t in ranked], _("Two classes have the same order %(value)s.")
    )
    for better, worse in zip(ranked, ranked[1:], strict=False):
        if worse["min_total"] >= better["min_total"]:
            errors.append(
                _(
                    "The class “%(worse)s” comes after “%(better)s” but its minimum total is not "
                    "lower. Order the classes from best to worst with falling minimum totals."
                )
                % {"worse": worse["name"], "better": better["name"]}
            )
    if ranked[-1]["min_total"] != 0:
        errors.append(
            _("The last class “%(name)s” must start at 0 so that every total gets a class.")
            % {"name": ranked[-1]["name"]}
        )
    if total is not None and ranked[0]["min_total"] > total:
        errors.append(
            _("The minimum total of “%(name)s” is above the set's total of %(total)s.")
            % {"name": ranked[0]["name"], "total": _number(total)}
        )
    tops = [t for t in ranked if t["is_top"]]
    if len(tops) != 1:
        errors.append(_("Mark exactly one class as the top class."))
    elif tops[0] is not ranked[0]:
        errors.append(_("The top class must be the first (best) class."))
    if sum(1 for t in ranked if t["is_violation_cap"]) > 1:
        errors.append(_("Mark at most one class as the highest class for a serious violation."))
    return errors


def item_points_errors(points, criterion_max):
    """The points of the sub-items of a criterion must not exceed the criterion's maximum."""
    given = [p for p in points if p is not None]
    if given and sum(given, Decimal("0")) > criterion_max:
        return [
            _("The sub-items add up to %(sum)s points, more than the criterion's %(max)s.")
            % {"sum": _number(sum(given, Decimal("0"))), "max": _number(criterion_max)}
        ]
    return []


def rule_code_errors(codes, known_codes):
    """A consistency rule may only name indicators of the same set."""
    unknown = [c for c in codes if c and c not in known_codes]
    if unknown:
        return [
            _("Unknown indicator code(s): %(codes)s. Use the codes of this set's indicators.")
            % {"codes": ", ".join(unknown)}
        ]
    return []


def _number(value):
    return formats.decimal(value) if isinstance(value, Decimal) else str(value)
