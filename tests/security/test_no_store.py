"""Shared office computers (issue 14, item 6): no signed-in page, download or evidence file may
be kept by a browser or proxy. Every URL of the matrix, opened by a signed-in user, answers
`Cache-Control: private, no-store`, whatever its status."""

import pytest
from django.urls import reverse

from tests.security import access
from tests.security.test_authorization_matrix import CHECKED, World

pytestmark = pytest.mark.django_db


def _no_store(response):
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.mark.parametrize("role", ["staff_a", "reviewer", "admin"])
@pytest.mark.parametrize("name", [n for n in CHECKED if n != "logout"])
def test_every_signed_in_response_is_private_no_store(client, name, role):
    world = World()
    client.force_login(world.users[role])
    rule = access.RULES[name]
    kwargs = rule.kwargs(world, "A") if rule.kwargs else {}
    response = client.get(reverse(name, kwargs=kwargs))
    assert _no_store(response), f"{response.status_code}: {response.get('Cache-Control')}"


def test_report_download_and_evidence_file_are_private_no_store(client):
    world = World()
    client.force_login(world.users["staff_a"])
    report = world.draft_report("A")
    evidence = world.evidence(report)
    for url in (
        reverse("reports:export", args=[report.pk]),
        reverse("reports:evidence_download", args=[evidence.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert _no_store(response), url
