"""A report's own history, read by the unit's pages and the review team's alike: every score
set or changed, from django-simple-history's records of `CriterionScore` (who, when, old, new),
and a word-by-word diff of two texts.
"""

import difflib
import re

from django.utils.translation import gettext as _

from .models import CriterionScore

SCORE_FIELDS = ["self_score", "review_score", "review_comment", "narrative"]
_TOKENS = re.compile(r"\n|[^\S\n]+|\S+")


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
