"""A year's rulebook (its classes and consistency rules), cached in each process.

Every autosave of a self-score shows the running total's class and the warnings of the rules
tied to self-scores; reading the year's classes and rules on each save costs two queries that
return the same rows all year. They are kept here per process, filed under the criteria set's
`rulebook_version`, which the request reads anyway with the set (joined to the report). Every
change of the set, its criteria, classes or rules gives the set a new `rulebook_version`
(`CriteriaSet.save` and the signals below), so the very next request of every process that reads
the set sees another version and reads the rulebook again.

Changes that bypass `save()` and `delete()` (`QuerySet.update`, `bulk_create`, raw SQL, a data
migration's historical models) must call `changed(criteria_set_id)` themselves.
"""

import uuid
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ClassTier, CriteriaSet, Criterion, IndicatorRule


@dataclass(frozen=True)
class Rulebook:
    """Shared by every request of the process: read it, never change its rows."""

    tiers: tuple  # ClassTier, best first
    rules: tuple  # IndicatorRule with its criterion, in their order

    def has_rule_tied_to(self, criterion_id):
        """Whether a rule applies only above a share of this criterion's self-score."""
        return any(rule.criterion_id == criterion_id for rule in self.rules)


# criteria set pk -> (rulebook_version, Rulebook); one entry per year, replaced on a change.
_books = {}


def of(criteria_set):
    """The rulebook of `criteria_set` as of its `rulebook_version` (read with the set)."""
    version = criteria_set.rulebook_version
    cached = _books.get(criteria_set.pk)
    if cached is not None and cached[0] == version:
        return cached[1]
    book = Rulebook(
        tiers=tuple(ClassTier.objects.filter(criteria_set_id=criteria_set.pk)),
        rules=tuple(
            IndicatorRule.objects.filter(criteria_set_id=criteria_set.pk).select_related(
                "criterion"
            )
        ),
    )
    _books[criteria_set.pk] = (version, book)
    return book


def forget():
    """Drop every cached rulebook (the tests do, since a rolled-back test restores versions)."""
    _books.clear()


def changed(criteria_set_id):
    """Give the set a new rulebook version: every process reads its rulebook again."""
    CriteriaSet.objects.filter(pk=criteria_set_id).update(rulebook_version=uuid.uuid4())


@receiver(post_save, sender=ClassTier)
@receiver(post_delete, sender=ClassTier)
@receiver(post_save, sender=IndicatorRule)
@receiver(post_delete, sender=IndicatorRule)
@receiver(post_save, sender=Criterion)
@receiver(post_delete, sender=Criterion)
def _part_changed(sender, instance, **kwargs):
    changed(instance.criteria_set_id)
