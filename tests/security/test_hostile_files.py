"""Every file of the hostile corpus (tests/data/bad/MANIFEST.json) thrown at every door it fits,
through the real views: no 500, a Vietnamese message for what is refused, nothing written, and
text read from a file shown escaped wherever it appears."""

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from accounts.models import User
from campaigns.models import Award, DanVanModel, ModelEvidence
from danvan.models import ImportBatch
from reports import services as report_services
from reports.models import Evidence
from tests.conftest import login
from units.models import Unit

pytestmark = pytest.mark.django_db

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
MANIFEST = json.loads((BAD / "MANIFEST.json").read_text(encoding="utf-8"))
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
# Import pages: (upload url name, how to confirm a batch in preview: (url name, POST data)).
IMPORT_DOORS = {
    "units": ("units:import", "units:import_confirm", {"action": "confirm"}),
    "users": ("accounts:import", "accounts:import_confirm", {"action": "confirm"}),
    "awards": ("campaigns:award_import", "campaigns:award_import_batch", {}),
}


def corpus(target):
    return sorted(
        (name, spec["expect"]) for name, spec in MANIFEST.items() if target in spec["targets"]
    )


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Unit, User, Award, Evidence, ModelEvidence)
    }


def media_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def assert_vietnamese_error(body, messages, name):
    """At least one of `messages` is Vietnamese and shown on the page."""
    shown = [m for m in messages if m and escape(m) in body]
    assert shown, f"{name}: no error shown; errors were {messages!r}"
    assert any(VIETNAMESE.search(m) for m in shown), f"{name}: not Vietnamese: {shown!r}"


def assert_escaped(body, where):
    assert "<script>alert" not in body, where
    assert "<img src=x onerror" not in body, where


def test_the_corpus_is_large_enough():
    assert len(MANIFEST) >= 30
    assert all((BAD / name).is_file() for name in MANIFEST)


@pytest.mark.parametrize("door", sorted(IMPORT_DOORS))
@pytest.mark.parametrize("name, expect", corpus("import"))
def test_hostile_import_files(client, adam, unit_a, settings, name, expect, door):
    upload_url, confirm_url, confirm_data = IMPORT_DOORS[door]
    login(client, adam)
    before = counts()
    last_batch = ImportBatch.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.post(
        reverse(upload_url),
        {"file": SimpleUploadedFile(name, (BAD / name).read_bytes())},
        follow=True,
    )
    assert response.status_code == 200, name
    body = response.content.decode()
    assert_escaped(body, f"{door} preview of {name}")
    batch = ImportBatch.objects.filter(pk__gt=last_batch).first()
    refused = batch is None or batch.status == ImportBatch.Status.FAILED
    if batch is None:  # refused by the form itself
        errors = [str(e) for errs in response.context["form"].errors.values() for e in errs]
        assert_vietnamese_error(body, errors, name)
    elif refused:
        assert_vietnamese_error(body, [str(e) for e in batch.errors], name)
    if expect == "reject":
        assert refused, f"{door} import accepted {name}: {batch.status}"
    if batch is not None:
        # Confirming must not get round the checks (nor fail loudly).
        response = client.post(reverse(confirm_url, args=[batch.pk]), confirm_data, follow=True)
        assert response.status_code == 200, name
        assert_escaped(response.content.decode(), f"{door} result of {name}")
    if refused:
        assert counts() == before, name
        return
    # Safe files may be read: whatever came in is shown escaped.
    if (door, name) == ("units", "html_and_script_in_cells.xlsx"):
        assert Unit.objects.filter(code="XSS01", name__contains="<script>").exists()
    for unit in Unit.objects.exclude(pk__in=[unit_a.pk]).filter(code__in=["XSS01", "FAR01"]):
        for url in (reverse("units:list"), reverse("units:detail", args=[unit.pk])):
            page = client.get(url).content.decode()
            assert_escaped(page, url)
            if "<script>" in unit.name:
                assert escape(unit.name) in page and "&lt;script&gt;" in page, url


@pytest.fixture
def draft_report(unit_a, criteria_set, alice):
    return report_services.start_report(unit_a, criteria_set, alice)


@pytest.fixture
def model_a(unit_a):
    return DanVanModel.objects.create(
        unit=unit_a, year=date.today().year, name="Mô hình dân vận khéo"
    )


def shown_name(name):
    if name == "right_to_left_override_name.pdf":
        return "hoa-don-\u202efdp.exe.pdf"
    return name


@pytest.mark.parametrize("name, expect", corpus("evidence"))
def test_hostile_report_evidence(client, alice, draft_report, settings, name, expect):
    login(client, alice)
    before, files = counts(), media_files(settings)
    response = client.post(
        reverse("reports:evidence_upload", args=[draft_report.pk]),
        {"file": SimpleUploadedFile(shown_name(name), (BAD / name).read_bytes())},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    if expect == "reject":
        assert response.status_code == 422, name
        assert "evidence-error" in body and VIETNAMESE.search(body), name
        assert counts() == before and media_files(settings) == files, name
    else:
        assert response.status_code == 200, name
        evidence = Evidence.objects.get(report=draft_report)
        assert "\u202e" not in evidence.original_name
        assert "\u202e" not in body


@pytest.mark.parametrize("name, expect", corpus("evidence"))
def test_hostile_model_evidence(client, alice, model_a, settings, name, expect):
    login(client, alice)
    before, files = counts(), media_files(settings)
    response = client.post(
        reverse("campaigns:evidence_add", args=[model_a.pk]),
        {"file": SimpleUploadedFile(shown_name(name), (BAD / name).read_bytes())},
        follow=True,
    )
    assert response.status_code == 200, name
    shown = [str(m) for m in response.context["messages"]]
    if expect == "reject":
        assert not ModelEvidence.objects.exists(), name
        assert counts() == before and media_files(settings) == files, name
        assert_vietnamese_error(response.content.decode(), shown, name)
    else:
        evidence = ModelEvidence.objects.get()
        assert "\u202e" not in evidence.original_name
        assert "\u202e" not in response.content.decode()
