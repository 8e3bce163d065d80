"""The people list: search without diacritics, filters, sorting, paging and .xlsx export."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Invitation, Role
from tests.conftest import login, make_user


def named(username, full_name, unit):
    user = make_user(username, Role.STAFF, unit)
    user.full_name = full_name
    user.save()
    return user


def _names(response):
    return [u.username for u in response.context["page_obj"]]


def test_search_ignores_diacritics_and_case(client, adam, unit_a):
    named("ngoc", "Nguyễn Thị Ngọc Đào", unit_a)
    named("binh", "Trần Văn Bình", unit_a)
    login(client, adam)
    assert _names(client.get(reverse("accounts:user_list"), {"q": "ngoc dao"})) == ["ngoc"]
    assert _names(client.get(reverse("accounts:user_list"), {"q": "NGUYỄN THỊ"})) == ["ngoc"]
    assert _names(client.get(reverse("accounts:user_list"), {"q": "binh@example"})) == ["binh"]


def test_filters_by_unit_role_and_state(client, adam, alice, hana, bob, rita, unit_a):
    login(client, adam)
    url = reverse("accounts:user_list")
    assert set(_names(client.get(url, {"unit": unit_a.pk}))) == {"alice", "hana"}
    assert _names(client.get(url, {"unit": unit_a.pk, "role": "head"})) == ["hana"]
    assert _names(client.get(url, {"role": "reviewer"})) == ["rita"]
    bob.is_active = False
    bob.save()
    assert _names(client.get(url, {"state": "deactivated"})) == ["bob"]


def test_sorts_by_name_the_folded_way_and_pages(client, adam, unit_a):
    for username, name in [("d1", "Đỗ An"), ("d2", "Dương Bá"), ("e1", "Ê Đê"), ("a1", "Ánh")]:
        named(username, name, unit_a)
    login(client, adam)
    url = reverse("accounts:user_list")
    ordered = _names(client.get(url, {"unit": unit_a.pk, "sort": "name"}))
    assert ordered == ["a1", "d1", "d2", "e1"]
    assert _names(client.get(url, {"unit": unit_a.pk, "sort": "-name"})) == ordered[::-1]
    for i in range(30):
        make_user(f"p{i:02d}", Role.STAFF, unit_a)
    first = client.get(url, {"sort": "name"})
    assert first.context["page_obj"].paginator.num_pages == 2
    second = client.get(url, {"sort": "name", "page": 2})
    assert not set(_names(first)) & set(_names(second))


def test_export_writes_the_filtered_list_in_import_columns(client, adam, alice, hana, bob):
    alice.full_name = "Nguyễn Thị Alice"
    alice.phone = "0912345678"
    alice.save()
    response = login(client, adam).get(reverse("accounts:user_export"), {"q": "alice"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:5] == ("Họ và tên", "E-mail", "Mã đơn vị", "Vai trò", "Điện thoại")
    assert rows[1][:5] == (
        "Nguyễn Thị Alice",
        "alice@example.vn",
        "SNV",
        "Cán bộ đơn vị",
        "0912345678",
    )
    assert rows[1][7] == "Đang hoạt động"
    assert len(rows) == 2


def test_head_exports_only_their_unit(client, hana, alice, bob):
    response = login(client, hana).get(reverse("accounts:user_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert sorted(r[1] for r in rows[1:]) == ["alice@example.vn", "hana@example.vn"]


def _add_people(unit, start, count):
    for i in range(start, start + count):
        user = make_user(f"u{i:03d}", Role.STAFF, unit)
        if i % 2:
            user.set_unusable_password()
            user.save()
            Invitation.objects.create(user=user)


def test_list_and_export_queries_do_not_grow_with_people(client, adam, unit_a, unit_b):
    login(client, adam)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    _add_people(unit_a, 0, 3)
    few = (count(reverse("accounts:user_list")), count(reverse("accounts:user_export")))
    _add_people(unit_b, 3, 40)
    many = (count(reverse("accounts:user_list")), count(reverse("accounts:user_export")))
    assert few == many
