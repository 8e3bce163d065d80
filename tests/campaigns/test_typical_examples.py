from django.urls import reverse

from campaigns.models import TypicalExample
from tests.conftest import login


def _example(name, day="2026-03-05", pick=True, **extra):
    data = {
        "kind": "person",
        "name": name,
        "position": "Chuyên viên",
        "level": "unit",
        "commended_on": day,
        "decision": "",
        "reason": "Tận tụy với dân",
        **extra,
    }
    if pick:
        data["is_monthly_pick"] = "on"
    return data


def test_third_monthly_pick_of_a_unit_is_refused_with_a_clear_message(client, alice, unit_a):
    login(client, alice)
    url = reverse("campaigns:example_create")
    assert client.post(url, _example("Nguyễn Văn A")).status_code == 302
    assert client.post(url, _example("Trần Thị B", "2026-03-20")).status_code == 302
    response = client.post(url, _example("Lê Văn C", "2026-03-28"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "đã có 2 điển hình được chọn trong tháng 3/2026" in page
    assert "tối đa 2" in page
    assert TypicalExample.objects.count() == 2
    # Another month, or the same month without the pick, is fine.
    assert client.post(url, _example("Lê Văn C", "2026-04-01")).status_code == 302
    assert client.post(url, _example("Phạm D", "2026-03-28", pick=False)).status_code == 302
    assert set(TypicalExample.objects.values_list("unit", flat=True)) == {unit_a.pk}


def test_picks_count_per_unit_and_editing_a_pick_does_not_count_it_twice(
    client, alice, bob, rita, unit_a, unit_b
):
    url = reverse("campaigns:example_create")
    login(client, alice)
    client.post(url, _example("A1"))
    client.post(url, _example("A2"))
    login(client, bob)
    assert client.post(url, _example("B1")).status_code == 302
    login(client, alice)
    first = TypicalExample.objects.get(name="A1")
    response = client.post(reverse("campaigns:example_edit", args=[first.pk]), _example("A1 (sửa)"))
    assert response.status_code == 302
    # A province reviewer recording for unit A meets the same limit.
    login(client, rita)
    response = client.post(url, _example("A3", kind="collective", unit=unit_a.pk))
    assert response.status_code == 200
    assert not TypicalExample.objects.filter(name="A3").exists()


def test_unit_staff_see_their_own_examples_only(client, alice, bob, unit_a, unit_b):
    TypicalExample.objects.create(
        unit=unit_b,
        kind="collective",
        name="Tổ dân phố 5",
        level="commune",
        commended_on="2026-01-10",
        reason="Tốt",
    )
    example = TypicalExample.objects.get()
    login(client, alice)
    page = client.get(reverse("campaigns:example_list")).content.decode()
    assert "Tổ dân phố 5" not in page
    assert client.get(reverse("campaigns:example_edit", args=[example.pk])).status_code == 404
    login(client, bob)
    page = client.get(reverse("campaigns:example_list"), {"q": "to dan pho"}).content.decode()
    assert "Tổ dân phố 5" in page


def test_example_list_query_count_does_not_grow_with_rows(client, rita, unit_a, unit_b):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, rita)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("campaigns:example_list")).status_code == 200
        return len(ctx)

    def add(n):
        for i in range(n):
            TypicalExample.objects.create(
                unit=unit_a if i % 2 else unit_b,
                kind="person",
                name=f"Người {i}",
                level="unit",
                commended_on="2026-02-01",
                reason="Tốt",
            )

    add(1)
    few = count()
    add(30)
    assert count() == few
