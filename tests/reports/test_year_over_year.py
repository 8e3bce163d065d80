"""Last year beside this year, on the unit's form and on the review screen."""

from decimal import Decimal

import pytest
from django.urls import reverse

from criteria.services import create_default_set
from reports import services
from reports.models import AnnualReport, ReportState
from reports.year_over_year import nearly_same
from tests.conftest import login
from tests.review.factories import submitted_report

pytestmark = pytest.mark.django_db

LAST_TEXT = (
    "Đơn vị đã tổ chức ba hội nghị quán triệt các văn bản chỉ đạo về công tác dân vận "
    "chính quyền cho toàn thể cán bộ, công chức và người lao động trong năm."
)


@pytest.fixture
def last_year(unit_a, alice, criteria_set):
    """Last year's accepted report: criterion 1 self 9, review 8,5, with LAST_TEXT."""
    last_set = create_default_set(criteria_set.year - 1)
    report = services.start_report(unit_a, last_set, alice)
    report.scores.filter(criterion__number=1).update(
        narrative=LAST_TEXT, self_score=Decimal("9"), review_score=Decimal("8.5")
    )
    AnnualReport.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    return report


def test_nearly_same_means_ninety_percent_of_the_words_in_order():
    assert nearly_same(LAST_TEXT, LAST_TEXT.replace("ba hội nghị", "bốn hội nghị"))
    assert not nearly_same(LAST_TEXT, "Đơn vị đã tổ chức ba hội nghị.")  # too short to judge
    assert not nearly_same(LAST_TEXT, LAST_TEXT[:60] + " Ngoài ra còn " + "x " * 30)


def test_the_form_shows_last_years_scores_text_and_the_copy_mark(
    client, alice, unit_a, criteria_set, last_year
):
    report = services.start_report(unit_a, criteria_set, alice)
    report.scores.filter(criterion__number=1).update(narrative=LAST_TEXT + " Thêm một câu.")
    login(client, alice)
    html = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert f"Năm trước ({criteria_set.year - 1})" in html
    assert "điểm tự chấm <strong>9,00</strong>" in html
    assert "điểm thẩm định <strong>8,50</strong>" in html
    assert "gần như giống năm trước" in html
    assert "<ins>Thêm một câu.</ins>" in html.replace("<ins> ", "<ins>")


def test_the_review_screen_shows_last_year_and_no_mark_for_new_text(
    client, rita, unit_a, hana, criteria_set, last_year
):
    report = submitted_report(unit_a, hana, criteria_set)
    report.scores.filter(criterion__number=1).update(
        narrative="Năm nay đơn vị triển khai mô hình dân vận khéo mới về cải cách thủ tục "
        "hành chính, tiếp nhận và trả kết quả tại nhà cho người cao tuổi trên địa bàn."
    )
    login(client, rita)
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    assert f"Năm trước ({criteria_set.year - 1})" in html
    assert "điểm thẩm định <strong>8,50</strong>" in html
    assert "gần như giống năm trước" not in html


def test_no_last_year_no_block(client, alice, unit_a, criteria_set):
    report = services.start_report(unit_a, criteria_set, alice)
    login(client, alice)
    html = client.get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Năm trước (" not in html


def test_the_review_screen_shows_last_years_indicator_values_and_the_change(
    client, rita, unit_a, hana, criteria_set, last_year
):
    last_year.indicators.filter(indicator__code="petitions_received").update(value=40)
    report = submitted_report(unit_a, hana, criteria_set)
    report.indicators.filter(indicator__code="petitions_received").update(value=35)
    login(client, rita)
    html = client.get(reverse("review:report", args=[report.pk])).content.decode()
    assert "năm trước 40 (-5)" in html
