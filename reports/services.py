"""Every change of a report's state goes through one function here.

Each function checks who may act, moves the state along `TRANSITIONS` under a row lock, bumps the
report's version (so open forms know they are stale), and records a `ReportEvent` and an audit
entry. Views catch `ReportError` and show its message; they never set `state` themselves.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Action, record
from criteria import services as criteria_services
from danvan import limits

from . import notifications
from .errors import IncompleteReport, ReportError, StaleReport, UnexplainedWarnings
from .evidence import inspect_upload
from .figures import broken_rules
from .models import (
    AnnualReport,
    CriterionScore,
    Evidence,
    IndicatorValue,
    ReportEvent,
    ReportSnapshot,
    ReportState,
)

S = ReportState


# --- Permissions -------------------------------------------------------------------------------


def is_unit_member(user, report):
    return user.is_active and user.unit_id == report.unit_id and user.is_unit_user


def can_edit(user, report):
    """The unit's people may change narrative, self-scores, indicators and evidence."""
    return is_unit_member(user, report) and report.is_unit_editable


def can_sign_off(user, report):
    return is_unit_member(user, report) and user.is_unit_head


# --- Creating and saving -----------------------------------------------------------------------


@transaction.atomic
def start_report(unit, criteria_set, user):
    """The unit's report of the year, created with one row per criterion and indicator.

    A report is started only while its year is open for filing (docs/rules.md, Calendar)."""
    existing = AnnualReport.objects.filter(unit=unit, criteria_set=criteria_set).first()
    if existing is not None:
        return existing
    if criteria_set.refuses_reports:
        raise ReportError(
            _("The year %(year)s is not open for filing (%(state)s).")
            % {"year": criteria_set.year, "state": criteria_set.get_state_display()}
        )
    report, created = AnnualReport.objects.get_or_create(
        unit=unit,
        criteria_set=criteria_set,
        defaults={
            "updated_by": user,
            "signer_name": unit.head_name,
            "signer_title": unit.head_title,
        },
    )
    if created:
        CriterionScore.objects.bulk_create(
            CriterionScore(report=report, criterion=c) for c in criteria_set.criteria.all()
        )
        IndicatorValue.objects.bulk_create(
            IndicatorValue(report=report, indicator=i) for i in criteria_set.indicators.all()
        )
        ReportEvent.objects.create(report=report, actor=user, action="created")
    return report


def _claim(report, expected_version, **fields):
    """Take the next version of `report` if nobody saved since `expected_version`, writing
    `fields` in the same UPDATE; True if taken. One conditional UPDATE, so two concurrent saves
    of the same version cannot both win (the loser's UPDATE waits for the winner's row lock, then
    matches no row)."""
    now = timezone.now()
    claimed = AnnualReport.objects.filter(pk=report.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=now, **fields
    )
    if claimed:
        report.version, report.updated_at = expected_version + 1, now
        for name, value in fields.items():
            setattr(report, name, value)
    return bool(claimed)


def claim_version(report, expected_version):
    """Take the next version of `report` if nobody saved since `expected_version`; call it
    inside the transaction that writes the change. Raises `StaleReport` for the loser."""
    if not _claim(report, expected_version):
        raise StaleReport(AnnualReport.objects.get(pk=report.pk))


# Conflicts are decided per field. A page sends with each save the version it was based on and
# the value it last saw saved for each field (its base). A stale version alone is no conflict:
# it only means someone saved *something*; the field is in conflict when its saved value moved
# away from the base, i.e. someone (another person, or the same person in another tab) changed
# that very field since this page read it.


def same(a, b):
    """Saved values compare equal across the browser's newline, blank and edge-space habits
    (comments are saved stripped, so what a tab sent may differ from what is stored by those)."""
    if isinstance(a, str) or isinstance(b, str):
        return (a or "").replace("\r\n", "\n").strip() == (b or "").replace("\r\n", "\n").strip()
    return a == b


def save_unless_changed(report, save, version, valid, bases, current):
    """Save `valid` (field name to value) through `save(version, valid)`, refusing only the
    fields someone changed since this page read them.

    With a base for every field, a field conflicts when its saved value moved away from its
    base and differs from what is being saved, whatever the version says: a page that caught up
    on the version through another field's save must still not overwrite this one. Without
    bases (the no-script form), the version alone decides. The version is read before the saved
    values and claimed conditionally, so a save slipping in between is caught and compared again.
    """
    if not all(name in bases for name in valid):
        return save(version, valid)
    for _attempt in range(5):
        latest = AnnualReport.objects.values_list("version", flat=True).get(pk=report.pk)
        saved = current(list(valid)) or {}
        moved = [
            name
            for name in valid
            if not same(bases[name], saved.get(name)) and not same(valid[name], saved.get(name))
        ]
        if moved:
            raise StaleReport(AnnualReport.objects.get(pk=report.pk))
        try:
            return save(latest, valid)
        except StaleReport:
            continue
    raise StaleReport(AnnualReport.objects.get(pk=report.pk))


# --- State changes -----------------------------------------------------------------------------


def _locked(report):
    """Re-read the report under a row lock so two simultaneous moves cannot both pass."""
    return (
        AnnualReport.objects.select_for_update(of=("self",))
        .select_related("criteria_set", "unit")
        .get(pk=report.pk)
    )


def _move(report, to_state, actor, action, comment="", **fields):
    _check_length(comment)
    if not report.can_move_to(to_state):
        raise ReportError(
            _("This report is “%(state)s”; this action is not possible now.")
            % {"state": report.get_state_display()}
        )
    from_state, version = report.state, report.version
    report.state = to_state
    report.version = F("version") + 1
    report.updated_by = actor
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    report.version = version + 1  # the row is locked (`_locked`): nobody moved it meanwhile
    event = ReportEvent.objects.create(
        report=report,
        actor=actor,
        action=action,
        from_state=from_state,
        to_state=to_state,
        comment=comment,
    )
    record(
        Action.STATE_CHANGE,
        user=actor,
        obj=report,
        action_name=action,
        from_state=from_state,
        to_state=to_state,
    )
    return event


def missing_parts(report, scores=None, values=None):
    """What keeps the report from being submitted, as sentences for the unit. `scores` (in the
    criteria's order) and `values`, with their criteria and indicators, when the caller has
    them."""
    missing = []
    if scores is None:
        scores = report.scores.select_related("criterion").order_by(
            "criterion__order", "criterion__number"
        )
    for score in scores:
        number = score.criterion.number
        if not score.narrative.strip():
            missing.append(
                _("Criterion %(n)s: the description of what was done is empty.") % {"n": number}
            )
        if score.self_score is None:
            missing.append(_("Criterion %(n)s: the self-score is missing.") % {"n": number})
    if values is None:
        values = report.indicators.select_related("indicator").filter(
            indicator__required=True, value__isnull=True
        )
    for value in values:
        if value.indicator.required and value.value is None:
            missing.append(_("Indicator “%(name)s” is required.") % {"name": value.indicator.name})
    if not report.general_situation.strip():
        missing.append(_("The general situation is empty."))
    return missing


def _check_length(comment):
    """Every comment and reason of a move is bounded like the forms' texts."""
    try:
        limits.check(comment, limits.TEXT)
    except ValidationError as error:
        raise ReportError(" ".join(error.messages)) from None


@transaction.atomic
def send_to_head(report, user, comment=""):
    report = _locked(report)
    if not is_unit_member(user, report):
        raise ReportError(_("Only the unit's own people may send its report for sign-off."))
    _move(report, S.AWAITING_SIGNOFF, user, "sent_to_head", comment)
    notifications.report_sent_to_head(report, user, comment)
    return report


@transaction.atomic
def send_back(report, head, comment):
    """The head returns the draft to the staff with what to fix."""
    report = _locked(report)
    if not can_sign_off(head, report):
        raise ReportError(_("Only the unit head may send the report back."))
    if not comment.strip():
        raise ReportError(_("Say what needs fixing."))
    _move(report, S.DRAFT, head, "sent_back", comment)
    notifications.report_sent_back(report, head, comment)
    return report


@transaction.atomic
def submit(report, head, comment="", explanations=None):
    """The head signs off and sends the report to the province.

    Completeness is checked here, not in the form, so no path can submit an incomplete report.
    Each broken consistency rule needs an explanation (`explanations`: rule pk to text), kept
    with the report for the review team. After the deadline the report is marked late; once the
    admin closes the period it is refused.
    """
    report = _locked(report)
    if not can_sign_off(head, report):
        raise ReportError(_("Only the unit head may sign off and submit the report."))
    criteria_set = report.criteria_set
    first = report.first_submitted_at is None
    # Closing the year stops first submissions; a report returned for correction may still come
    # back. The period flag refuses every late submission.
    if criteria_set.submissions_closed or (first and criteria_set.refuses_reports):
        raise ReportError(_("Submissions for %(year)s are closed.") % {"year": criteria_set.year})
    scores = list(
        report.scores.select_related("criterion").order_by("criterion__order", "criterion__number")
    )
    values = list(report.indicators.select_related("indicator"))
    missing = missing_parts(report, scores, values)
    if missing:
        raise IncompleteReport(missing)
    explanations = explanations or {}
    broken = broken_rules(report, values, scores)
    if any(not explanations.get(item.pk, "").strip() for item in broken):
        raise UnexplainedWarnings(broken)
    report.warning_notes = [
        {"rule": item.pk, "message": item.text, "explanation": explanations[item.pk].strip()}
        for item in broken
    ]
    report.has_warnings = bool(broken)
    now = timezone.now()
    to_state = S.SUBMITTED if first else S.RESUBMITTED
    fields = {"submitted_at": now, "submitted_by": head}
    if first:
        fields["first_submitted_at"] = now
        fields["is_late"] = timezone.localdate(now) > criteria_set.submission_deadline
    _move(report, to_state, head, "submitted" if first else "resubmitted", comment, **fields)
    take_snapshot(report, head, scores, values)
    criteria_services.lock(criteria_set)
    notifications.report_submitted(report)
    return report


def take_snapshot(report, user, scores=None, values=None):
    """The report as sent, kept so reviewers can diff two submissions; `scores` and `values`
    (with their criteria and indicators) when the caller has read them."""
    if scores is None:
        scores = report.scores.select_related("criterion")
    if values is None:
        values = report.indicators.select_related("indicator")
    scores = {
        str(s.criterion.number): {
            "narrative": s.narrative,
            "self_score": None if s.self_score is None else str(s.self_score),
        }
        for s in scores
    }
    indicators = {v.indicator.code: None if v.value is None else str(v.value) for v in values}
    general = {name: getattr(report, name) for name in GENERAL_FIELDS}
    number = report.snapshots.count() + 1
    return ReportSnapshot.objects.create(
        report=report,
        number=number,
        taken_by=user,
        content={"general": general, "scores": scores, "indicators": indicators},
    )


GENERAL_FIELDS = [
    "legal_bases",
    "general_situation",
    "leadership",
    "strengths",
    "shortcomings",
    "lessons",
    "proposals",
    "next_year_direction",
]


@transaction.atomic
def start_review(report, reviewer):
    report = _locked(report)
    if not reviewer.is_reviewer:
        raise ReportError(_("Only the review team may review reports."))
    _move(report, S.UNDER_REVIEW, reviewer, "review_started")
    return report


@transaction.atomic
def return_for_revision(report, reviewer, comment):
    """Send the report back to the unit. A comment is required: overall, or on a criterion."""
    report = _locked(report)
    if not reviewer.is_reviewer:
        raise ReportError(_("Only the review team may return reports."))
    has_criterion_comment = report.scores.exclude(review_comment="").exists()
    if not comment.strip() and not has_criterion_comment:
        raise ReportError(_("Write a comment, overall or on a criterion, saying what to correct."))
    _move(report, S.RETURNED, reviewer, "returned", comment)
    notifications.report_returned(report, reviewer, comment)
    return report


@transaction.atomic
def accept(report, reviewer, comment=""):
    report = _locked(report)
    if not reviewer.is_reviewer:
        raise ReportError(_("Only the review team may accept reports."))
    unscored = report.scores.filter(review_score__isnull=True).count()
    if unscored:
        raise ReportError(
            _("%(n)s criteria have no review score yet; score every criterion before accepting.")
            % {"n": unscored}
        )
    _move(report, S.ACCEPTED, reviewer, "accepted", comment)
    notifications.report_accepted(report)
    return report


@transaction.atomic
def reopen(report, user, reason):
    report = _locked(report)
    if not user.is_review_lead:
        raise ReportError(_("Only the review lead or an admin may reopen an accepted report."))
    if not reason.strip():
        raise ReportError(_("Give the reason for reopening the report."))
    _move(report, S.UNDER_REVIEW, user, "reopened", reason)
    return report


@transaction.atomic
def flag_violation(report, reviewer, reason):
    """The veto rule of the classification: a serious violation caps the unit's class."""
    report = _locked(report)
    if not reviewer.is_reviewer:
        raise ReportError(_("Only the review team may flag a violation."))
    if not reason.strip():
        raise ReportError(_("Describe the violation."))
    report.violation_flagged = True
    report.violation_reason = reason.strip()
    report.version = F("version") + 1
    report.save(update_fields=["violation_flagged", "violation_reason", "version", "updated_at"])
    report.refresh_from_db(fields=["version"])
    ReportEvent.objects.create(
        report=report, actor=reviewer, action="violation_flagged", comment=reason
    )
    record(Action.STATE_CHANGE, user=reviewer, obj=report, action_name="violation_flagged")
    return report


# --- Filing ------------------------------------------------------------------------------------
#
# The form saves one field at a time as the user types. Each save names the version its page
# was based on; `claim_version` refuses it if someone saved since, so nobody's work is silently
# overwritten. A save that changes nothing writes nothing and claims no version.

HEADER_FIELDS = [
    "document_number",
    "place",
    "report_date",
    "subject",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
]


def _editable(report, user):
    """The report re-read under a row lock, if `user` may still change it."""
    report = _locked(report)
    if not can_edit(user, report):
        raise ReportError(
            _("This report is “%(state)s” and can no longer be changed by the unit.")
            % {"state": report.get_state_display()}
        )
    return report


@dataclass
class Filed:
    """A report and the saved rows of one of its parts (criterion scores or indicator values),
    read in one query: `report.version` is the version those rows belong to."""

    report: AnnualReport
    rows: list


def _filed(report_pk, rows, visible=None):
    """The rows of `report_pk` (each with `.report` set to one shared instance), or None when
    there are none (or the report is not in `visible`)."""
    rows = rows.filter(report_id=report_pk).select_related("report__unit", "report__criteria_set")
    if visible is not None:
        rows = rows.filter(report__in=visible)
    rows = list(rows)
    if not rows:
        return None
    report = rows[0].report
    for row in rows:
        row.report = report
    return Filed(report, rows)


def read_scores(report_pk, visible=None):
    """The report with its criterion scores (criteria joined), for a save of one of them."""
    scores = CriterionScore.objects.select_related("criterion").order_by(
        "criterion__order", "criterion__number"
    )
    return _filed(report_pk, scores, visible)


def read_values(report_pk, visible=None):
    """The report with its indicator values (indicators joined), for a save of some of them."""
    values = IndicatorValue.objects.select_related("indicator").order_by(
        "indicator__order", "indicator__code"
    )
    return _filed(report_pk, values, visible)


def _save_filed(user, version, valid, bases, read, saved_of, write=None, filed=None, fields=None):
    """Save the unit's `valid` values (name to value) of one part of its report, optimistically.

    `read()` gives a `Filed`, `saved_of(filed)` its saved values of `valid`'s names; `filed` is
    a first read the caller already made. Nothing is locked: the next version is claimed on the
    condition that it is still the one read, in one transaction with `write(filed, changed)`
    (and the report `fields(changed)` written with the claim); if someone saved in between,
    nothing is written and everything is read again. Conflicts follow `save_unless_changed`:
    with a base for every field, a field conflicts when its saved value moved away from its base
    and differs from the new one; without bases the page's `version` alone decides. A save that
    changes nothing writes nothing and claims no version. Returns the final `Filed`.
    """
    has_bases = all(name in bases for name in valid)
    for _attempt in range(5):
        filed = filed or read()
        report = filed.report
        if not can_edit(user, report):
            raise ReportError(
                _("This report is “%(state)s” and can no longer be changed by the unit.")
                % {"state": report.get_state_display()}
            )
        saved = saved_of(filed)
        changed = {
            name: value for name, value in valid.items() if name in saved and saved[name] != value
        }
        if not changed:
            return filed
        if has_bases:
            if any(
                not same(bases[name], saved.get(name)) and not same(valid[name], saved.get(name))
                for name in valid
            ):
                raise StaleReport(report)
            expected = report.version
        elif report.version != version:
            raise StaleReport(report)
        else:
            expected = version
        # No savepoint: only the database itself can fail in here, and when a caller's
        # transaction holds this one (a test's), that failure is the caller's too.
        with transaction.atomic(savepoint=False):
            claimed = _claim(
                report, expected, updated_by=user, **(fields(changed) if fields else {})
            )
            if claimed and write is not None:
                write(filed, changed)
        if claimed:
            return filed
        filed = None
    raise StaleReport(read().report)


def save_general(report, user, version, changes, bases=None, filed=None):
    """Header and general-part fields; `changes` maps field names to cleaned values. They are
    written with the version claim, in one UPDATE."""
    allowed = set(HEADER_FIELDS) | set(GENERAL_FIELDS)
    valid = {name: value for name, value in changes.items() if name in allowed}

    def read():
        fresh = AnnualReport.objects.select_related("unit", "criteria_set").get(pk=report.pk)
        return Filed(fresh, [])

    filed = _save_filed(
        user,
        version,
        valid,
        bases or {},
        read,
        lambda f: {name: getattr(f.report, name) for name in valid},
        filed=filed,
        fields=lambda changed: changed,
    )
    return filed.report


def save_criterion(report, user, version, criterion, changes, bases=None, filed=None):
    """Narrative and self-score of one criterion; the score's history is kept by
    django-simple-history on `CriterionScore`. Returns the final `Filed` (all the report's
    scores, this one changed)."""
    valid = {name: value for name, value in changes.items() if name in ("narrative", "self_score")}

    def score_of(f):
        for score in f.rows:
            if score.criterion_id == criterion.pk:
                return score
        raise CriterionScore.DoesNotExist

    def write(f, changed):
        score = score_of(f)
        before = score.self_score
        for name, value in changed.items():
            setattr(score, name, value)
        score._history_user = user
        score.save(update_fields=list(changed))
        if "self_score" in changed:
            record_score_change(
                user, f.report, criterion.number, "self_score", before, score.self_score
            )

    return _save_filed(
        user,
        version,
        valid,
        bases or {},
        lambda: read_scores(report.pk) or Filed(report, []),
        lambda f: {name: getattr(score_of(f), name) for name in valid},
        write,
        filed,
    )


def record_score_change(user, report, number, field, before, after):
    """The audit entry of a self-score or review score given or changed (the score's full
    history is kept by django-simple-history; the audit log lists who changed which score)."""

    def points(value):
        return None if value is None else str(Decimal(value).quantize(Decimal("0.01")))

    record(
        Action.SCORE_CHANGE,
        user=user,
        obj=report,
        criterion=number,
        field=field,
        old=points(before),
        new=points(after),
    )


def save_indicators(report, user, version, changes, bases=None, filed=None):
    """Indicator values; `changes` (and `bases`) map indicator ids to a Decimal or None.
    Returns the final `Filed` (all the report's values, these changed)."""

    def saved_of(f):
        return {v.indicator_id: v.value for v in f.rows if v.indicator_id in changes}

    def write(f, changed):
        rows = [v for v in f.rows if v.indicator_id in changed]
        for row in rows:
            row.value = changed[row.indicator_id]
        IndicatorValue.objects.bulk_update(rows, ["value"])

    def read():
        return read_values(report.pk) or Filed(
            AnnualReport.objects.select_related("unit", "criteria_set").get(pk=report.pk), []
        )

    return _save_filed(
        user,
        version,
        changes,
        bases or {},
        read,
        saved_of,
        write,
        filed,
    )


@transaction.atomic
def add_evidence(report, user, upload, criterion=None):
    """Store an evidence file after checking its type by content (see reports/evidence.py)."""
    report = _editable(report, user)
    if criterion is not None and criterion.criteria_set_id != report.criteria_set_id:
        raise ReportError(_("This criterion does not belong to the report's year."))
    checked = inspect_upload(upload)
    return Evidence.objects.create(
        report=report,
        criterion=criterion,
        file=upload,
        original_name=checked.name,
        size=upload.size,
        content_type=checked.content_type,
        uploaded_by=user,
    )


@transaction.atomic
def delete_evidence(evidence, user):
    """Remove a file while the report is still the unit's to change; the file goes after commit."""
    _editable(evidence.report, user)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: storage.delete(name))
