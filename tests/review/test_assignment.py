"""The lead shares out the units: one by one, ticked rows, or a whole group."""

import pytest
from django.urls import reverse

from accounts.models import Role
from reports.models import ReviewAssignment
from tests.conftest import login, make_user
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db


def assign_url(criteria_set):
    return reverse("review:assign", args=[criteria_set.year])


def assigned(criteria_set):
    return dict(
        ReviewAssignment.objects.filter(criteria_set=criteria_set).values_list(
            "unit__code", "reviewer__username"
        )
    )


def test_lead_assigns_one_unit_and_moves_it(client, lena, rita, unit_a, unit_b, criteria_set):
    login(client, lena)
    response = client.post(assign_url(criteria_set), {"reviewer": rita.pk, "units": [unit_a.pk]})
    assert response.status_code == 302
    assert assigned(criteria_set) == {"SNV": "rita"}
    other = make_user("vinh", Role.REVIEWER)
    client.post(assign_url(criteria_set), {"reviewer": other.pk, "units": [unit_a.pk]})
    assert assigned(criteria_set) == {"SNV": "vinh"}
    client.post(assign_url(criteria_set), {"reviewer": "none", "units": [unit_a.pk]})
    assert assigned(criteria_set) == {}


def test_lead_assigns_ticked_rows_and_a_whole_group(
    client, lena, rita, unit_a, unit_b, group_communes, criteria_set
):
    commune = Unit.objects.create(
        code="XA1", name="UBND xã Long Thành", type=UnitType.COMMUNE, group=group_communes
    )
    login(client, lena)
    client.post(assign_url(criteria_set), {"reviewer": rita.pk, "units": [unit_a.pk, unit_b.pk]})
    assert assigned(criteria_set) == {"SNV": "rita", "STP": "rita"}
    client.post(assign_url(criteria_set), {"reviewer": lena.pk, "group": group_communes.pk})
    assert assigned(criteria_set) == {"SNV": "rita", "STP": "rita", "XA1": "lena"}
    # The board shows the reviewer and, for rita, her units first.
    login(client, rita)
    response = client.get(reverse("review:board", args=[criteria_set.year]))
    codes = [u.code for u in response.context["page_obj"]]
    assert codes == ["SNV", "STP", "XA1"]
    assert commune.code in response.content.decode() and "Lena" in response.content.decode()


def test_assignment_needs_the_lead_and_a_choice(client, lena, rita, alice, unit_a, criteria_set):
    response = login(client, rita).post(
        assign_url(criteria_set), {"reviewer": rita.pk, "units": [unit_a.pk]}
    )
    assert response.status_code == 403
    response = login(client, lena).post(
        assign_url(criteria_set), {"reviewer": rita.pk}, follow=True
    )
    assert "Đánh dấu các đơn vị cần phân công" in response.content.decode()
    # A unit's staff is not on the review team and cannot be chosen.
    response = client.post(
        assign_url(criteria_set), {"reviewer": alice.pk, "units": [unit_a.pk]}, follow=True
    )
    assert assigned(criteria_set) == {}
    assert response.status_code == 200
