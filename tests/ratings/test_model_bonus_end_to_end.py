"""Issue 6: a model recognised at provincial level through the pages shows as a bonus in the
classification that the lead runs through the pages."""

from datetime import date
from decimal import Decimal

from django.urls import reverse

from campaigns.models import DanVanModel
from ratings.models import ClassificationRun
from tests.campaigns.test_model_lifecycle import REGISTRATION, _move
from tests.conftest import login
from tests.ratings.factories import accepted_report


def test_recognised_model_adds_the_bonus(
    client, alice, rita, lena, unit_a, unit_b, criteria_set, django_capture_on_commit_callbacks
):
    accepted_report(unit_a, criteria_set, total=Decimal("80"))
    accepted_report(unit_b, criteria_set, total=Decimal("80"))

    login(client, alice)
    client.post(reverse("campaigns:model_create"), REGISTRATION)
    model = DanVanModel.objects.get()
    _move(client, model, "running")
    login(client, rita)
    _move(client, model, "evaluated")
    client.post(
        reverse("campaigns:model_recognise", args=[model.pk]),
        {"level": "province", "decided_on": date.today().isoformat(), "decision": "7/QĐ-BDV"},
    )

    login(client, lena)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("ratings:start", args=[criteria_set.year]))
    results = {r.unit_id: r for r in ClassificationRun.objects.get().results.all()}
    with_model, without = results[unit_a.pk], results[unit_b.pk]
    assert without.bonus == 0 and with_model.bonus == criteria_set.bonus_per_model > 0
    assert with_model.total == without.total + criteria_set.bonus_per_model
    page = client.get(reverse("ratings:year", args=[criteria_set.year])).content.decode()
    assert unit_a.name in page
