from datetime import date

from django.contrib import messages
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from criteria.models import CriteriaSet
from danvan.access import admin_required, get_for_request, people_manager_required
from danvan.celery import QueueUnavailable
from danvan.listing import paginate, query_string, sort_order
from danvan.xlsx_writer import xlsx_response

from . import services
from .forms import AccountForm, ReviewTeamAddForm, UserFilterForm
from .models import ReviewTeamMember, User
from .resources import write_users

SORTS = {
    "name": "search_text",
    "email": "email",
    "unit": ("unit__code", "search_text"),
    "role": ("role", "search_text"),
    "last_login": "last_login",
    "joined": "date_joined",
}
EXPORT_LIMIT = 100_000


def _queue_down_message(request):
    messages.warning(
        request,
        _(
            "The account is saved. The background service is not reachable right now, so the "
            "invitation e-mail waits and is sent by itself when the service is back."
        ),
    )


def _listed_users(request):
    form = UserFilterForm(request.GET or None, by=request.user)
    users = form.filter(User.objects.restrict(request.user).select_related("unit"))
    ordering, sort = sort_order(request, SORTS, "name")
    return form, users.order_by(*ordering, "pk"), sort


@people_manager_required
def user_list(request):
    form, users, sort = _listed_users(request)
    page = paginate(request, users.with_last_invitation())
    return render(
        request,
        "accounts/user_list.html",
        {
            "form": form,
            "page_obj": page,
            "sort": sort,
            "query_string": query_string(request),
            "sort_query": query_string(request, without=("page", "sort")),
            "export_query": query_string(request, without=("page",)),
            "stale_invitations": User.objects.restrict(request.user, "change")
            .needing_invitation()
            .count(),
        },
    )


@require_POST
@people_manager_required
def resend_stale(request):
    """Re-invite every account the requester manages whose link expired or never left."""
    try:
        count = services.resend_stale_invitations(
            User.objects.restrict(request.user, "change"), by=request.user
        )
        messages.success(
            request, _("%(count)d new invitations are on their way.") % {"count": count}
        )
    except QueueUnavailable:
        messages.warning(
            request,
            _(
                "The new invitations are saved. The background service is not reachable right "
                "now; they are sent by themselves when it is back."
            ),
        )
    return redirect("accounts:user_list")


@people_manager_required
def user_export(request):
    _form, users, _sort = _listed_users(request)
    return xlsx_response(write_users(users[:EXPORT_LIMIT]), "nguoi-dung.xlsx")


@people_manager_required
def user_detail(request, pk):
    person = get_for_request(request, User.objects.select_related("unit"), pk=pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "can_manage": User.objects.restrict(request.user, "change").filter(pk=pk).exists(),
            "invitations": person.invitations.select_related("created_by")[:10],
            "review_years": person.review_teams.values_list("year", flat=True),
        },
    )


@people_manager_required
def user_invite(request):
    form = AccountForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.create_account(
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                by=request.user,
                **form.account_fields(),
            )
        except QueueUnavailable:
            _queue_down_message(request)
            return redirect("accounts:user_detail", pk=User.objects.get(email=data["email"]).pk)
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("The account was created and an invitation e-mail is on its way.")
            )
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/user_form.html", {"form": form})


@admin_required
def user_edit(request, pk):
    person = get_for_request(request, User.objects.select_related("unit"), "change", pk=pk)
    initial = {
        "full_name": person.full_name,
        "email": person.email,
        "phone": person.phone,
        "role": person.role,
        "unit": person.unit,
    }
    form = AccountForm(request.POST or None, by=request.user, instance=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_account(
                person,
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
                role=data["role"],
                unit=data.get("unit"),
                by=request.user,
            )
        except services.AccountError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The account was saved."))
            return redirect("accounts:user_detail", pk=person.pk)
    return render(request, "accounts/user_form.html", {"form": form, "person": person})


def _managed(request, pk):
    """The account, if the requester manages it; another unit's people answer 404."""
    return get_for_request(request, User, "change", pk=pk)


@require_POST
@people_manager_required
def user_deactivate(request, pk):
    person = _managed(request, pk)
    try:
        services.deactivate(person, by=request.user)
        messages.success(request, _("The account was deactivated."))
    except services.AccountError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:user_detail", pk=person.pk)


@require_POST
@people_manager_required
def user_reactivate(request, pk):
    person = _managed(request, pk)
    services.reactivate(person, by=request.user)
    messages.success(request, _("The account was reactivated."))
    return redirect("accounts:user_detail", pk=person.pk)


@require_POST
@people_manager_required
def user_resend(request, pk):
    person = _managed(request, pk)
    try:
        services.resend_invitation(person, by=request.user)
        messages.success(request, _("A new invitation e-mail is on its way."))
    except QueueUnavailable:
        _queue_down_message(request)
    except services.AccountError as exc:
        messages.error(request, str(exc))
    return redirect("accounts:user_detail", pk=person.pk)


def accept_invitation(request, token):
    """The link in the invitation e-mail: set a password once, then log in."""
    invitation = services.find_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accept_invitation(token, form.cleaned_data["new_password1"])
        except services.AccountError:
            return render(request, "accounts/invitation_invalid.html", status=410)
        messages.success(
            request,
            _("Your password is set. Log in with your user name %(username)s.")
            % {"username": invitation.user.username},
        )
        return redirect("login")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "person": invitation.user}
    )


@admin_required
def review_team_current(request):
    criteria_set = CriteriaSet.objects.current(request.user)
    year = criteria_set.year if criteria_set else date.today().year
    return redirect("accounts:review_team", year=year)


@admin_required
def review_team(request, year):
    form = ReviewTeamAddForm(request.POST or None, year=year)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_to_review_team(year, form.cleaned_data["user"], by=request.user)
        except services.AccountError as exc:
            messages.error(request, str(exc))
        return redirect("accounts:review_team", year=year)
    members = ReviewTeamMember.objects.filter(year=year).select_related("user", "added_by")
    return render(
        request,
        "accounts/review_team.html",
        {
            "year": year,
            "form": form,
            "members": members,
            "previous_year_size": ReviewTeamMember.objects.filter(year=year - 1).count(),
        },
    )


@require_POST
@admin_required
def review_team_remove(request, year, pk):
    person = get_for_request(request, User, "change", pk=pk)
    if services.remove_from_review_team(year, person, by=request.user):
        messages.success(request, _("%(name)s left the review team.") % {"name": person})
    return redirect("accounts:review_team", year=year)


@require_POST
@admin_required
def review_team_copy(request, year):
    added = services.copy_review_team(year - 1, year, by=request.user)
    messages.success(
        request, _("%(count)d members were copied from the previous year.") % {"count": added}
    )
    return redirect("accounts:review_team", year=year)
