"""The classification pages, through the real views."""

import json
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from ratings import services
from ratings.models import ClassificationRun, RunStatus
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit, recognised_models


def _group_of_ten(criteria_set, group, prefix="U"):
    totals = [95, 93, 92, 91, 88, 85, 80, 72, 65]
    units = []
    for i, total in enumerate(totals):
        unit = make_unit(f"{prefix}{i}", group, name=f"Đơn vị {prefix}{i} điểm {total}")
        accepted_report(unit, criteria_set, total)
        units.append(unit)
    weak = make_unit(f"{prefix}W", group, name=f"Đơn vị {prefix}W yếu tiêu chí 5")
    accepted_report(weak, criteria_set, 91, fixed={5: 6}, violation="")
    recognised_models(weak, criteria_set.year, 2)
    return units + [weak]


def test_lead_runs_the_classification_and_reads_the_results(
    client, lena, criteria_set, group_departments, django_capture_on_commit_callbacks
):
    _group_of_ten(criteria_set, group_departments)
    make_unit("NOREP", group_departments, name="Đơn vị chưa nộp báo cáo")
    login(client, lena)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("ratings:start", args=[criteria_set.year]))
    run = ClassificationRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "ratings:run", args=[run.pk]
    )
    assert run.status == RunStatus.DONE and run.is_current and run.started_by == lena

    progress = client.get(reverse("ratings:progress", args=[run.pk])).json()
    assert progress["finished"] and progress["done"] == progress["total"] == 11

    page = client.get(reverse("ratings:year", args=[criteria_set.year])).content.decode()
    assert (
        page.index("Đơn vị U0 điểm 95")
        < page.index("Đơn vị U1 điểm 93")
        < page.index("Đơn vị U2 điểm 92")
    )
    assert "bị giới hạn tỷ lệ" in page
    assert "Đơn vị chưa nộp báo cáo — Chưa có báo cáo" in page
    assert "Xuất sắc" in page and "Trung bình" in page
    chart = json.loads(_json_script(page, "class-chart-data"))
    excellent = next(s for s in chart["series"] if s["code"] == "excellent")
    assert excellent["current"] == [2]


def test_violation_note_is_shown(client, lena, criteria_set, group_departments):
    accepted_report(make_unit("VIO", group_departments), criteria_set, 97, violation="Tham nhũng")
    services.run_now(criteria_set.year)
    page = login(client, lena).get(reverse("ratings:year", args=[criteria_set.year]))
    assert "vi phạm: Tham nhũng" in page.content.decode()


def test_a_second_request_says_a_run_is_already_going(client, lena, criteria_set):
    running = services.start_run(criteria_set.year, lena)  # queued, not yet picked up
    response = login(client, lena).post(
        reverse("ratings:start", args=[criteria_set.year]), follow=True
    )
    assert "đang chạy" in response.content.decode()
    assert ClassificationRun.objects.filter(year=criteria_set.year).count() == 1
    assert ClassificationRun.objects.get().pk == running.pk


def test_a_dead_run_does_not_block_the_year_forever(
    client, lena, criteria_set, settings, django_capture_on_commit_callbacks
):
    dead = services.start_run(criteria_set.year, lena)
    ClassificationRun.objects.filter(pk=dead.pk).update(status=RunStatus.RUNNING)
    settings.RATINGS_RUN_STALE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        login(client, lena).post(reverse("ratings:start", args=[criteria_set.year]))
    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED
    assert services.current_run(criteria_set.year).status == RunStatus.DONE


def test_broker_down_keeps_the_run_waiting(
    transactional_db, client, lena, criteria_set, broker_down
):
    # Real commits, so the task is queued during the request as in production.
    response = login(client, lena).post(
        reverse("ratings:start", args=[criteria_set.year]), follow=True
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "sẽ tự bắt đầu khi hệ thống hoạt động lại" in html
    run = ClassificationRun.objects.get()
    assert run.status == RunStatus.QUEUED and run.enqueued_at is None and run.error == ""
    progress = client.get(reverse("ratings:progress", args=[run.pk])).json()
    assert not progress["finished"] and "hoạt động lại" in progress["label"]


def test_results_page_query_count_does_not_grow_with_units(
    client, lena, criteria_set, group_departments, group_communes, django_assert_num_queries
):
    _group_of_ten(criteria_set, group_departments, "D")
    services.run_now(criteria_set.year)
    accepted_report(make_unit("E0", group_departments), criteria_set, 75)
    services.run_now(criteria_set.year)  # a previous run with a different result: a diff
    login(client, lena)
    url = reverse("ratings:year", args=[criteria_set.year])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _group_of_ten(criteria_set, group_communes, "X")
    for i in range(15):
        accepted_report(make_unit(f"Y{i}", group_communes), criteria_set, 70 + i)
    services.run_now(criteria_set.year)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_changes_since_the_previous_run_are_listed(client, lena, criteria_set, group_departments):
    unit = make_unit("CH", group_departments, name="Đơn vị thay đổi")
    report = accepted_report(unit, criteria_set, 80)
    services.run_now(criteria_set.year)
    score = report.scores.get(criterion__number=1)
    score.review_score = score.review_score - 5
    score.save()
    services.run_now(criteria_set.year)
    page = login(client, lena).get(reverse("ratings:year", args=[criteria_set.year]))
    changes = page.content.decode().split('id="changes"')[1].split("</table>")[0]
    assert "Đơn vị thay đổi" in changes and "-5" in changes


def _json_script(page, element_id):
    start = page.index(f'id="{element_id}"')
    return page[page.index(">", start) + 1 : page.index("</script>", start)]


def test_the_requeuer_replaces_a_run_whose_worker_died(
    lena, criteria_set, group_departments, settings, django_capture_on_commit_callbacks
):
    from danvan.jobs import requeue_stale_jobs

    accepted_report(make_unit("RQ", group_departments), criteria_set, 80)
    dead = services.start_run(criteria_set.year, lena)
    ClassificationRun.objects.filter(pk=dead.pk).update(  # a worker took it, then died
        status=RunStatus.RUNNING, enqueued_at=timezone.now()
    )
    settings.RATINGS_RUN_STALE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        counts = requeue_stale_jobs.apply().get()
    assert counts[services.JOB] == 1
    dead.refresh_from_db()
    assert dead.status == RunStatus.FAILED
    current = services.current_run(criteria_set.year)
    assert current.started_by == lena and current.status == RunStatus.DONE


def test_criterion_scores_on_the_results_page_have_a_decimal_comma(
    client, lena, criteria_set, group_departments
):
    scores = {c.number: c.max_points for c in criteria_set.criteria.all()}
    scores[1] = Decimal("9.30")
    accepted_report(make_unit("DEC", group_departments), criteria_set, scores=scores)
    services.run_now(criteria_set.year)
    page = login(client, lena).get(reverse("ratings:year", args=[criteria_set.year]))
    html = page.content.decode()
    assert "<td>9,30</td>" in html and "<td>15,00</td>" in html
    assert "9.30" not in html
