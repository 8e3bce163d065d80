"""The password check of the login form."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LoginBackend(ModelBackend):
    """Django's ModelBackend, which also notes on the request that the password was right for
    a deactivated account: the login form says "deactivated" from that note instead of checking
    the password a second time, so every failed login hashes the password exactly once and its
    timing does not tell a deactivated account apart. It never returns an inactive user.
    `get_user` (the open sessions, read on every request) brings the user's unit in the same
    query, since every page shows it in the menu."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        users = get_user_model()
        if username is None:
            username = kwargs.get(users.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = users._default_manager.get_by_natural_key(username)
        except users.DoesNotExist:
            users().set_password(password)  # the same work as a wrong password
            return None
        if not user.check_password(password):
            return None
        if self.user_can_authenticate(user):
            return user
        if request is not None:
            request.deactivated_login = True
        return None

    def get_user(self, user_id):
        users = get_user_model()
        user = users._default_manager.select_related("unit").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
