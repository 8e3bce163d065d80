"""Reviewers and the lead are assigned to a year's review team; teams change every year."""

from django.urls import reverse

from accounts.models import ReviewTeamMember, Role
from accounts.services import review_team
from audit.models import AuditEntry
from tests.conftest import login, make_user


def test_admin_builds_the_years_team(client, adam, rita, lena, alice):
    login(client, adam)
    url = reverse("accounts:review_team", args=[2026])
    for person in (rita, lena):
        assert client.post(url, {"user": person.pk}).status_code == 302
    assert list(review_team(2026)) == sorted([rita, lena], key=lambda u: u.search_text)
    assert list(review_team(2027)) == []
    # Unit staff are not offered and cannot be posted.
    page = client.get(url)
    assert alice not in page.context["form"].fields["user"].queryset
    assert client.post(url, {"user": alice.pk}).status_code == 200
    assert not ReviewTeamMember.objects.filter(user=alice).exists()
    assert AuditEntry.objects.filter(details__event="review_team_added").count() == 2


def test_removing_and_copying_the_previous_years_team(client, adam, rita, lena):
    login(client, adam)
    for person in (rita, lena):
        client.post(reverse("accounts:review_team", args=[2025]), {"user": person.pk})
    client.post(reverse("accounts:review_team_remove", args=[2025, lena.pk]))
    assert list(review_team(2025)) == [rita]
    client.post(reverse("accounts:review_team_copy", args=[2026]))
    assert list(review_team(2026)) == [rita]
    client.post(reverse("accounts:review_team_copy", args=[2026]))
    assert ReviewTeamMember.objects.filter(year=2026).count() == 1


def test_deactivated_members_leave_the_working_team_but_stay_recorded(client, adam, rita):
    other = make_user("vu", Role.REVIEWER)
    login(client, adam)
    for person in (rita, other):
        client.post(reverse("accounts:review_team", args=[2026]), {"user": person.pk})
    other.is_active = False
    other.save()
    assert list(review_team(2026)) == [rita]
    page = client.get(reverse("accounts:review_team", args=[2026]))
    assert len(page.context["members"]) == 2


def test_only_admins_manage_the_team(client, lena, rita):
    login(client, lena)
    response = client.post(reverse("accounts:review_team", args=[2026]), {"user": rita.pk})
    assert response.status_code == 403
    assert not ReviewTeamMember.objects.exists()
