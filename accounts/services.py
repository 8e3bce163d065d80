"""Account rules: invitations, (de)activation and the yearly review team.

Views, the import and tasks call these functions; none of them sends a password anywhere.
"""

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import Action, record
from danvan import jobs
from danvan.text import clean

from .models import (
    REVIEW_TEAM_ROLES,
    UNIT_ROLES,
    AccountState,
    Invitation,
    ReviewTeamMember,
    Role,
    User,
)

log = logging.getLogger(__name__)
INVITATION_JOB = "accounts.invitation"
MAIL_REFUSED = gettext_lazy(
    "The mail server did not accept the invitation. Check the address, then use “Resend "
    "invitation”; the system administrator can see why in the worker's log."
)


class AccountError(Exception):
    """A rule about accounts was broken; the message is for the user, in their language."""


def email_taken(email, exclude=None):
    """Whether another account already uses `email` (as e-mail or as user name)."""
    email = email.strip()
    users = User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


def check_role_and_unit(role, unit):
    """A unit's staff and head belong to a unit; province roles belong to none."""
    if role in UNIT_ROLES and unit is None:
        raise AccountError(_("Staff and heads must belong to a unit."))
    if role not in UNIT_ROLES and unit is not None:
        raise AccountError(_("Reviewers, the review lead and admins belong to no unit."))


@transaction.atomic
def create_admin(*, email, full_name, password):
    """The first province admin (from `manage.py createadmin`): admin role, Django admin
    access, a password of its own. Running it again for the same address resets that
    account's password and role."""
    email = clean(email).lower()
    user = User.objects.filter(email__iexact=email).first() or User(username=email, email=email)
    user.full_name = clean(full_name) or user.full_name
    user.role, user.unit = Role.ADMIN, None
    user.is_staff = user.is_superuser = user.is_active = True
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    record(Action.PERMISSION_CHANGE, user=None, obj=user, event="admin_created")
    return user


@transaction.atomic
def create_account(*, full_name, email, role, unit=None, phone="", by=None):
    """Create an account without a password and queue its invitation (after commit).

    The user name is the e-mail address, which is what the invitation tells its owner.
    """
    email = clean(email).lower()
    check_role_and_unit(role, unit)
    if email_taken(email):
        raise AccountError(_("An account with this e-mail address already exists."))
    user = User(
        username=email,
        email=email,
        full_name=clean(full_name),
        role=role,
        unit=unit,
        phone=clean(phone),
    )
    user.set_unusable_password()
    user.save()
    queue_invitation(user, by=by)
    return user


def queue_invitation(user, by=None):
    """Revoke the user's open invitations and queue a new one, sent once this commits.

    Raises QueueUnavailable when the broker is down; the invitation then waits and beat
    sends it once the broker is back (see danvan.jobs).
    """
    now = timezone.now()
    user.invitations.open().update(revoked_at=now)
    invitation = Invitation.objects.create(user=user, created_by=by)
    record(Action.PERMISSION_CHANGE, user=by, obj=user, event="invitation_queued")

    jobs.submit(INVITATION_JOB, invitation.pk)
    return invitation


@transaction.atomic
def resend_invitation(user, by=None):
    if user.state != AccountState.INVITED:
        raise AccountError(_("Only accounts that have not accepted their invitation get one."))
    return queue_invitation(user, by=by)


@transaction.atomic
def resend_stale_invitations(users, by=None):
    """A new invitation for each of `users` whose link expired or never left; returns how many."""
    stale = list(users.needing_invitation())
    for user in stale:
        queue_invitation(user, by=by)
    return len(stale)


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_link(token):
    path = reverse("accounts:accept_invitation", kwargs={"token": token})
    return settings.SITE_URL.rstrip("/") + path


def deliver_invitation(invitation_id):
    """Make the one-time token, store its hash and e-mail the link. Runs on the worker.

    Sent, used or revoked invitations are left alone, so a redelivered task sends nothing.
    """
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update().select_related("user").get(pk=invitation_id)
        )
        if invitation.sent_at or invitation.accepted_at or invitation.revoked_at:
            return False
        token = secrets.token_urlsafe(32)
        invitation.token_hash = _hash(token)
        invitation.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        user = invitation.user
        with translation.override(settings.LANGUAGE_CODE):
            context = {
                "user": user,
                "link": invitation_link(token),
                "expires_at": timezone.localtime(invitation.expires_at),
                "days": settings.INVITATION_VALID_DAYS,
            }
            subject = render_to_string("accounts/email/invitation_subject.txt", context)
            body = render_to_string("accounts/email/invitation_body.txt", context)
        try:
            send_mail(" ".join(subject.split()), body, None, [user.email])
        except Exception as exc:  # the mail server's refusal is recorded, not raised
            # The technical reason goes to the log; the page gets a sentence people can use.
            log.warning("invitation %s failed: %s", invitation_id, exc)
            Invitation.objects.filter(pk=invitation.pk).update(error=str(MAIL_REFUSED)[:500])
            return False
        invitation.sent_at = timezone.now()
        invitation.error = ""
        invitation.save(update_fields=["token_hash", "expires_at", "sent_at", "error"])
    return True


def find_invitation(token):
    """The usable invitation for `token`, or None (unknown, used, revoked or expired)."""
    if not token:
        return None
    invitation = Invitation.objects.select_related("user").filter(token_hash=_hash(token)).first()
    if invitation is None or not invitation.is_usable or not invitation.user.is_active:
        return None
    return invitation


@transaction.atomic
def accept_invitation(token, password):
    """Set the password through the invitation link; the link works once."""
    found = find_invitation(token)
    invitation = (
        Invitation.objects.select_for_update().select_related("user").get(pk=found.pk)
        if found
        else None
    )
    if invitation is None or not invitation.is_usable:
        raise AccountError(_("This invitation link is invalid, used or expired."))
    user = invitation.user
    user.set_password(password)
    user.save(update_fields=["password"])
    now = timezone.now()
    invitation.accepted_at = now
    invitation.save(update_fields=["accepted_at"])
    user.invitations.open().exclude(pk=invitation.pk).update(revoked_at=now)
    record(Action.PERMISSION_CHANGE, user=user, obj=user, event="invitation_accepted")
    return user


@transaction.atomic
def deactivate(user, by):
    """Switch an account off. It is never deleted: its name stays in every history."""
    if user.pk == by.pk:
        raise AccountError(_("You cannot deactivate your own account."))
    if not user.is_active:
        return user
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.invitations.open().update(revoked_at=timezone.now())
    return user


@transaction.atomic
def reactivate(user, by):
    if user.is_active:
        return user
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def review_team(year):
    """Active members of `year`'s review team (reviewers and the lead), by name."""
    return User.objects.filter(review_teams__year=year, is_active=True).order_by(
        "search_text", "pk"
    )


def add_to_review_team(year, user, by=None):
    if user.role not in REVIEW_TEAM_ROLES:
        raise AccountError(_("Only reviewers and the review lead join a review team."))
    member, created = ReviewTeamMember.objects.get_or_create(
        year=year, user=user, defaults={"added_by": by}
    )
    if created:
        record(Action.PERMISSION_CHANGE, user=by, obj=user, event="review_team_added", year=year)
    return member


def remove_from_review_team(year, user, by=None):
    deleted, _rows = ReviewTeamMember.objects.filter(year=year, user=user).delete()
    if deleted:
        record(Action.PERMISSION_CHANGE, user=by, obj=user, event="review_team_removed", year=year)
    return bool(deleted)


def copy_review_team(from_year, to_year, by=None):
    """Start a year's team from another year's (members still active and still reviewers)."""
    added = 0
    for user in review_team(from_year).filter(role__in=REVIEW_TEAM_ROLES):
        if not ReviewTeamMember.objects.filter(year=to_year, user=user).exists():
            add_to_review_team(to_year, user, by=by)
            added += 1
    return added


@transaction.atomic
def update_account(user, *, full_name, email, phone, role, unit, by=None):
    """An admin's change of a person's details, role or unit; the permission-change signal
    writes the audit entry (before and after)."""
    email = clean(email).lower()
    check_role_and_unit(role, unit)
    if email_taken(email, exclude=user):
        raise AccountError(_("An account with this e-mail address already exists."))
    if by is not None and user.pk == by.pk and role != user.role:
        raise AccountError(_("You cannot change your own role."))
    if user.username.lower() == user.email.lower():
        user.username = email  # the e-mail is the user name: keep them together
    user.full_name = clean(full_name)
    user.email = email
    user.phone = clean(phone)
    user.role = role
    user.unit = unit
    user.save()
    return user
