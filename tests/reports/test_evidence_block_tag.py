"""`{% evidence_block %}` draws the same markup as including `reports/_evidence_block.html`
with the page's context, for the general files and a criterion's, read-only and editable."""

import re

import pytest
from django.core.files.base import ContentFile
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse

from reports.models import Evidence
from tests.conftest import login

pytestmark = pytest.mark.django_db

INCLUDE = engines["django"].from_string(
    '{% include "reports/_evidence_block.html" with criterion=criterion files=files'
    " can_edit=can_edit %}"
)
TAG = engines["django"].from_string(
    "{% load evidence %}{% evidence_block criterion files can_edit %}"
)


def _unmasked(html):
    """The CSRF token is masked anew on each render."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "csrf", html)


def _file(report, user, criterion, name):
    return Evidence.objects.create(
        report=report,
        criterion=criterion,
        file=ContentFile(b"%PDF-1.4\n", name="f.pdf"),
        original_name=name,
        size=12000,
        content_type="application/pdf",
        uploaded_by=user,
    )


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("can_edit", [False, True])
def test_the_tag_draws_what_the_include_draws(report, alice, can_edit, htmx):
    criterion = report.criteria_set.criteria.order_by("number").first()
    files = [_file(report, alice, criterion, "Biên bản <hội nghị>.pdf")]
    request = RequestFactory().get("/", **({"HTTP_HX_REQUEST": "true"} if htmx else {}))
    request.user = alice
    request.htmx = htmx
    for crit, listed in ((criterion, files), (None, [])):
        context = {
            "report": report,
            "criterion": crit,
            "files": listed,
            "can_edit": can_edit,
            "max_bytes": 10 * 1024 * 1024,
            "error": "",
        }
        drawn = TAG.render(context, request)
        assert _unmasked(drawn) == _unmasked(INCLUDE.render(context, request))
        assert ("Biên bản &lt;hội nghị&gt;.pdf" in drawn) == bool(listed)
        assert ("evidence-upload" in drawn) == can_edit


def test_the_report_page_lists_each_criterions_files(client, report, alice):
    criterion = report.criteria_set.criteria.order_by("number")[1]
    _file(report, alice, criterion, "Ảnh hoạt động.pdf")
    _file(report, alice, None, "Kế hoạch năm.pdf")
    login(client, alice)
    html = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    block = html.split(f'id="ev-{criterion.pk}"')[1].split("</section>")[0]
    general = html.split('id="ev-general"')[1].split("</section>")[0]
    assert "Ảnh hoạt động.pdf" in block and "Kế hoạch năm.pdf" not in block
    assert "Kế hoạch năm.pdf" in general and "evidence-upload" not in html
