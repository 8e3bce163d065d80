"""A unit registers a model; the Ban Dân vận evaluates and recognises it; ratings reads it."""

from datetime import date, timedelta

from django.urls import reverse

from audit.models import Action, AuditEntry
from campaigns.models import DanVanModel, ModelStatus
from campaigns.services import RecognitionLevel, recognised_model_counts, unit_models
from tests.campaigns.conftest import make_model
from tests.conftest import login

REGISTRATION = {
    "name": "Dân vận khéo trong giải quyết thủ tục hành chính",
    "field": "political_system",
    "year": date.today().year,
    "start_date": "2026-02-01",
    "problem_and_goals": "Người dân phải đi lại nhiều lần.",
    "content_and_method": "Hướng dẫn tận nơi.",
    "area_and_people_served": "",
    "budget": "15000000",
    "work_days": "120",
    "results": "100% hồ sơ đúng hạn.",
}


def _move(client, model, status, comment=""):
    return client.post(
        reverse("campaigns:model_move", args=[model.pk]), {"status": status, "comment": comment}
    )


def test_register_run_evaluate_recognise_spread(client, alice, rita, unit_a):
    login(client, alice)
    response = client.post(reverse("campaigns:model_create"), REGISTRATION)
    model = DanVanModel.objects.get()
    assert response.url == reverse("campaigns:model_detail", args=[model.pk])
    assert (model.unit, model.status, model.created_by) == (unit_a, "registered", alice)
    assert model.budget == 15000000

    _move(client, model, ModelStatus.RUNNING, "Triển khai từ tháng 2")
    model.refresh_from_db()
    assert model.status == ModelStatus.RUNNING

    # Evaluation is the Ban Dân vận's step, not the unit's.
    _move(client, model, ModelStatus.EVALUATED)
    model.refresh_from_db()
    assert model.status == ModelStatus.RUNNING

    login(client, rita)
    _move(client, model, ModelStatus.EVALUATED, "Đạt yêu cầu")
    today = date.today()
    response = client.post(
        reverse("campaigns:model_recognise", args=[model.pk]),
        {"level": "province", "decided_on": today.isoformat(), "decision": "123/QĐ-BDVTU"},
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.status, model.recognition_level) == ("recognised", "province")
    assert (model.recognised_on, model.recognition_decision, model.recognised_by) == (
        today,
        "123/QĐ-BDVTU",
        rita,
    )
    _move(client, model, ModelStatus.SPREAD, "Nhân rộng ra 5 xã")
    model.refresh_from_db()
    assert model.status == ModelStatus.SPREAD

    events = list(model.events.values_list("actor__username", "from_status", "to_status"))
    assert events == [
        ("alice", "", "registered"),
        ("alice", "registered", "running"),
        ("rita", "running", "evaluated"),
        ("rita", "evaluated", "recognised"),
        ("rita", "recognised", "spread"),
    ]
    assert model.events.get(to_status="spread").comment == "Nhân rộng ra 5 xã"
    audited = AuditEntry.objects.filter(action=Action.MODEL_STATE_CHANGE).order_by("pk")
    assert [(e.username, e.details["to_status"]) for e in audited] == [
        ("alice", "running"),
        ("rita", "evaluated"),
        ("rita", "recognised"),
        ("rita", "spread"),
    ]
    assert audited.first().get_action_display() == "Thay đổi trạng thái mô hình Dân vận khéo"

    # A spread model keeps its recognition: it still counts for the classification bonus.
    counts = recognised_model_counts(today.year)
    assert counts == {unit_a.pk: {"province": 1}}
    assert list(unit_models(unit_a, today.year)) == [model]
    page = client.get(reverse("campaigns:model_detail", args=[model.pk])).content.decode()
    assert "123/QĐ-BDVTU" in page and "Cấp tỉnh" in page


def test_recognition_needs_decision_and_a_higher_level_each_time(client, rita, unit_a):
    model = make_model(unit_a, status=ModelStatus.EVALUATED)
    login(client, rita)
    url = reverse("campaigns:model_recognise", args=[model.pk])
    today = date.today()
    response = client.post(url, {"level": "commune", "decided_on": "", "decision": ""})
    assert response.status_code == 200
    future = (today + timedelta(days=3)).isoformat()
    response = client.post(url, {"level": "commune", "decided_on": future, "decision": "1/QĐ"})
    assert "không được sau ngày hôm nay" in response.content.decode()
    day = today.isoformat()
    client.post(url, {"level": "commune", "decided_on": day, "decision": "1/QĐ"})
    response = client.post(url, {"level": "unit", "decided_on": day, "decision": "2/QĐ"})
    assert "chọn cấp cao hơn" in response.content.decode()
    client.post(url, {"level": "central", "decided_on": day, "decision": "3/QĐ"})
    model.refresh_from_db()
    assert (model.recognition_level, model.recognition_decision) == ("central", "3/QĐ")
    assert model.events.filter(to_status="recognised").count() == 2


def test_unit_staff_cannot_recognise_their_own_model(client, alice, unit_a):
    model = make_model(unit_a, status=ModelStatus.EVALUATED)
    login(client, alice)
    url = reverse("campaigns:model_recognise", args=[model.pk])
    day = date.today().isoformat()
    response = client.post(url, {"level": "province", "decided_on": day, "decision": "1"})
    assert response.status_code == 403
    model.refresh_from_db()
    assert model.status == ModelStatus.EVALUATED


def test_recognised_model_counts_groups_by_unit_and_level_in_one_query(
    unit_a, unit_b, django_assert_num_queries
):
    year = date.today().year
    day = date(year, 1, 15)
    for unit, level in [
        (unit_a, "province"),
        (unit_a, "province"),
        (unit_a, "commune"),
        (unit_b, "central"),
    ]:
        make_model(unit, status=ModelStatus.RECOGNISED, recognition_level=level, recognised_on=day)
    make_model(unit_b, status=ModelStatus.RUNNING)
    make_model(
        unit_b,
        status=ModelStatus.RECOGNISED,
        recognition_level="province",
        recognised_on=date(year - 1, 6, 1),
    )
    with django_assert_num_queries(1):
        counts = recognised_model_counts(year)
    assert counts == {unit_a.pk: {"province": 2, "commune": 1}, unit_b.pk: {"central": 1}}
    bonus_levels = RecognitionLevel.at_least("province")
    assert sum(counts[unit_a.pk].get(level, 0) for level in bonus_levels) == 2


def test_unit_models_of_a_year_include_those_recognised_that_year(unit_a, unit_b):
    year = date.today().year
    this_year = make_model(unit_a, "Năm nay")
    older = make_model(
        unit_a,
        "Đăng ký năm trước",
        year=year - 1,
        status=ModelStatus.RECOGNISED,
        recognition_level="commune",
        recognised_on=date(year, 1, 2),
    )
    make_model(unit_a, "Cũ", year=year - 2)
    make_model(unit_b, "Đơn vị khác")
    assert set(unit_models(unit_a, year)) == {this_year, older}


def test_unit_edits_until_evaluated(client, alice, rita, model_a):
    login(client, alice)
    url = reverse("campaigns:model_edit", args=[model_a.pk])
    data = {**REGISTRATION, "name": "Chợ 4.0"}
    assert client.post(url, data).status_code == 302
    model_a.refresh_from_db()
    assert model_a.name == "Chợ 4.0"
    assert model_a.events.get(action="edited").actor == alice
    model_a.status = ModelStatus.EVALUATED
    model_a.save()
    assert client.get(url).status_code == 403


def test_the_models_history_names_the_changed_fields_in_vietnamese(client, alice, model_a):
    login(client, alice)
    url = reverse("campaigns:model_edit", args=[model_a.pk])
    client.post(url, {**REGISTRATION, "name": "Chợ 4.0", "work_days": "95"})
    comment = model_a.events.get(action="edited").comment
    assert "work_days" not in comment and "name" not in comment
    assert "ngày công" in comment.lower()
    page = client.get(reverse("campaigns:model_detail", args=[model_a.pk])).content.decode()
    assert "work_days" not in page


def test_a_refused_move_keeps_the_comment_typed(client, alice, unit_a):
    model = make_model(unit_a, created_by=alice)
    login(client, alice)
    long = "Lý do " * 400  # over the 2,000 characters of a comment
    response = _move(client, model, ModelStatus.RUNNING, long)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Tối đa 2.000 ký tự" in page and long.strip() in page
    model.refresh_from_db()
    assert model.status == ModelStatus.REGISTERED
