"""The scoring rules of a year, in one place (docs/rules.md, Totals and classes).

Every page that shows a total or a class and the yearly classification call these functions:
the filing preview, the review screen, the board, the dashboards and `ratings.classify`. The
rules' figures (thresholds, maximum points, ratios) are data of the year's criteria set; a tier
may be a `ClassTier` or the plain dict a classification run keeps in its snapshot.
"""

from datetime import UTC, datetime
from decimal import Decimal

from django.db.models import Case, DecimalField, F, Sum, Value, When
from django.db.models.functions import Greatest, Least

ZERO = Decimal("0")
FAR_FUTURE = datetime.max.replace(tzinfo=UTC)
POINTS = DecimalField(max_digits=8, decimal_places=2)


def _get(tier, name):
    return tier[name] if isinstance(tier, dict) else getattr(tier, name)


def clamp(value, maximum):
    """A score or total never goes below 0 or above its maximum."""
    return min(max(value or ZERO, ZERO), Decimal(maximum))


def class_for(total, tiers, allow_top=True):
    """The best class whose minimum the total reaches (tiers best first by `order`); the last
    class when none is reached. `allow_top=False` skips the top class (the weak-criterion veto
    and the quota)."""
    ordered = sorted(tiers, key=lambda t: _get(t, "order"))
    for tier in ordered:
        if (allow_top or not _get(tier, "is_top")) and total >= Decimal(_get(tier, "min_total")):
            return tier
    return ordered[-1] if ordered else None


def self_total(scores):
    """Sum of the self-scores given so far (each within 0..its criterion's maximum)."""
    return sum(
        (clamp(s.self_score, s.criterion.max_points) for s in scores if s.self_score is not None),
        ZERO,
    )


def review_total(scores):
    """Sum of the review team's final criterion scores, each clamped to 0..its maximum."""
    return sum(
        (
            clamp(s.review_score, s.criterion.max_points)
            for s in scores
            if s.review_score is not None
        ),
        ZERO,
    )


def final_total(criteria_total, bonus, penalty, limit):
    """Criteria + bonus - penalty, clamped to 0..the set's total points."""
    return clamp(criteria_total + bonus - penalty, limit)


def clamped_score(field, prefix=""):
    """The database expression of one criterion's score clamped to 0..its maximum, empty while
    the score is not given; `prefix` reaches the score from another model ("scores__")."""
    return Case(
        When(
            **{f"{prefix}{field}__isnull": False},
            then=Least(
                Greatest(F(prefix + field), Value(ZERO), output_field=POINTS),
                F(prefix + "criterion__max_points"),
                output_field=POINTS,
            ),
        ),
        default=None,
        output_field=POINTS,
    )


def score_sums(prefix=""):
    """`self_total` and `review_total` as aggregates over score rows, the database twin of
    `self_total()` and `review_total()`; empty (None) while no score of the kind is given."""
    return {
        "self_total": Sum(clamped_score("self_score", prefix)),
        "review_total": Sum(clamped_score("review_score", prefix)),
    }


def quota_key(total, below_full, submitted_at):
    """The quota's order: higher total, then fewer criteria below full marks, then earlier
    submission (docs/rules.md, Quota)."""
    return (-total, below_full, submitted_at or FAR_FUTURE)


def rank_key(tier_order, total, below_full, submitted_at):
    """Rank within a group: the final class first (a unit capped for a violation ranks after
    every unit of a better class), then the quota's order."""
    return (tier_order, *quota_key(total, below_full, submitted_at))


def ranks(keys):
    """Competition ranks (1, 2, 2, 4) for keys already sorted; equal keys share a rank."""
    result, rank, previous = [], 0, object()
    for position, key in enumerate(keys, start=1):
        if key != previous:
            rank, previous = position, key
        result.append(rank)
    return result
