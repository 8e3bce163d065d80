"""A decision never changes once published: a template uploaded afterwards shapes the next
decision, not the document already signed, nor its public PDF."""

import io

import pytest
from django.urls import reverse
from docx import Document

from documents import kinds
from ratings import services
from tests.conftest import login
from tests.documents.test_uploads import changed, upload
from tests.public.test_public_results import DECISION, classify
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.django_db


def _text(content):
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_a_template_uploaded_after_publishing_changes_only_the_next_decision(
    client, adam, lena, criteria_set, group_departments
):
    accepted_report(make_unit("SNV", group_departments, name="Sở Nội vụ"), criteria_set, 96)
    first = services.publish(classify(criteria_set.year), adam, **DECISION)
    lead = login(client, lena)
    url = reverse("ratings:decision_docx", args=[first.pk])
    signed = lead.get(url).content
    assert "QUYẾT ĐỊNH:" in _text(signed)

    default = kinds.default_path("decision").read_bytes()
    page = upload(login(client, adam), "decision", changed(default, "QUYẾT ĐỊNH:", "QUYẾT NGHỊ:"))
    assert "Phiên bản 1 của mẫu" in page.content.decode()

    lead = login(client, lena)
    assert lead.get(url).content == signed
    accepted_report(make_unit("STP", group_departments, name="Sở Tư pháp"), criteria_set, 84)
    second = services.publish(
        classify(criteria_set.year), adam, **{**DECISION, "number": "126/QĐ-UBND"}
    )
    text = _text(lead.get(reverse("ratings:decision_docx", args=[second.pk])).content)
    assert "QUYẾT NGHỊ:" in text and "QUYẾT ĐỊNH:" not in text
