"""A run whose inputs changed after it ran is out of date: its pages say why, in Vietnamese,
and it cannot be published (issue 12, item 7: "A reopened report still counts")."""

import pytest
from django.urls import reverse

from criteria.models import ClassTier
from ratings import services
from ratings.models import Decision
from reports import services as report_services
from reports.models import AnnualReport
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit
from tests.ratings.test_publishing import FORM

pytestmark = pytest.mark.django_db
STALE = "Kết quả này đã cũ"


@pytest.fixture
def reports(criteria_set, group_departments):
    return {
        code: accepted_report(make_unit(code, group_departments, f"Sở {code}"), criteria_set, total)
        for code, total in (("SNV", 96), ("STP", 84), ("STC", 66))
    }


def publish_post(client, run):
    """Everything a person fills in and confirms on the publish pages."""
    data = FORM | {"step": "confirm", "final": "on"}
    return client.post(reverse("ratings:publish", args=[run.pk]), data, follow=True)


def test_a_reopened_report_makes_the_run_out_of_date_and_publishing_is_refused(
    client, adam, lena, criteria_set, reports
):
    run = services.run_now(criteria_set.year)
    login(client, adam)
    run_page = client.get(reverse("ratings:run", args=[run.pk])).content.decode()
    assert STALE not in run_page

    report_services.reopen(reports["STP"], lena, "Sai điểm tiêu chí 2")

    run_page = client.get(reverse("ratings:run", args=[run.pk])).content.decode()
    assert STALE in run_page and "Sở STP" in run_page
    year_page = client.get(reverse("ratings:year", args=[criteria_set.year])).content.decode()
    assert STALE in year_page and "Sở STP" in year_page
    assert 'id="publish-run"' not in year_page

    refused = client.get(reverse("ratings:publish", args=[run.pk]), follow=True).content.decode()
    assert STALE in refused and "chạy lại xếp loại" in refused
    refused = publish_post(client, run).content.decode()
    assert STALE in refused
    assert not Decision.objects.exists()
    with pytest.raises(services.PublishError, match=STALE):
        services.publish(run, adam, **{name: FORM[name] for name in services.DECISION_FIELDS})

    fresh = services.run_now(criteria_set.year)
    assert services.run_out_of_date(fresh).reason == ""
    publish_post(client, fresh)
    assert Decision.objects.get().run == fresh


def test_a_change_that_leaves_the_result_as_it_was_does_not_block_publishing(
    client, adam, criteria_set, reports, group_departments
):
    draft_unit = make_unit("SXD", group_departments, "Sở SXD")
    draft = AnnualReport.objects.create(unit=draft_unit, criteria_set=criteria_set)
    run = services.run_now(criteria_set.year)
    draft.general_situation = "Đơn vị còn đang viết báo cáo."
    draft.save()  # a report that does not count yet: the result is the same
    assert services.run_out_of_date(run).reason == ""
    login(client, adam)
    assert STALE not in client.get(reverse("ratings:run", args=[run.pk])).content.decode()
    publish_post(client, run)
    assert Decision.objects.get().run == run


def test_changed_rules_make_the_run_out_of_date(client, adam, criteria_set, reports):
    run = services.run_now(criteria_set.year)
    ClassTier.objects.filter(criteria_set=criteria_set, code="good").update(min_total=85)
    login(client, adam)
    page = client.get(reverse("ratings:run", args=[run.pk])).content.decode()
    assert STALE in page and "quy tắc xếp loại" in page
    publish_post(client, run)
    assert not Decision.objects.exists()
