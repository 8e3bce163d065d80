"""A report's history for the review team: the timeline of moves and score changes, and what
changed between two submissions.

State changes come from `ReportEvent`; score changes from django-simple-history's records of
`CriterionScore` (who, when, old, new). Submissions are compared from `ReportSnapshot`.
"""

import difflib
import re

from django.utils.translation import gettext as _

from .models import EVENT_LABELS, AnnualReport, CriterionScore
from .services import GENERAL_FIELDS

SCORE_FIELDS = ["self_score", "review_score", "review_comment", "narrative"]
_TOKENS = re.compile(r"\n|[^\S\n]+|\S+")


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


def score_changes(report, fields=SCORE_FIELDS):
    """One item per set or changed field of a criterion's score, from the simple-history
    records: the first value given is an item too (from nothing to the value), so a
    reviewer's first scores and a unit's first self-score are all there with who and when."""
    numbers = dict(report.scores.values_list("pk", "criterion__number"))
    records = (
        CriterionScore.history.filter(report_id=report.pk)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    labels = {name: CriterionScore._meta.get_field(name).verbose_name for name in fields}
    items, previous = [], {}
    for rec in records:
        before = previous.get(rec.id, _NOTHING)
        previous[rec.id] = rec
        score_changed = before.review_score != rec.review_score
        for name in fields:
            old, new = getattr(before, name), getattr(rec, name)
            if old == new or (name == "review_comment" and score_changed):
                continue  # a comment saved with a score shows with the score
            if name == "narrative":  # long text: say what happened, not the text
                old, new = (_("(text changed)"), "") if old else (None, _("(text written)"))
            items.append(
                {
                    "at": rec.history_date,
                    "who": rec.history_user,
                    "kind": "score",
                    "criterion": numbers.get(rec.id, "?"),
                    "name": name,
                    "field": labels[name],
                    "old": old,
                    "new": new,
                    "comment": rec.review_comment if name == "review_score" else "",
                }
            )
    return items


class _Nothing:
    """What a criterion's score holds before its first record: no score, no text."""

    self_score = review_score = None
    review_comment = narrative = ""


_NOTHING = _Nothing()


def word_diff(old, new):
    """[(tag, text)] with tag "equal", "delete" or "insert", word by word, keeping line breaks."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", "".join(b[j1:j2])))
    return ops


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
