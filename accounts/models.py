from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.access import RestrictedQuerySet, register
from danvan.text import fold


class Role(models.TextChoices):
    """Who a user is in the yearly cycle; staff and heads belong to one unit."""

    STAFF = "staff", _("Unit staff")
    HEAD = "head", _("Unit head")
    REVIEWER = "reviewer", _("Reviewer")
    LEAD = "lead", _("Review team lead")
    ADMIN = "admin", _("Province admin")


UNIT_ROLES = (Role.STAFF, Role.HEAD)
PROVINCE_ROLES = (Role.REVIEWER, Role.LEAD, Role.ADMIN)
REVIEW_TEAM_ROLES = (Role.REVIEWER, Role.LEAD)


class AccountState(models.TextChoices):
    """Derived from the account, never stored: an account is invited until its owner sets a
    password through the invitation link, and deactivated while `is_active` is off."""

    ACTIVE = "active", _("Active")
    INVITED = "invited", _("Invited")
    DEACTIVATED = "deactivated", _("Deactivated")


_NO_PASSWORD = Q(password__startswith=UNUSABLE_PASSWORD_PREFIX) | Q(password="")
STATE_FILTERS = {
    AccountState.ACTIVE: Q(is_active=True) & ~_NO_PASSWORD,
    AccountState.INVITED: Q(is_active=True) & _NO_PASSWORD,
    AccountState.DEACTIVATED: Q(is_active=False),
}


def _accounts_for(accounts, user):
    """Admins see everyone, a unit's head their unit."""
    if user.is_province_admin:
        return accounts
    if user.is_unit_head:
        return accounts.filter(unit_id=user.unit_id)
    return accounts.none()


def _accounts_managed_by(accounts, user):
    """Accounts `user` may invite, deactivate and reactivate: a head manages the staff of their
    own unit only; admins manage everyone."""
    if user.is_province_admin:
        return accounts
    if user.is_unit_head:
        return accounts.filter(unit_id=user.unit_id, role=Role.STAFF)
    return accounts.none()


class UserQuerySet(RestrictedQuerySet):
    def in_state(self, state):
        return self.filter(STATE_FILTERS[AccountState(state)])

    def search(self, query):
        folded = fold(query)
        return self.filter(search_text__contains=folded) if folded else self

    def with_last_invitation(self):
        """Annotate when the latest invitation was sent and when its link expires."""
        latest = Invitation.objects.filter(user=models.OuterRef("pk")).order_by(
            "-created_at", "-pk"
        )
        return self.annotate(
            invitation_sent_at=models.Subquery(latest.values("sent_at")[:1]),
            invitation_expires_at=models.Subquery(latest.values("expires_at")[:1]),
        )

    def needing_invitation(self):
        """Invited accounts with no invitation on its way: links expired, or refused by the
        mail server. (An invitation still waiting for the background service is on its way:
        beat sends it, see danvan.jobs.)"""
        now = timezone.now()
        waiting = Invitation.objects.filter(
            user=models.OuterRef("pk"), accepted_at__isnull=True, revoked_at__isnull=True, error=""
        ).filter(Q(sent_at__isnull=True) | Q(expires_at__gt=now))
        return self.in_state(AccountState.INVITED).exclude(models.Exists(waiting))

    def able_to_file_for(self, year):
        """Active accounts of units that still report in `year` (see User.can_file_for)."""
        return self.filter(is_active=True, role__in=UNIT_ROLES, unit__isnull=False).filter(
            Q(unit__active_from__isnull=True) | Q(unit__active_from__lte=year),
            Q(unit__active_to__isnull=True) | Q(unit__active_to__gt=year),
        )


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """A superuser is the province admin, so the people page lists it as one."""
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STAFF)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    search_text = models.CharField(max_length=600, blank=True, editable=False, db_index=True)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            # Imports and invitations find accounts by e-mail: one account per address.
            models.UniqueConstraint(
                Lower("email"), condition=~Q(email=""), name="user_email_unique_ci"
            )
        ]

    def __str__(self):
        return self.full_name or self.username

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self):
        # Full name first: the list sorts names by this folded column.
        return fold(f"{self.full_name} {self.username} {self.email}")

    @property
    def display_name(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def is_unit_user(self):
        return self.role in UNIT_ROLES and self.unit_id is not None

    @property
    def is_unit_head(self):
        return self.role == Role.HEAD and self.unit_id is not None

    @property
    def is_province_admin(self):
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_review_lead(self):
        return self.role == Role.LEAD or self.is_province_admin

    @property
    def is_reviewer(self):
        """Reviewers, the team lead and admins may read and review every submitted report."""
        return self.role in PROVINCE_ROLES or self.is_superuser

    @property
    def state(self):
        if not self.is_active:
            return AccountState.DEACTIVATED
        if not self.password or self.password.startswith(UNUSABLE_PASSWORD_PREFIX):
            return AccountState.INVITED
        return AccountState.ACTIVE

    def get_state_display(self):
        return self.state.label

    def can_file_for(self, year):
        """Whether this account may file its unit's report for `year`.

        A unit that stops reporting (its active-to year passed) keeps its accounts and their
        history, but they get no access to new years; admins still read everything.
        """
        return self.is_active and self.is_unit_user and self.unit.is_active_in(year)


register(User, view=_accounts_for, change=_accounts_managed_by)


class InvitationQuerySet(models.QuerySet):
    def waiting(self):
        """Invitations whose mail has not left yet (see danvan.jobs)."""
        return self.filter(
            sent_at__isnull=True,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            error="",
            user__is_active=True,
        )

    def open(self):
        """Invitations not yet used, revoked or expired (unsent ones included)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now())
        )


class Invitation(models.Model):
    """A one-time link to set a new account's password.

    Only a SHA-256 hash of the token is stored; the token itself exists in the e-mail alone. It
    is made when the mail is sent (by the worker), so a resend makes a new invitation.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    error = models.CharField(_("sending error"), max_length=500, blank=True)
    # When the message last went to the broker; empty while it waits for it (danvan.jobs).
    enqueued_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d})"

    @property
    def is_expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self):
        return (
            bool(self.token_hash)
            and self.accepted_at is None
            and self.revoked_at is None
            and not self.is_expired
        )


class ReviewTeamMember(models.Model):
    """A reviewer (or the lead) on a year's review team (Đoàn thẩm định); teams change yearly."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="review_teams",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review team member")
        verbose_name_plural = _("review team members")
        ordering = ["year", "user__search_text"]
        constraints = [
            models.UniqueConstraint(fields=["year", "user"], name="review_team_member_once")
        ]

    def __str__(self):
        return f"{self.year}: {self.user}"
