"""What a unit is asked to correct: the comments with which its report was handed back.

Two hands hand a report back: the unit head (`services.send_back`, to the draft) and the review
team (`services.return_for_revision`). Each hand-back stays open until the report is sent again
past that hand: the head's until the staff send it for sign-off again; the review team's until
the head resubmits it to the province (the head may send it back to the staff in between, and
the staff still need the team's comments). Read for many reports in one query, so lists and the
home page cost the same queries whatever their length.
"""

from django.db.models import Exists, OuterRef

from .models import ReportEvent, ReportState

# The action that hands a report back -> the action that closes it.
CLOSED_BY = {"sent_back": "sent_to_head", "returned": "resubmitted"}
BY_HEAD, BY_TEAM = "sent_back", "returned"


def open_handbacks(reports):
    """{report id: [the open hand-back events, newest first]} for `reports`, in one query."""
    ids = [report.pk for report in reports]
    events = (
        ReportEvent.objects.filter(report_id__in=ids, action__in=[*CLOSED_BY, *CLOSED_BY.values()])
        .select_related("actor")
        .order_by("at", "pk")
    )
    return _open(ids, events)


def open_among(report, events):
    """The open hand-backs of `report` from its events (all of them, oldest first), read by the
    caller: no query."""
    return _open([report.pk], events)[report.pk]


def _open(ids, events):
    open_ = {pk: {} for pk in ids}
    for event in events:
        if event.action in CLOSED_BY:
            open_[event.report_id][event.action] = event
        else:
            for opener, closer in CLOSED_BY.items():
                if closer == event.action:
                    open_[event.report_id].pop(opener, None)
    return {
        pk: sorted(by_action.values(), key=lambda e: (e.at, e.pk), reverse=True)
        for pk, by_action in open_.items()
    }


def ever_handed_back():
    """An annotation: has the report ever been handed back? A report never handed back has no
    open hand-back, so its events need not be read."""
    return Exists(ReportEvent.objects.filter(report=OuterRef("pk"), action__in=list(CLOSED_BY)))


def attach(reports):
    """Set `report.handbacks` on each of `reports` (a list) and return it."""
    found = open_handbacks(reports)
    for report in reports:
        report.handbacks = found[report.pk]
    return reports


def returned_by_team(handbacks):
    """Whether the review team's return is among the open hand-backs."""
    return any(event.action == BY_TEAM for event in handbacks)


def comments_visible_to_unit(report, handbacks=None):
    """May the unit's people read the review comments now?

    Only once the review team has handed the report back: while its return is open (the unit
    corrects it, the head may send it back to the staff, until it is resubmitted), or once
    accepted. While a review is running the comments are the team's working notes. The unit's
    own pages ask this too, so it lives here, below the review app. `handbacks`, when the
    caller has read them, saves a query.
    """
    if report.state == ReportState.ACCEPTED:
        return True
    if report.state not in (ReportState.RETURNED, ReportState.DRAFT, ReportState.AWAITING_SIGNOFF):
        return False
    if handbacks is None:
        handbacks = open_handbacks([report])[report.pk]
    return returned_by_team(handbacks)
