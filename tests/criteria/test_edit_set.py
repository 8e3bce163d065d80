"""Editing a year's set through the admin pages, before and after reports are submitted."""

from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from criteria.models import ClassTier, Criterion, Indicator
from tests.conftest import login

from .conftest import page_data


def _get(client, name, criteria_set, **kwargs):
    response = client.get(reverse(name, kwargs={"year": criteria_set.year, **kwargs}))
    assert response.status_code == 200
    return response


def _criteria_form(client, criteria_set):
    response = _get(client, "criteria:edit_criteria", criteria_set)
    return response.request["PATH_INFO"], page_data(response)


def _row(data, prefix, field, value):
    """The index of the row of a formset whose `field` has `value`."""
    for key, current in data.items():
        if key.startswith(prefix + "-") and key.endswith("-" + field) and str(current) == value:
            return key.split("-")[1]
    raise AssertionError(f"no row with {field}={value}")


def test_criteria_points_can_change_before_any_submission(client, adam, criteria_set):
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    one = _row(data, "criteria", "number", "1")
    two = _row(data, "criteria", "number", "2")
    data[f"criteria-{one}-max_points"] = "12"
    data[f"criteria-{two}-max_points"] = "13"
    response = client.post(url, data)
    assert response.status_code == 302
    assert criteria_set.criteria.get(number=1).max_points == Decimal("12")
    assert criteria_set.criteria.get(number=2).max_points == Decimal("13")
    entry = AuditEntry.objects.get(action=Action.CRITERIA_CHANGE)
    assert entry.details["part"] == "criteria" and entry.user == adam


def test_points_that_miss_the_total_are_refused_and_the_input_kept(client, adam, criteria_set):
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    one = _row(data, "criteria", "number", "1")
    data[f"criteria-{one}-max_points"] = "11.5"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "101,5" in response.content.decode() or "101.5" in response.content.decode()
    assert 'value="11.5"' in response.content.decode()
    assert criteria_set.criteria.get(number=1).max_points == Decimal("10")


def test_total_and_points_change_together(client, adam, criteria_set):
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    one = _row(data, "criteria", "number", "1")
    data[f"criteria-{one}-max_points"] = "20"
    data["total_points"] = "110"
    assert client.post(url, data).status_code == 302
    criteria_set.refresh_from_db()
    assert criteria_set.total_points == Decimal("110")


def test_tiers_out_of_order_are_refused(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_rules", criteria_set)
    data = page_data(response)
    good = _row(data, "tiers", "name", "Tốt")
    data[f"tiers-{good}-min_total"] = "95"
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 200
    assert "Tốt" in response.context["formset"].non_form_errors()[0]
    assert 'value="95"' in response.content.decode()
    assert ClassTier.objects.get(criteria_set=criteria_set, code="good").min_total == 70


def test_adding_an_indicator_before_submission(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_indicators", criteria_set)
    data = page_data(response)
    new = data["indicators-TOTAL_FORMS"]
    assert f"indicators-{new}-code" not in data
    data["indicators-TOTAL_FORMS"] = str(int(new) + 1)
    data.update(
        {
            f"indicators-{new}-code": "staff_total",
            f"indicators-{new}-name": "Tổng số cán bộ",
            f"indicators-{new}-kind": "integer",
            f"indicators-{new}-min_value": "0",
            f"indicators-{new}-order": "99",
        }
    )
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 302
    assert criteria_set.indicators.filter(code="staff_total").exists()


def test_unknown_code_in_a_consistency_rule_is_refused(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_indicator_rules", criteria_set)
    data = page_data(response)
    data["rules-0-right_codes"] = "petitions_resolved no_such_code"
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 200
    assert "no_such_code" in response.content.decode()
    assert not criteria_set.rules.filter(right_codes__contains="no_such_code").exists()


def test_deadline_and_period_closed_are_editable(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_settings", criteria_set)
    data = page_data(response)
    data["submission_deadline"] = f"{criteria_set.year}-11-20"
    data["submissions_closed"] = "on"
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    criteria_set.refresh_from_db()
    assert criteria_set.submission_deadline.day == 20
    assert criteria_set.submissions_closed


def test_sub_items_of_a_criterion(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_items", criteria_set, number=5)
    data = page_data(response)
    data.update({"items-0-label": "a)", "items-0-title": "Tiếp công dân", "items-0-order": "1"})
    data.update({"items-1-label": "b)", "items-1-title": "Đối thoại", "items-1-max_points": "20"})
    data["items-1-order"] = "2"
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 200  # 20 points of sub-items > the criterion's 15
    data["items-1-max_points"] = "5"
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert [i.label for i in criteria_set.criteria.get(number=5).items.all()] == ["a)", "b)"]


# --- Once a report of the year has been submitted ---------------------------------------------


def test_points_change_refused_after_a_submitted_report(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    one = _row(data, "criteria", "number", "1")
    two = _row(data, "criteria", "number", "2")
    data[f"criteria-{one}-max_points"] = "12"
    data[f"criteria-{two}-max_points"] = "13"
    response = client.post(url, data, follow=True)
    page = response.content.decode()
    assert "Các thay đổi bị từ chối" in page and "Điểm tối đa của" in page
    assert 'value="12"' in page  # the typed input is kept
    assert criteria_set.criteria.get(number=1).max_points == Decimal("10")
    assert not AuditEntry.objects.filter(action=Action.CRITERIA_CHANGE).exists()


def test_threshold_change_refused_after_a_submitted_report(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    response = _get(client, "criteria:edit_rules", criteria_set)
    data = page_data(response)
    excellent = _row(data, "tiers", "name", "Xuất sắc")
    data[f"tiers-{excellent}-min_total"] = "85"
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 200
    assert ClassTier.objects.get(criteria_set=criteria_set, code="excellent").min_total == 90


def test_removing_an_indicator_refused_after_a_submitted_report(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    response = _get(client, "criteria:edit_indicators", criteria_set)
    data = page_data(response)
    data["indicators-0-DELETE"] = "on"
    response = client.post(response.request["PATH_INFO"], data)
    assert response.status_code == 200
    assert criteria_set.indicators.count() == 15


def test_wording_stays_editable_after_a_submitted_report(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    one = _row(data, "criteria", "number", "1")
    data[f"criteria-{one}-title"] = "Triển khai văn bản chỉ đạo (đã sửa lỗi chính tả)"
    data[f"criteria-{one}-guidance"] = "Chấm theo số văn bản đã triển khai."
    response = client.post(url, data)
    assert response.status_code == 302
    criterion = criteria_set.criteria.get(number=1)
    assert criterion.title.endswith("(đã sửa lỗi chính tả)")
    assert criterion.guidance == "Chấm theo số văn bản đã triển khai."

    response = _get(client, "criteria:edit_indicators", criteria_set)
    data = page_data(response)
    code = _row(data, "indicators", "code", "dossiers_received")
    data[f"indicators-{code}-name"] = "Số hồ sơ đã tiếp nhận"
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert Indicator.objects.get(criteria_set=criteria_set, code="dossiers_received").name == (
        "Số hồ sơ đã tiếp nhận"
    )


def test_lock_flag_of_the_reports_side_also_locks(client, adam, criteria_set):
    from criteria.services import lock

    lock(criteria_set)
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    data["criteria-TOTAL_FORMS"] = str(int(data["criteria-TOTAL_FORMS"]))
    one = _row(data, "criteria", "number", "1")
    data[f"criteria-{one}-DELETE"] = "on"
    data["total_points"] = "90"
    assert client.post(url, data).status_code == 200
    assert Criterion.objects.filter(criteria_set=criteria_set).count() == 9


@pytest.mark.parametrize(
    "name", ["criteria:edit_settings", "criteria:edit_criteria", "criteria:copy"]
)
def test_reviewer_and_unit_staff_get_403(client, rita, alice, criteria_set, name):
    url = reverse(name, kwargs={"year": criteria_set.year})
    for user in (rita, alice):
        login(client, user)
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code == 403
    assert client.post(reverse("criteria:import"), {}).status_code == 403


@pytest.mark.parametrize("extra", [0, 10])
def test_indicator_page_queries_do_not_grow(
    client, adam, criteria_set, django_assert_num_queries, extra
):
    for n in range(extra):
        Indicator.objects.create(criteria_set=criteria_set, code=f"extra_{n}", name=f"Chỉ số {n}")
    login(client, adam)
    url = reverse("criteria:edit_indicators", kwargs={"year": criteria_set.year})
    client.get(url)
    with django_assert_num_queries(6):  # the session is not written on every request (issue 18)
        assert client.get(url).status_code == 200


def test_removing_a_criterion_scored_in_a_draft_is_refused_without_error(
    client, adam, criteria_set, unit_a
):
    from reports.models import AnnualReport, CriterionScore

    draft = AnnualReport.objects.create(unit=unit_a, criteria_set=criteria_set)
    CriterionScore.objects.create(report=draft, criterion=criteria_set.criteria.get(number=1))
    login(client, adam)
    url, data = _criteria_form(client, criteria_set)
    data[f"criteria-{_row(data, 'criteria', 'number', '1')}-DELETE"] = "on"
    data["total_points"] = "90"
    response = client.post(url, data, follow=True)
    assert "không thể xóa" in response.content.decode()
    assert criteria_set.criteria.count() == 9
    criteria_set.refresh_from_db()
    assert criteria_set.total_points == 100


def test_class_rename_allowed_and_unchanged_save_not_audited_when_locked(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    response = _get(client, "criteria:edit_rules", criteria_set)
    data = page_data(response)
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert not AuditEntry.objects.filter(action=Action.CRITERIA_CHANGE).exists()
    data[f"tiers-{_row(data, 'tiers', 'name', 'Tốt')}-name"] = "Hoàn thành tốt"
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert criteria_set.tiers.get(code="good").name == "Hoàn thành tốt"
    assert AuditEntry.objects.get(action=Action.CRITERIA_CHANGE).details["score_changes"] == []


@pytest.mark.parametrize("extra_years", [0, 5])
def test_set_list_queries_do_not_grow(
    client, rita, criteria_set, django_assert_num_queries, extra_years
):
    from criteria.services import copy_to_year

    for n in range(extra_years):
        copy_to_year(criteria_set, criteria_set.year + 1 + n)
    login(client, rita)
    client.get(reverse("criteria:list"))
    with django_assert_num_queries(3):  # the session is not written on every request (issue 18)
        assert client.get(reverse("criteria:list")).status_code == 200


def test_django_admin_shows_score_fields_read_only_when_locked(
    client, adam, criteria_set, submitted_report
):
    login(client, adam)
    url = reverse("admin:criteria_criteriaset_change", args=[criteria_set.pk])
    page = client.get(url).content.decode()
    assert 'name="criteria-0-max_points"' not in page
    assert 'name="criteria-0-guidance"' in page
    assert 'name="late_penalty"' not in page


def test_consistency_rules_add_before_and_refused_after_submission(client, adam, criteria_set):
    login(client, adam)
    response = _get(client, "criteria:edit_indicator_rules", criteria_set)
    data = page_data(response)
    before = criteria_set.rules.count()
    new = before  # the empty row after the default rules
    data.update(
        {
            f"rules-{new}-left_codes": "dossiers_on_time",
            f"rules-{new}-operator": "<=",
            f"rules-{new}-right_codes": "online_full",
            f"rules-{new}-message": "Kiểm tra tỷ lệ.",
        }
    )
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert criteria_set.rules.count() == before + 1

    from criteria.services import lock

    lock(criteria_set)
    response = _get(client, "criteria:edit_indicator_rules", criteria_set)
    data = page_data(response)
    data["rules-0-message"] = "Tổng số đơn đã xử lý lớn hơn số đơn tiếp nhận."
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    assert criteria_set.rules.filter(message__startswith="Tổng số đơn đã xử lý").exists()
    added = criteria_set.rules.get(message="Kiểm tra tỷ lệ.")
    index = list(criteria_set.rules.all()).index(added)
    data[f"rules-{index}-operator"] = "=="
    assert client.post(response.request["PATH_INFO"], data).status_code == 200
    assert criteria_set.rules.get(pk=added.pk).operator == "<="


def test_period_can_be_closed_after_submissions(client, adam, criteria_set, submitted_report):
    login(client, adam)
    response = _get(client, "criteria:edit_settings", criteria_set)
    data = page_data(response)
    data["submissions_closed"] = "on"
    data["review_deadline"] = f"{criteria_set.year}-12-20"
    assert client.post(response.request["PATH_INFO"], data).status_code == 302
    criteria_set.refresh_from_db()
    assert criteria_set.submissions_closed and criteria_set.review_deadline.day == 20
