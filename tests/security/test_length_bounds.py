"""Issue 14, item 2: every free-text field has a maximum (danvan/limits.py), stated in the form,
checked on the server and told in Vietnamese with the count; autosave keeps what was typed."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse

from audit.forms import AuditFilterForm
from campaigns.forms import ModelForm as CampaignModelForm
from danvan import formats, limits
from reports import services
from reports.models import ReportState
from review import services as review
from tests.conftest import login
from tests.reports.conftest import complete
from tests.review.factories import submitted_report

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
PROJECT_APPS = {"accounts", "audit", "units", "criteria", "campaigns", "reports", "ratings"}
# Texts the portal writes itself (an error it caught, a mail it sent, the rule that applied),
# never typed by a person.
WRITTEN_BY_THE_PORTAL = {
    ("ratings", "classificationrun", "error"),
    ("ratings", "unitresult", "violation"),
    ("reports", "notification", "body"),
    ("reports", "notification", "error"),
}


def test_every_text_a_person_types_has_a_maximum():
    unbounded = []
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in PROJECT_APPS or model.__name__.startswith("Historical"):
            continue
        for field in model._meta.get_fields():
            if not isinstance(field, models.TextField | models.CharField):
                continue
            key = (app, model._meta.model_name, field.name)
            if field.max_length is None and key not in WRITTEN_BY_THE_PORTAL:
                unbounded.append(key)
    assert unbounded == []


def test_a_narrative_too_long_is_refused_with_the_count_and_nothing_is_lost(
    client, unit_a, criteria_set, alice
):
    report = services.start_report(unit_a, criteria_set, alice)
    criterion = report.criteria_set.criteria.get(number=1)
    url = reverse("reports:save_criterion", args=[report.pk, criterion.pk])
    login(client, alice)
    assert client.post(url, {"narrative": "Bản cũ", "version": report.version}).status_code == 200
    report.refresh_from_db()
    typed = "ư" * (limits.NARRATIVE + 1)
    response = client.post(url, {"narrative": typed, "version": report.version}, headers=HTMX)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Tối đa 20.000 ký tự (đã nhập 20.001)." in body
    # The answer is the status line only: the field, with what was typed, is left alone.
    assert 'id="f-' not in body and len(body) < 5000
    assert report.scores.get(criterion=criterion).narrative == "Bản cũ"
    exact = "ư" * limits.NARRATIVE
    assert client.post(url, {"narrative": exact, "version": report.version}).status_code == 200


def test_the_general_part_is_bounded_too(client, unit_a, criteria_set, alice):
    report = services.start_report(unit_a, criteria_set, alice)
    url = reverse("reports:save_general", args=[report.pk])
    login(client, alice)
    response = client.post(
        url, {"lessons": "x" * (limits.NARRATIVE + 5), "version": report.version}, headers=HTMX
    )
    assert response.status_code == 422
    assert "đã nhập 20.005" in response.content.decode()


def test_the_form_states_each_maximum_without_cutting_a_paste(client, unit_a, criteria_set, alice):
    report = services.start_report(unit_a, criteria_set, alice)
    page = login(client, alice).get(reverse("reports:edit", args=[report.pk])).content.decode()
    assert "Tối đa 20.000 ký tự." in page
    assert f'data-maxlength="{limits.NARRATIVE}"' in page
    # No maxlength on a text box: the browser would cut a longer paste without a word.
    assert ' maxlength="20000"' not in page


def test_a_review_comment_too_long_is_refused_with_the_count(
    client, rita, lena, unit_a, hana, criteria_set
):
    report = submitted_report(unit_a, hana, criteria_set)
    review.assign(report.criteria_set, [report.unit], rita, lena)
    client.force_login(rita)
    client.post(reverse("review:decide", args=[report.pk]), {"action": "start"})
    report.refresh_from_db()
    score = report.scores.first()
    response = client.post(
        reverse("review:score", args=[report.pk, score.pk]),
        {"version": report.version, "review_score": "6", "review_comment": "b" * 5001},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Tối đa 5.000 ký tự (đã nhập 5.001)." in response.content.decode()
    score.refresh_from_db()
    assert score.review_comment == ""
    page = client.get(reverse("review:report", args=[report.pk])).content.decode()
    assert "Tối đa 5.000 ký tự." in page

    # A return reason: refused with the count and shown again whole; still under review.
    response = client.post(
        reverse("review:decide", args=[report.pk]), {"action": "return", "comment": "c" * 5001}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Tối đa 5.000 ký tự (đã nhập 5.001)." in html
    assert ">" + "c" * 5001 + "</textarea>" in html
    report.refresh_from_db()
    assert report.state == ReportState.UNDER_REVIEW


def test_a_comment_posted_with_a_button_is_bounded_in_the_service(unit_a, criteria_set, alice):
    report = services.start_report(unit_a, criteria_set, alice)
    with pytest.raises(services.ReportError, match="đã nhập 5.001"):
        services.send_to_head(report, alice, "d" * 5001)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_model_forms_get_the_bounded_field():
    form = CampaignModelForm()
    field = form.fields["results"]
    assert isinstance(field, limits.TextFormField)
    assert field.max_length == limits.TEXT
    html = str(form["results"])
    assert 'data-maxlength="5000"' in html and "maxlength=" not in html.replace(
        "data-maxlength", ""
    )
    assert "Tối đa 5.000 ký tự." in str(field.help_text)


def test_a_search_box_is_bounded_and_says_so_in_vietnamese(client, adam):
    form = AuditFilterForm({"q": "q" * (limits.SEARCH + 1)})
    assert not form.is_valid()
    assert form.errors["q"] == ["Tối đa 200 ký tự (đã nhập 201)."]
    response = login(client, adam).get(reverse("audit:list"), {"q": "q" * 300})
    assert response.status_code == 200


def test_an_explanation_too_long_is_refused_and_shown_again_whole(
    client, unit_a, alice, hana, criteria_set
):
    """It used to be cut at 2,000 characters without a word."""
    report = services.start_report(unit_a, criteria_set, alice)
    complete(report)
    report.indicators.filter(indicator__code="petitions_received").update(value=10)
    report.indicators.filter(indicator__code="petitions_resolved").update(value=50)
    report = services.send_to_head(report, alice)
    rule = report.criteria_set.rules.get(left_codes="petitions_received")
    typed = "giải trình " * 200 + "hết"
    response = login(client, hana).post(
        reverse("reports:submit", args=[report.pk]), {f"explain-{rule.pk}": typed}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"Tối đa 2.000 ký tự (đã nhập {formats.count(len(typed))})." in html
    assert typed in html
    assert "Tối đa 2.000 ký tự." in html and ' maxlength="2000"' not in html
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGNOFF


def test_hand_written_boxes_carry_the_same_attributes(
    client, rita, lena, unit_a, hana, criteria_set
):
    report = submitted_report(unit_a, hana, criteria_set)
    review.assign(report.criteria_set, [report.unit], rita, lena)
    page = login(client, rita).get(reverse("review:report", args=[report.pk])).content.decode()
    assert page.count('data-maxlength="5000"') >= 3
    assert "còn {n} ký tự" in page


def test_the_django_admin_forms_are_bounded_too(rf, adam):
    request = rf.get("/admin/")
    request.user = adam
    checked = 0
    for model, model_admin in admin.site._registry.items():
        bounded = [f.name for f in model._meta.fields if isinstance(f, limits.TextField)]
        if not bounded:
            continue
        form = model_admin.get_form(request)
        for name in bounded:
            if name in form.base_fields:
                assert isinstance(form.base_fields[name], limits.TextFormField), (model, name)
                checked += 1
    assert checked > 0


def test_a_send_back_comment_too_long_is_refused_and_shown_again(
    client, unit_a, alice, hana, criteria_set
):
    report = services.send_to_head(services.start_report(unit_a, criteria_set, alice), alice)
    typed = "sửa lại " * 700
    response = login(client, hana).post(
        reverse("reports:send_back", args=[report.pk]), {"comment": typed}
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert f"(đã nhập {formats.count(len(typed))})" in html
    assert typed + "</textarea>" in html
    report.refresh_from_db()
    assert report.state == ReportState.AWAITING_SIGNOFF
