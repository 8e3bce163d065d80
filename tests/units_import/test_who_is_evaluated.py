"""Who is evaluated (issue 13, item 3): a unit says whether it is rated, by default from its
type (UBND tỉnh issues the decision and is not rated); the Excel list may say it; units that
are not evaluated appear in the registry only; a closed unit's people read why they have
nothing to file instead of an overdue warning."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ratings import services as ratings
from ratings.models import UnitResult
from tests.conftest import ensure_reference_data, login
from tests.ratings.factories import accepted_report
from tests.units_import.files import HEADER, unit_row, upload, xlsx_bytes
from tests.units_import.test_import_pages import import_file
from units.models import Unit, UnitType

pytestmark = pytest.mark.django_db

PROVINCE_TYPE = "UBND tỉnh"


@pytest.fixture
def province(group_departments):
    """UBND tỉnh, created like any unit: its type says it is not evaluated."""
    return Unit.objects.create(
        code="UBT", name="UBND tỉnh Đồng Nai", type=UnitType.PROVINCE, group=group_departments
    )


def test_the_type_gives_the_default_and_the_admin_may_change_it(province, unit_a):
    assert not province.is_evaluated
    assert unit_a.is_evaluated
    province.is_evaluated = True
    province.save()
    province.refresh_from_db()
    assert province.is_evaluated


def test_the_excel_list_says_who_is_evaluated(client, adam):
    ensure_reference_data()
    header = [*HEADER, "Được đánh giá"]
    rows = [
        [*unit_row("UBT", "UBND tỉnh", type_=PROVINCE_TYPE), ""],
        [*unit_row("SNV", "Sở Nội vụ"), ""],
        [*unit_row("BQL", "Ban Quản lý dự án"), "Không"],
        [*unit_row("VP", "Văn phòng UBND tỉnh", type_=PROVINCE_TYPE), "Có"],
    ]
    batch, _response = import_file(login(client, adam), upload(xlsx_bytes(rows, header)))
    assert batch.status == batch.Status.DONE
    evaluated = dict(Unit.objects.values_list("code", "is_evaluated"))
    assert evaluated == {"UBT": False, "SNV": True, "BQL": False, "VP": True}


def test_a_yes_or_no_the_import_cannot_read_is_refused_with_its_row(client, adam):
    ensure_reference_data()
    header = [*HEADER, "Được đánh giá"]
    rows = [[*unit_row("SNV", "Sở Nội vụ"), "có lẽ"]]
    batch, response = import_file(login(client, adam), upload(xlsx_bytes(rows, header)))
    assert not Unit.objects.exists()
    assert "Dòng 2, cột Được đánh giá" in response.content.decode()


def test_a_unit_not_evaluated_is_in_the_registry_only(
    client, criteria_set, province, unit_a, rita, lena
):
    accepted_report(province, criteria_set, 95)
    accepted_report(unit_a, criteria_set, 92)
    run = ratings.run_now(criteria_set.year)
    assert set(UnitResult.objects.filter(run=run).values_list("unit__code", flat=True)) == {"SNV"}

    login(client, rita)
    assert province.name in client.get(reverse("units:list")).content.decode()
    board = client.get(reverse("review:board", args=[criteria_set.year]))
    assert province.code not in {u.code for u in board.context["page_obj"]}
    dashboard = client.get(reverse("dashboards:province"))
    assert dashboard.context["summary"]["total"] == 1
    results = login(client, lena).get(reverse("ratings:year", args=[criteria_set.year]))
    assert province.name not in results.content.decode()


def test_a_closed_units_people_read_why_they_have_nothing_to_file(
    client, criteria_set, unit_a, alice
):
    criteria_set.submission_deadline = timezone.localdate() - timedelta(days=3)
    criteria_set.save()
    unit_a.active_to = criteria_set.year
    unit_a.save()
    for url in (reverse("home"), reverse("reports:index")):
        html = login(client, alice).get(url).content.decode()
        assert f"ngừng hoạt động từ năm {criteria_set.year}" in html, url
        assert "quá hạn" not in html, url
