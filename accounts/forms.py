from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from danvan import limits
from danvan.forms import FilterForm
from danvan.text import clean
from units.models import Unit

from . import services
from .models import REVIEW_TEAM_ROLES, AccountState, Role, User


class LoginForm(AuthenticationForm):
    """The login form; a deactivated account is told so plainly instead of "wrong password"."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "deactivated": _(
            "This account has been deactivated. To use it again, ask your unit's head or the "
            "province admin to reactivate it."
        ),
    }

    def clean_username(self):
        # Accounts made here use the e-mail address, lower-cased, as the user name.
        username = self.cleaned_data["username"]
        return username.lower() if "@" in username else username

    def get_invalid_login_error(self):
        # Only someone who knows the password learns the account is deactivated; the backend
        # noted it while checking the password once (accounts.backends.LoginBackend).
        if getattr(self.request, "deactivated_login", False):
            return ValidationError(self.error_messages["deactivated"], code="inactive")
        return super().get_invalid_login_error()


def _unit_choices():
    return Unit.objects.order_by("code")


class AccountForm(forms.Form):
    """Who the account is for. Heads invite staff of their own unit only: the role and unit
    fields exist for admins alone."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), max_length=150)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)

    def __init__(self, *args, by, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.by = by
        self.instance = instance
        if by.is_province_admin:
            self.fields["unit"].queryset = _unit_choices()
        else:
            del self.fields["role"]
            del self.fields["unit"]

    def clean_full_name(self):
        return clean(self.cleaned_data["full_name"])

    def clean_email(self):
        email = clean(self.cleaned_data["email"]).lower()
        if services.email_taken(email, exclude=self.instance):
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self):
        data = super().clean()
        if "role" in self.fields and "role" in data:
            try:
                services.check_role_and_unit(data["role"], data.get("unit"))
            except services.AccountError as exc:
                self.add_error("unit", str(exc))
        return data

    def account_fields(self):
        """Role and unit: chosen by an admin, fixed to staff of the head's unit otherwise."""
        data = self.cleaned_data
        if self.by.is_province_admin:
            return {"role": data["role"], "unit": data.get("unit")}
        return {"role": Role.STAFF, "unit": self.by.unit}


class UserFilterForm(FilterForm):
    search_placeholder = _("Search by name, user name or e-mail")
    q = forms.CharField(label=_("Search"), required=False, max_length=limits.SEARCH)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False)
    state = forms.ChoiceField(label=_("State"), required=False)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        if by.is_province_admin:
            self.fields["unit"].queryset = _unit_choices()
            self.fields["unit"].empty_label = _("All units")
        else:
            del self.fields["unit"]
        self.fields["role"].choices = [("", _("All roles")), *Role.choices]
        self.fields["state"].choices = [("", _("All states")), *AccountState.choices]

    def filter(self, users):
        if not self.is_valid():
            return users
        data = self.cleaned_data
        users = users.search(data["q"])
        if data.get("unit"):
            users = users.filter(unit=data["unit"])
        if data["role"]:
            users = users.filter(role=data["role"])
        if data["state"]:
            users = users.in_state(data["state"])
        return users


class ReviewTeamAddForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(role__in=REVIEW_TEAM_ROLES, is_active=True)
            .exclude(review_teams__year=year)
            .order_by("search_text")
        )
