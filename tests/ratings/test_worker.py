"""The aggregation on a real Celery worker (PostgreSQL + Redis pass): it runs there, and a
worker killed mid-run leaves the previous result current; the next run completes."""

import time

import pytest
from django.urls import reverse

from ratings import services
from ratings.models import ClassificationRun, RunStatus, UnitResult
from tests.conftest import login
from tests.ratings.factories import accepted_report, make_unit, many_accepted_reports

pytestmark = pytest.mark.worker

LARGE = 20000


def _wait_for(condition, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("the worker did not get there in time")


def _run(pk):
    return ClassificationRun.objects.get(pk=pk)


def test_the_task_runs_on_the_worker(real_worker, client, lena, criteria_set, group_departments):
    for i, total in enumerate((96, 93, 80, 60)):
        accepted_report(make_unit(f"W{i}", group_departments), criteria_set, total)
    response = login(client, lena).post(reverse("ratings:start", args=[criteria_set.year]))
    run = ClassificationRun.objects.get()
    assert response["Location"] == reverse("ratings:run", args=[run.pk])
    _wait_for(lambda: _run(run.pk).status == RunStatus.DONE)
    run.refresh_from_db()
    assert run.is_current and run.started_by == lena
    classes = dict(UnitResult.objects.filter(run=run).values_list("unit__code", "tier_code"))
    assert classes == {"W0": "excellent", "W1": "good", "W2": "good", "W3": "average"}
    progress = client.get(reverse("ratings:progress", args=[run.pk])).json()
    assert progress["finished"] and progress["done"] == 4


def test_a_killed_worker_leaves_the_previous_result_current(
    real_worker, client, lena, criteria_set, group_communes, settings
):
    many_accepted_reports(criteria_set, group_communes, LARGE)
    previous = services.run_now(criteria_set.year)
    login(client, lena).post(reverse("ratings:start", args=[criteria_set.year]))
    killed = ClassificationRun.objects.exclude(pk=previous.pk).get()

    # Kill the worker once the run is visibly half-way: some rows written, not finished.
    _wait_for(lambda: _run(killed.pk).progress_done > 0)
    real_worker.kill()
    killed.refresh_from_db()
    assert killed.status == RunStatus.RUNNING and killed.progress_done < LARGE
    assert services.current_run(criteria_set.year) == previous
    assert UnitResult.objects.filter(run=previous).count() == LARGE

    # While its heartbeat is fresh the dead run still holds the year ...
    settings.RATINGS_RUN_STALE_SECONDS = 3600
    response = client.post(reverse("ratings:start", args=[criteria_set.year]), follow=True)
    assert "đang chạy" in response.content.decode()
    # ... and once it is stale, a new run replaces it and completes on a new worker.
    settings.RATINGS_RUN_STALE_SECONDS = 0
    real_worker.start()
    client.post(reverse("ratings:start", args=[criteria_set.year]))
    killed.refresh_from_db()
    assert killed.status == RunStatus.FAILED and not killed.is_current
    assert not UnitResult.objects.filter(run=killed).exists()
    new = ClassificationRun.objects.exclude(pk__in=[previous.pk, killed.pk]).get()
    _wait_for(lambda: _run(new.pk).status == RunStatus.DONE)
    new.refresh_from_db()
    previous.refresh_from_db()
    assert new.is_current and not previous.is_current
    assert new.fingerprint == previous.fingerprint
    assert UnitResult.objects.filter(run=new).count() == LARGE
