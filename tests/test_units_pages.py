from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from units.models import Unit, UnitType


def test_search_ignores_diacritics_and_case(client, rita, unit_a, unit_b):
    page = login(client, rita).get(reverse("units:list"), {"q": "so noi vu"}).content.decode()
    assert "Sở Nội vụ" in page
    assert "Sở Tư pháp" not in page


def test_list_is_paged_and_sorted(client, rita, group_communes):
    Unit.objects.bulk_create(
        Unit(
            code=f"XA{i:03d}",
            name=f"UBND xã {i}",
            type=UnitType.COMMUNE,
            group=group_communes,
            search_text=f"xa{i:03d} ubnd xa {i}",
        )
        for i in range(60)
    )
    response = login(client, rita).get(reverse("units:list"), {"sort": "-code"})
    units = list(response.context["page_obj"])
    assert len(units) == 25
    assert units[0].code == "XA059"
    assert response.context["page_obj"].paginator.num_pages == 3


def test_list_query_count_does_not_grow_with_units(client, rita, group_communes):
    login(client, rita)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("units:list"))
        return len(ctx)

    Unit.objects.create(code="X1", name="UBND xã 1", type=UnitType.COMMUNE, group=group_communes)
    few = count()
    Unit.objects.bulk_create(
        Unit(code=f"Y{i}", name=f"UBND xã {i}", type=UnitType.COMMUNE, group=group_communes)
        for i in range(40)
    )
    assert count() == few


def test_unit_staff_see_only_their_own_unit(client, alice, unit_a, unit_b):
    login(client, alice)
    assert client.get(reverse("units:detail", args=[unit_a.pk])).status_code == 200
    assert client.get(reverse("units:detail", args=[unit_b.pk])).status_code == 404
    assert client.get(reverse("units:list")).status_code == 403


def test_only_admins_edit_units_and_bad_years_are_refused(client, rita, adam, unit_a):
    url = reverse("units:edit", args=[unit_a.pk])
    assert login(client, rita).get(url).status_code == 403
    login(client, adam)
    data = {
        "code": "SNV",
        "name": "Sở Nội vụ",
        "type": "department",
        "active_from": 2025,
        "active_to": 2020,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "trước năm bắt đầu" in response.content.decode()
    data["active_to"] = 2030
    assert client.post(url, data).status_code == 302
    unit_a.refresh_from_db()
    assert unit_a.active_to == 2030


def test_tree_shows_children_under_parents(client, rita, unit_a, group_departments):
    Unit.objects.create(code="CHILD", name="Chi cục Văn thư", type="public_service", parent=unit_a)
    page = login(client, rita).get(reverse("units:tree")).content.decode()
    assert page.index("Sở Nội vụ") < page.index("Chi cục Văn thư")
