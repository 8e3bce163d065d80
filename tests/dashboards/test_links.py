"""Where people find the dashboards: the nav for province roles, each role's home page."""

from django.urls import reverse

from tests.conftest import login


def test_province_roles_find_the_province_dashboard(client, rita, lena, adam, criteria_set):
    url = reverse("dashboards:province")
    for user in (rita, lena, adam):
        content = login(client, user).get(reverse("home")).content.decode()
        assert content.count(f'href="{url}"') == 2  # nav entry and home card


def test_unit_people_find_their_units_dashboard(client, alice, unit_a, criteria_set):
    content = login(client, alice).get(reverse("home")).content.decode()
    assert f'href="{reverse("dashboards:unit", args=[unit_a.pk])}"' in content
    assert reverse("dashboards:province") not in content


def test_unit_page_links_to_its_dashboard(client, rita, unit_a):
    response = login(client, rita).get(reverse("units:detail", args=[unit_a.pk]))
    assert reverse("dashboards:unit", args=[unit_a.pk]) in response.content.decode()


def test_province_dashboard_links_to_campaign_periods(client, rita, criteria_set):
    from campaigns.models import CampaignPeriod

    period = CampaignPeriod.objects.create(
        code="2025-2030", name="Giai đoạn 2025-2030", kind="final", start_year=2025, end_year=2030
    )
    content = login(client, rita).get(reverse("dashboards:province")).content.decode()
    assert reverse("dashboards:period", args=[period.pk]) in content
