import re

import pytest
from django.urls import reverse

from tests.conftest import login

LINK = re.compile(r"https?://\S+/people/invitation/[^/\s]+/")


def link_in(body):
    """The invitation link of a mail body; the path is what the test client opens."""
    match = LINK.search(body)
    assert match, body
    return match.group(0)


def path_of(link):
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def invite(client, django_capture_on_commit_callbacks):
    """Post the invitation form as `by`, running the after-commit hooks (mail sent eagerly)."""

    def post(by, **data):
        login(client, by)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("accounts:user_invite"), data)

    return post
