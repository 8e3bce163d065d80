"""E-mails about a report's sign-off and review, each kept as a `Notification` row and sent by
Celery.

Services call the hooks (`report_sent_to_head`, `report_sent_back`, `report_returned`,
`report_accepted`, `report_submitted`) inside their transaction; the rows are written there and
the task is queued after commit. The request writes only what happened (kind, report, who, the
comment): the worker finds the recipients and writes the subject and body (`render`) before it
sends, so a send or submit at the deadline costs one INSERT for its mail. When the broker is
down the rows stay pending (the report's page lists them as waiting), `QueueUnavailable`
reaches the view, which keeps the state change and tells the user, and beat sends them once the
broker is back (see danvan.jobs).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import UNIT_ROLES, Role, User
from criteria.models import CriteriaSet, YearState
from danvan import formats, jobs
from units.models import Unit

from .models import Notification, ReportState, ReviewAssignment

log = logging.getLogger(__name__)
Kind, Status = Notification.Kind, Notification.Status
REMINDER_DAYS = (7, 1)
JOB = "reports.notification"
# A notification still unsent after this long (the mail service was down all that time) is
# no longer sent: it stays listed as waiting on the report's page.
KEEP_TRYING = timedelta(days=7)


def report_sent_to_head(report, sender, comment=""):
    """Staff sent the report for sign-off: the unit's head is asked to sign it off."""
    _notify(report, Kind.SIGNOFF_REQUESTED, sender, comment)


def report_sent_back(report, head, comment):
    """The head sent the draft back: the unit's staff are told what to fix."""
    _notify(report, Kind.SENT_BACK, head, comment)


def report_returned(report, reviewer=None, comment=""):
    """The review team returned the report: the unit reads what to correct in the mail itself,
    the overall comment and each criterion's, and the link opens the form."""
    lines = [comment.strip()] if comment.strip() else []
    for number, text in (
        report.scores.exclude(review_comment="")
        .order_by("criterion__number")
        .values_list("criterion__number", "review_comment")
    ):
        with translation.override(settings.LANGUAGE_CODE):
            lines.append(_("Criterion %(n)s: %(text)s") % {"n": number, "text": text.strip()})
    _notify(report, Kind.RETURNED, reviewer, "\n".join(lines))


def report_accepted(report):
    _notify(report, Kind.ACCEPTED)


def report_submitted(report):
    """A returned report sent in again goes back to its reviewer (or to the leads if none)."""
    if report.state == ReportState.RESUBMITTED:
        _notify(report, Kind.RESUBMITTED)


def _recipients(notification):
    """Who is told, by kind: the head, the staff, the whole unit, or the report's reviewer."""
    unit = notification.unit
    if notification.kind == Kind.SIGNOFF_REQUESTED:
        return unit_recipients(unit, roles=[Role.HEAD])
    if notification.kind == Kind.SENT_BACK:
        return unit_recipients(unit, roles=[Role.STAFF])
    if notification.kind != Kind.RESUBMITTED:
        return unit_recipients(unit)
    reviewer = ReviewAssignment.reviewer_of(notification.report)
    if reviewer is not None and reviewer.is_active and reviewer.email:
        return [reviewer.email]
    return list(
        User.objects.filter(role="lead", is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def unit_recipients(unit, roles=UNIT_ROLES):
    """The unit's people in `roles`; the unit's own address when none of them has an e-mail."""
    emails = list(
        User.objects.filter(unit=unit, role__in=roles, is_active=True)
        .exclude(email="")
        .order_by("pk")
        .values_list("email", flat=True)
    )
    if not emails and unit.email:
        emails = [unit.email]
    return emails


def _notify(report, kind, actor=None, comment=""):
    notification = Notification.objects.create(
        criteria_set=report.criteria_set,
        unit=report.unit,
        report=report,
        kind=kind,
        actor=actor,
        comment=comment,
    )
    queue([notification.pk])


def render(notification):
    """Write the recipients, subject and body of a notification the request left unwritten
    (run by the worker, before sending). True when there is someone to mail."""
    if notification.subject:
        return bool(notification.recipients)
    notification.recipients = _recipients(notification)
    notification.subject, notification.body = _message(
        notification.kind,
        notification.unit,
        notification.criteria_set,
        notification.report,
        notification.actor,
        notification.comment,
    )
    notification.save(update_fields=["recipients", "subject", "body"])
    if not notification.recipients:
        _fail([notification.pk], _("Nobody of the unit has an e-mail address."))
        return False
    return True


def queue(ids):
    jobs.submit(JOB, *ids)


def waiting():
    """Recent notifications not yet sent (see danvan.jobs); older ones are no longer news."""
    return Notification.objects.filter(
        status=Status.PENDING, created_at__gt=timezone.now() - KEEP_TRYING
    )


MAIL_REFUSED = gettext_lazy(
    "The mail server did not accept this e-mail. The system administrator can see why in the "
    "worker's log."
)


def _fail(ids, error):
    Notification.objects.filter(pk__in=ids).exclude(status=Status.SENT).update(
        status=Status.FAILED, error=str(error)[:2000]
    )


MESSAGES = {
    Kind.RETURNED: (
        gettext_lazy("Your %(year)s report was returned for correction"),
        gettext_lazy(
            "The review team returned the %(year)s mass-mobilization report of %(unit)s for "
            "correction. Open the portal to read the comments, correct the report and submit "
            "it again."
        ),
    ),
    Kind.ACCEPTED: (
        gettext_lazy("Your %(year)s report was accepted"),
        gettext_lazy("The review team accepted the %(year)s mass-mobilization report of %(unit)s."),
    ),
    Kind.RESUBMITTED: (
        gettext_lazy("%(unit)s resubmitted its %(year)s report"),
        gettext_lazy(
            "%(unit)s corrected and resubmitted its %(year)s report. It is waiting for your review."
        ),
    ),
    Kind.SIGNOFF_REQUESTED: (
        gettext_lazy("The %(year)s report of %(unit)s awaits your sign-off"),
        gettext_lazy(
            "%(who)s sent the %(year)s mass-mobilization report of %(unit)s for your sign-off. "
            "Open it to sign it off and submit it to the province, or send it back to the staff "
            "with what to fix."
        ),
    ),
    Kind.SENT_BACK: (
        gettext_lazy("The unit head sent the %(year)s report back for correction"),
        gettext_lazy(
            "%(who)s sent the %(year)s mass-mobilization report of %(unit)s back to the staff. "
            "Correct it and send it for sign-off again."
        ),
    ),
    Kind.REMINDER: (
        gettext_lazy("Reminder: the %(year)s report is due on %(deadline)s"),
        gettext_lazy(
            "%(unit)s has not yet submitted its %(year)s mass-mobilization report. The deadline "
            "is %(deadline)s."
        ),
    ),
}


# Where each mail's link leads: the page on which the reader does the work.
PATHS = {
    Kind.RETURNED: "reports:edit",
    Kind.RESUBMITTED: "review:report",
    Kind.SIGNOFF_REQUESTED: "reports:detail",
    Kind.SENT_BACK: "reports:edit",
}


def _message(kind, unit, criteria_set, report=None, actor=None, comment=""):
    """Subject and body, in the portal's language: the readers are the unit's people."""
    context = {
        "unit": unit.name,
        "year": criteria_set.year,
        "deadline": formats.short_date(criteria_set.submission_deadline),
        "who": actor.display_name if actor else "",
    }
    path = reverse(PATHS[kind], args=[report.pk]) if kind in PATHS else "/"
    subject, body = MESSAGES[kind]
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = str(subject) % context, str(body) % context
        if comment.strip():
            body += "\n\n" + _("Comment:") + "\n" + comment.strip()
    return subject, f"{body}\n\n{settings.SITE_URL.rstrip('/')}{path}\n"


def deliver(notification_id):
    """Send one notification (run by the worker). Sending twice is refused by the status."""
    notification = (
        Notification.objects.select_related("unit", "criteria_set", "report", "actor")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.status == Status.SENT:
        return notification
    with translation.override(settings.LANGUAGE_CODE):
        if not render(notification):
            notification.refresh_from_db()
            return notification
    try:
        send_mail(
            notification.subject,
            notification.body,
            settings.DEFAULT_FROM_EMAIL,
            notification.recipients,
        )
    except Exception as exc:  # the mail server's refusal is recorded, not raised
        # The technical reason goes to the log; the page gets a sentence its readers can use.
        log.warning("notification %s failed: %s", notification_id, exc)
        notification.status, notification.error = Status.FAILED, str(MAIL_REFUSED)
    else:
        notification.status, notification.error = Status.SENT, ""
        notification.sent_at = timezone.now()
    notification.save(update_fields=["status", "error", "sent_at"])
    return notification


def send_deadline_reminders(today=None):
    """Mail every unit without a submitted report 7 and 1 days before the deadline.

    Idempotent per unit and day (`dedupe_key`): beat running twice, or an operator re-running
    the task, sends nothing more. Returns the notifications created now.
    """
    today = today or timezone.localdate()
    deadlines = [today + timedelta(days=d) for d in REMINDER_DAYS]
    created = []
    # Only a year open for filing has a deadline to remind of (docs/rules.md, Calendar).
    open_sets = CriteriaSet.objects.filter(state=YearState.OPEN)
    for criteria_set in open_sets.filter(submission_deadline__in=deadlines):
        units = (
            Unit.objects.rated_in(criteria_set.year)
            .exclude(
                reports__criteria_set=criteria_set,
                reports__first_submitted_at__isnull=False,
            )
            .order_by("code")
        )
        for unit in units:
            key = f"reminder:{criteria_set.year}:{unit.pk}:{today.isoformat()}"
            if Notification.objects.filter(dedupe_key=key).exists():
                continue
            subject, body = _message(Kind.REMINDER, unit, criteria_set)
            try:
                with transaction.atomic():
                    notification = Notification.objects.create(
                        criteria_set=criteria_set,
                        unit=unit,
                        kind=Kind.REMINDER,
                        recipients=unit_recipients(unit),
                        subject=subject,
                        body=body,
                        dedupe_key=key,
                    )
            except IntegrityError:  # a concurrent run took this unit and day
                continue
            created.append(notification)
    for notification in created:
        if notification.recipients:
            deliver(notification.pk)
        else:
            _fail([notification.pk], _("Nobody of the unit has an e-mail address."))
    return list(Notification.objects.filter(pk__in=[n.pk for n in created]).select_related("unit"))
