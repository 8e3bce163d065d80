"""The classification rules of docs/rules.md, applied to a whole year at once.

`load_lines` reads everything with a handful of grouped queries (never a query per unit);
`classify` then applies the year's rules, taken from the snapshot `rules_snapshot` wrote, in
memory. Nothing here writes to the database.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from math import floor

from django.db.models import Case, Count, DecimalField, F, Max, Q, Sum, When

from campaigns.models import RecognitionLevel
from campaigns.services import recognised_model_counts
from criteria import rules as year_rules
from reports.models import AnnualReport, CriterionScore, ReportState
from units.models import Unit

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money(value):
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Line:
    """One unit's computation; becomes a `UnitResult` row."""

    unit_id: int
    code: str
    group_id: int | None
    report_id: int | None = None
    classified: bool = False
    unclassified_reason: str = ""
    scores: dict = field(default_factory=dict)
    criteria_total: Decimal = ZERO
    bonus: Decimal = ZERO
    penalty: Decimal = ZERO
    total: Decimal = ZERO
    below_full: int = 0
    weak: list = field(default_factory=list)
    violation_flagged: bool = False
    violation_reason: str = ""
    submitted_at: datetime | None = None
    tier: dict | None = None
    capped: bool = False
    vetoed_weak: bool = False
    rank: int | None = None

    @property
    def quota_key(self):
        """The quota's order (criteria.rules.quota_key); the code only keeps equal lines
        stable."""
        return (*year_rules.quota_key(self.total, self.below_full, self.submitted_at), self.code)

    @property
    def rank_key(self):
        """Rank within the group: final class first, then the quota's order."""
        return year_rules.rank_key(
            self.tier["order"], self.total, self.below_full, self.submitted_at
        )


def rules_snapshot(criteria_set):
    """The rules of the year as plain data, stored on the run and used to classify it."""
    criteria = list(
        criteria_set.criteria.order_by("order", "number").values(
            "id", "number", "title", "max_points"
        )
    )
    tiers = list(
        criteria_set.tiers.order_by("order").values(
            "code", "name", "min_total", "order", "is_top", "is_violation_cap"
        )
    )
    return {
        "criteria_set_id": criteria_set.pk,
        "year": criteria_set.year,
        "criteria": [{**c, "max_points": str(c["max_points"])} for c in criteria],
        "tiers": [{**t, "min_total": str(t["min_total"])} for t in tiers],
        "total_points": str(criteria_set.total_points),
        "bonus_per_model": str(criteria_set.bonus_per_model),
        "bonus_max": str(criteria_set.bonus_max),
        "bonus_min_level": criteria_set.bonus_min_level,
        "late_penalty": str(criteria_set.late_penalty),
        "veto_min_ratio": str(criteria_set.veto_min_ratio),
        "quota_ratio": str(criteria_set.quota_ratio),
        "quota_min": criteria_set.quota_min,
        "submission_deadline": criteria_set.submission_deadline.isoformat(),
    }


def load_lines(criteria_set, rules):
    """Read the year in grouped queries and return one `Line` per unit with totals filled."""
    year = criteria_set.year
    lines = {
        pk: Line(unit_id=pk, code=code, group_id=group_id)
        for pk, code, group_id in Unit.objects.rated_in(year).values_list("pk", "code", "group_id")
    }
    # Units that are not evaluated are left out even when they filed (docs/rules.md).
    reports = AnnualReport.objects.filter(
        criteria_set=criteria_set, unit__is_evaluated=True
    ).values_list(
        "pk",
        "unit_id",
        "state",
        "is_late",
        "violation_flagged",
        "violation_reason",
        "first_submitted_at",
        "submitted_at",
    )
    accepted = {}
    for pk, unit_id, state, late, flagged, reason, first_at, last_at in reports:
        line = lines.get(unit_id)
        if line is None:  # a unit that reported although no longer active: keep it listed
            line = lines[unit_id] = Line(unit_id=unit_id, code="", group_id=None)
        line.report_id = pk
        if state != ReportState.ACCEPTED:
            line.unclassified_reason = "not_accepted" if first_at else "not_submitted"
            continue
        line.classified = True
        line.violation_flagged, line.violation_reason = flagged, reason
        line.submitted_at = first_at or last_at
        line.penalty = money(rules["late_penalty"]) if late else ZERO
        accepted[pk] = line
    missing = [pk for pk, line in lines.items() if not line.code]
    for pk, code, group_id in Unit.objects.filter(pk__in=missing).values_list(
        "pk", "code", "group_id"
    ):
        lines[pk].code, lines[pk].group_id = code, group_id
    for line in lines.values():
        if line.report_id is None:
            line.unclassified_reason = "no_report"

    _add_scores(criteria_set, rules, accepted)
    _add_bonus(year, rules, lines)
    # Total = criteria + bonus - penalty, clamped to 0..the set's total points (100 by default).
    limit = Decimal(rules["total_points"])
    for line in accepted.values():
        line.total = money(
            year_rules.final_total(line.criteria_total, line.bonus, line.penalty, limit)
        )
    return list(lines.values())


def _add_scores(criteria_set, rules, accepted):
    """Final criterion scores of accepted reports: the review score, clamped to 0..max."""
    points = DecimalField(max_digits=6, decimal_places=2)
    clamped = year_rules.clamped_score("review_score")
    ratio = Decimal(rules["veto_min_ratio"])
    per_criterion = {
        f"c{c['id']}": Max(Case(When(criterion_id=c["id"], then=clamped), output_field=points))
        for c in rules["criteria"]
    }
    rows = (
        CriterionScore.objects.filter(
            report__criteria_set=criteria_set,
            report__state=ReportState.ACCEPTED,
            report__unit__is_evaluated=True,
            criterion__criteria_set=criteria_set,
        )
        .values("report_id")
        .annotate(
            criteria_total=Sum(clamped),
            full=Count("pk", filter=Q(review_score__gte=F("criterion__max_points"))),
            strong=Count("pk", filter=Q(review_score__gte=F("criterion__max_points") * ratio)),
            **per_criterion,
        )
        .order_by()
        .values_list("report_id", "criteria_total", "full", "strong", *per_criterion)
    )
    count = len(rules["criteria"])
    numbers = [str(c["number"]) for c in rules["criteria"]]
    # (number, lowest score that escapes the weak-criterion veto) per criterion, in row order.
    floors = [(c["number"], Decimal(c["max_points"]) * ratio) for c in rules["criteria"]]
    seen = set()
    for report_id, criteria_total, full, strong, *scores in rows.iterator(chunk_size=5000):
        line = accepted[report_id]
        seen.add(report_id)
        line.criteria_total = money(criteria_total)
        line.below_full = count - full
        scores = [(s or ZERO).quantize(CENT) for s in scores]
        line.scores = dict(zip(numbers, map(str, scores), strict=True))
        if strong < count:
            line.weak = [n for (n, floor), s in zip(floors, scores, strict=True) if s < floor]
    for pk, line in accepted.items():
        if pk not in seen:  # accepted without any score: every criterion counts as 0
            line.below_full = count
            line.scores = {str(c["number"]): "0.00" for c in rules["criteria"]}
            line.weak = [c["number"] for c in rules["criteria"]]


def _add_bonus(year, rules, lines):
    """Bonus for Dân vận khéo models recognised at the set's lowest level or higher."""
    per_model, cap = Decimal(rules["bonus_per_model"]), Decimal(rules["bonus_max"])
    levels = RecognitionLevel.at_least(rules["bonus_min_level"])
    for unit_id, by_level in recognised_model_counts(year).items():
        n = sum(count for level, count in by_level.items() if level in levels)
        line = lines.get(unit_id)
        if line is not None and line.classified:
            line.bonus = money(min(per_model * n, cap))


def classify(lines, rules):
    """Classes, vetoes, the per-group quota and ranks, in place (docs/rules.md, default rules)."""
    tiers = sorted(rules["tiers"], key=lambda t: t["order"])
    if not tiers:
        return lines
    cap_tier = next((t for t in tiers if t["is_violation_cap"]), tiers[-1])

    def tier_for(total, allow_top=True):
        return year_rules.class_for(total, tiers, allow_top)

    ratio = Decimal(rules["veto_min_ratio"])
    for line in lines:
        if not line.classified:
            continue
        line.tier = tier_for(line.total)
        # Veto: no top class while any criterion is below the set share of its maximum.
        if line.tier["is_top"] and line.weak and ratio > 0:
            line.tier = tier_for(line.total, allow_top=False)
            line.vetoed_weak = True
        # Veto: a serious violation caps the class, with the reason recorded.
        if line.violation_flagged and line.tier["order"] < cap_tier["order"]:
            line.tier = cap_tier

    groups = {}
    for line in lines:
        if line.classified:
            groups.setdefault(line.group_id, []).append(line)
    quota_ratio, quota_min = Decimal(rules["quota_ratio"]), rules["quota_min"]
    for members in groups.values():
        members.sort(key=lambda line: line.quota_key)
        # Quota: at most this share of the group's classified units, rounded down, at least n.
        quota = max(quota_min, floor(quota_ratio * len(members)))
        top = [line for line in members if line.tier["is_top"]]
        for line in top[quota:]:
            line.tier = tier_for(line.total, allow_top=False)
            line.capped = True
        # Ranks follow the final class, then the quota's order (docs/rules.md, Rank).
        members.sort(key=lambda line: (line.rank_key, line.code))
        for line, rank in zip(
            members, year_rules.ranks([m.rank_key for m in members]), strict=True
        ):
            line.rank = rank
    return lines


def fingerprint(lines):
    """A digest of the outcome: two runs with the same digest gave the same result."""
    data = sorted(
        (
            line.unit_id,
            line.tier["code"] if line.tier else "",
            str(line.total),
            line.rank,
            line.capped,
            list(line.scores.values()),
            line.unclassified_reason,
        )
        for line in lines
    )
    return hashlib.sha256(json.dumps(data, default=str).encode()).hexdigest()
