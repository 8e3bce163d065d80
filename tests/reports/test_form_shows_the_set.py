"""The form a unit fills shows, for each criterion, what the year's set says about it: its
sub-items with their points, its guidance and its maximum."""

from decimal import Decimal

from django.urls import reverse

from criteria.models import CriterionItem
from tests.conftest import login


def test_each_criterion_shows_its_sub_items_guidance_and_maximum(client, alice, report):
    criterion = report.criteria_set.criteria.get(number=5)
    criterion.guidance = "Chấm theo số cuộc đối thoại có biên bản."
    criterion.max_points = Decimal("10.00")
    criterion.save()
    CriterionItem.objects.create(
        criterion=criterion, label="a)", title="Tiếp công dân định kỳ", max_points="2.5", order=1
    )
    CriterionItem.objects.create(
        criterion=criterion, label="b)", title="Đối thoại với Nhân dân", order=2
    )
    html = login(client, alice).get(reverse("reports:edit", args=[report.pk])).content.decode()
    section = html[html.index('id="criterion-5"') :]
    section = section[: section.index("</section>")]
    assert "a) Tiếp công dân định kỳ" in section and "2,5" in section
    assert "b) Đối thoại với Nhân dân" in section
    assert "Chấm theo số cuộc đối thoại có biên bản." in section
    assert "tối đa 10 điểm" in section
