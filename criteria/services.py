"""Rules for changing criteria sets: copying a year forward and refusing score-changing edits."""

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, record

from . import defaults
from .models import (
    ClassTier,
    CriteriaSet,
    Criterion,
    CriterionItem,
    Indicator,
    IndicatorRule,
    YearState,
)


class CriteriaLocked(Exception):
    """The set already has submitted reports; scores would change under them."""


class YearStateError(Exception):
    """A step of the year's calendar that is not allowed from its present state."""


class CriteriaInUse(CriteriaLocked):
    """A criterion or indicator to be removed already has scores or values in reports."""


def model_map():
    return {
        "CriteriaSet": CriteriaSet,
        "Criterion": Criterion,
        "ClassTier": ClassTier,
        "Indicator": Indicator,
        "IndicatorRule": IndicatorRule,
    }


def create_default_set(year):
    with transaction.atomic():
        criteria_set = defaults.create_default_set(year, model_map())
        criteria_set.state = defaults.default_state(year)
        criteria_set.save(update_fields=["state"])
        return criteria_set


def ensure_editable(criteria_set, changes=()):
    """Refuse score-changing edits once a report of the year has been submitted."""
    if criteria_set.is_locked:
        message = _(
            "Reports of %(year)s have already been submitted against this criteria set; "
            "changes that would alter scores are not allowed."
        ) % {"year": criteria_set.year}
        if changes:
            message += " " + _("Refused: %(changes)s.") % {"changes": "; ".join(changes)}
            message += " " + _(
                "Wording (titles, names, guidance, warnings) can still be corrected."
            )
        raise CriteriaLocked(message)


def save_parts(criteria_set, parts, user, part):
    """Save the forms and formsets of one edit page together, or refuse them all.

    `parts` are validated forms/formsets with `score_changes()`; `part` names the page in the
    audit log.
    """
    if not any(form.has_changed() for form in parts):
        return
    changes = [change for form in parts for change in form.score_changes()]
    if changes:
        ensure_editable(criteria_set, changes)
    try:
        with transaction.atomic():
            changed = _save_all(parts)
            record(
                Action.CRITERIA_CHANGE,
                user=user,
                obj=criteria_set,
                part=part,
                changed=changed,
                score_changes=changes,
            )
    except ProtectedError:
        raise CriteriaInUse(
            _(
                "Some of the rows to remove already have scores or values in reports of "
                "%(year)s, even in drafts; they cannot be removed."
            )
            % {"year": criteria_set.year}
        ) from None


def _save_all(parts):
    changed = {}
    for form in parts:
        form.save()
        if hasattr(form, "forms"):
            changed[form.prefix] = [_labels(f) for f in form.forms if f.has_changed()]
        else:
            changed[form.prefix or "set"] = _labels(form)
    return changed


def _labels(form):
    """The changed fields as the form names them (the audit log shows them)."""
    return [str(form.fields[name].label or name) for name in form.changed_data]


def lock(criteria_set):
    """Called by the reports app when the first report of the year is submitted."""
    if criteria_set.locked_at is None:
        CriteriaSet.objects.filter(pk=criteria_set.pk, locked_at__isnull=True).update(
            locked_at=timezone.now()
        )
        criteria_set.refresh_from_db(fields=["locked_at"])


@transaction.atomic
def set_state(criteria_set, state, user):
    """The admin moves the year one step along its calendar (docs/rules.md, Calendar)."""
    locked = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if state not in locked.next_states:
        raise YearStateError(
            _("The year %(year)s cannot go from “%(from)s” to “%(to)s”.")
            % {
                "year": locked.year,
                "from": locked.get_state_display(),
                "to": YearState(state).label if state in YearState.values else state,
            }
        )
    before = locked.state
    locked.state = state
    locked.save(update_fields=["state", "updated_at"])
    criteria_set.state = state
    record(Action.CRITERIA_CHANGE, user=user, obj=locked, part="state", before=before, after=state)
    return locked


@transaction.atomic
def copy_set(source, year, user):
    """The admin's copy of a year's set to another year, recorded in the audit log."""
    target = copy_to_year(source, year)
    record(Action.CRITERIA_CHANGE, user=user, obj=target, part="copy", copied_from=source.year)
    return target


@transaction.atomic
def copy_to_year(source, year):
    """Copy a set with its criteria, sub-items, classes, indicators and rules to `year`."""
    shift = year - source.year
    target = CriteriaSet.objects.create(
        year=year,
        title=source.title.replace(str(source.year), str(year)),
        total_points=source.total_points,
        legal_basis=source.legal_basis,
        submission_deadline=shift_year(source.submission_deadline, shift),
        review_deadline=shift_year(source.review_deadline, shift),
        bonus_per_model=source.bonus_per_model,
        bonus_max=source.bonus_max,
        bonus_min_level=source.bonus_min_level,
        late_penalty=source.late_penalty,
        veto_min_ratio=source.veto_min_ratio,
        quota_ratio=source.quota_ratio,
        quota_min=source.quota_min,
        copied_from=source,
        # A copy never moves anyone: a later year waits in preparation for the admin to open
        # it; an earlier year is history (docs/rules.md, Calendar).
        state=YearState.PREPARED if year > source.year else YearState.CLASSIFIED,
    )
    criterion_map = {}
    for criterion in source.criteria.prefetch_related("items"):
        old_pk = criterion.pk
        items = list(criterion.items.all())
        criterion.pk = None
        criterion.criteria_set = target
        criterion.save()
        criterion_map[old_pk] = criterion
        CriterionItem.objects.bulk_create(
            CriterionItem(
                criterion=criterion,
                label=i.label,
                title=i.title,
                max_points=i.max_points,
                order=i.order,
            )
            for i in items
        )
    for tier in source.tiers.all():
        tier.pk = None
        tier.criteria_set = target
        tier.save()
    for indicator in source.indicators.all():
        indicator.pk = None
        indicator.criteria_set = target
        indicator.criterion = criterion_map.get(indicator.criterion_id)
        indicator.save()
    for rule in source.rules.all():
        rule.pk = None
        rule.criteria_set = target
        rule.criterion = criterion_map.get(rule.criterion_id)
        rule.save()
    return target


def shift_year(day, shift):
    try:
        return day.replace(year=day.year + shift)
    except ValueError:  # 29 February
        return day.replace(year=day.year + shift, day=28)
