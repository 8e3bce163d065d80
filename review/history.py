"""A report's history for the review team: the timeline of moves and score changes, and what
changed between two submissions.

State changes come from `ReportEvent`; score changes from django-simple-history's records of
`CriterionScore` (who, when, old, new). Submissions are compared from `ReportSnapshot`.
"""

from reports.history import score_changes, word_diff
from reports.models import EVENT_LABELS, AnnualReport
from reports.services import GENERAL_FIELDS


def timeline(report):
    """Everything that happened to the report, newest first, as dicts for the template."""
    items = [
        {
            "at": event.at,
            "who": event.actor,
            "kind": "event",
            "action": EVENT_LABELS.get(event.action, event.action),
            "from_state": event.get_from_state_display() if event.from_state else "",
            "to_state": event.get_to_state_display() if event.to_state else "",
            "comment": event.comment,
        }
        for event in report.events.select_related("actor")
    ]
    items.extend(score_changes(report))
    items.sort(key=lambda item: item["at"], reverse=True)
    return items


def diff_snapshots(older, newer):
    """What changed between two submissions: general parts, criteria and indicators."""
    a, b = older.content, newer.content
    general = []
    for name in GENERAL_FIELDS:
        old, new = a["general"].get(name, ""), b["general"].get(name, "")
        if old != new:
            label = AnnualReport._meta.get_field(name).verbose_name
            general.append({"label": label, "ops": word_diff(old, new)})
    titles = dict(older.report.criteria_set.criteria.values_list("number", "title"))
    criteria = []
    for number in sorted(set(a["scores"]) | set(b["scores"]), key=int):
        old = a["scores"].get(number, {})
        new = b["scores"].get(number, {})
        text_changed = old.get("narrative", "") != new.get("narrative", "")
        score_changed = old.get("self_score") != new.get("self_score")
        if text_changed or score_changed:
            criteria.append(
                {
                    "number": number,
                    "title": titles.get(int(number), ""),
                    "ops": word_diff(old.get("narrative", ""), new.get("narrative", ""))
                    if text_changed
                    else None,
                    "old_score": old.get("self_score"),
                    "new_score": new.get("self_score"),
                    "score_changed": score_changed,
                }
            )
    names = dict(older.report.criteria_set.indicators.values_list("code", "name"))
    indicators = [
        {
            "code": code,
            "name": names.get(code, code),
            "old": a["indicators"].get(code),
            "new": b["indicators"].get(code),
        }
        for code in sorted(set(a["indicators"]) | set(b["indicators"]))
        if a["indicators"].get(code) != b["indicators"].get(code)
    ]
    return {"general": general, "criteria": criteria, "indicators": indicators}
