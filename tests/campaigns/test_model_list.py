from django.urls import reverse

from campaigns.models import DanVanModel, ModelStatus
from tests.campaigns.conftest import make_model
from tests.conftest import login


def _names(response):
    return [m.name for m in response.context["page_obj"]]


def test_search_ignores_diacritics_and_filters_combine(client, rita, unit_a, unit_b):
    make_model(unit_a, "Dân vận khéo trong xây dựng nông thôn mới")
    make_model(unit_b, "Tuyến đường nở hoa", field="culture_society")
    make_model(
        unit_b,
        "Dân vận khéo giải phóng mặt bằng",
        status=ModelStatus.RECOGNISED,
        recognition_level="province",
    )
    login(client, rita)
    url = reverse("campaigns:model_list")
    assert len(_names(client.get(url, {"q": "dan van kheo"}))) == 2
    assert _names(client.get(url, {"q": "DUONG NO HOA"})) == ["Tuyến đường nở hoa"]
    assert len(_names(client.get(url, {"q": "so tu phap"}))) == 2
    assert _names(client.get(url, {"q": "dan van", "level": "province"})) == [
        "Dân vận khéo giải phóng mặt bằng"
    ]
    assert _names(client.get(url, {"unit": unit_a.pk})) == [
        "Dân vận khéo trong xây dựng nông thôn mới"
    ]
    assert _names(client.get(url, {"field": "culture_society"})) == ["Tuyến đường nở hoa"]
    assert len(_names(client.get(url, {"status": "registered"}))) == 2


def test_unit_staff_see_only_their_unit_and_the_unit_filter_is_not_offered(
    client, alice, unit_a, unit_b
):
    make_model(unit_a, "Của A")
    make_model(unit_b, "Của B")
    response = login(client, alice).get(reverse("campaigns:model_list"), {"unit": unit_b.pk})
    assert _names(response) == ["Của A"]
    assert "unit" not in response.context["form"].fields


def test_list_is_paged_and_sorted(client, rita, unit_a):
    DanVanModel.objects.bulk_create(
        DanVanModel(
            unit=unit_a,
            year=2020 + i % 5,
            name=f"Mô hình {i:02d}",
            field="economy",
            search_text=f"mo hinh {i:02d}",
        )
        for i in range(30)
    )
    login(client, rita)
    response = client.get(reverse("campaigns:model_list"), {"sort": "-name"})
    assert _names(response)[:2] == ["Mô hình 29", "Mô hình 28"]
    assert response.context["page_obj"].paginator.num_pages == 2
    response = client.get(reverse("campaigns:model_list"), {"sort": "year", "year": 2021})
    assert {m.year for m in response.context["page_obj"]} == {2021}


def test_list_query_count_does_not_grow_with_rows(
    client, rita, alice, unit_a, unit_b, django_assert_num_queries
):
    def count(user):
        login(client, user)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("campaigns:model_list")).status_code == 200
        return len(ctx)

    make_model(unit_a, "Một")
    few = count(rita), count(alice)
    for i in range(30):
        make_model(unit_a if i % 2 else unit_b, f"Mô hình {i}")
    assert (count(rita), count(alice)) == few
