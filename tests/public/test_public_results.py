"""The public results: anonymous, published decisions only, searchable, cacheable."""

import re
from datetime import date

import pytest
from django.urls import reverse

from danvan.office import soffice_path
from ratings import services
from ratings.models import ClassificationRun
from ratings.tasks import aggregate_year
from tests.ratings.factories import accepted_report, make_unit

pytestmark = pytest.mark.django_db

DECISION = {
    "number": "125/QĐ-UBND",
    "date": date(2026, 12, 28),
    "place": "Đồng Nai",
    "issuing_body": "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI",
    "signing_form": "tm",
    "signer_title": "CHỦ TỊCH",
    "signer_name": "Nguyễn Văn An",
}


def classify(year):
    aggregate_year.apply(args=(year,)).get()
    return ClassificationRun.objects.get(year=year, is_current=True)


@pytest.fixture
def published(criteria_set, group_departments, group_communes, adam):
    """This year published; units Sở Nội vụ (96), Sở Tư pháp (84), Xã Đông Hòa (91)."""
    for code, name, total, group in (
        ("SNV", "Sở Nội vụ", 96, group_departments),
        ("STP", "Sở Tư pháp", 84, group_departments),
        ("XDH", "Xã Đông Hòa", 91, group_communes),
    ):
        accepted_report(make_unit(code, group, name=name), criteria_set, total)
    run = classify(criteria_set.year)
    return services.publish(run, adam, **DECISION)


def every_public_url(client, year, codes):
    urls = [reverse("public:index"), reverse("public:year", args=[year])]
    urls += [reverse("public:year", args=[year]) + "?q=so"]
    urls += [reverse("public:unit", args=[code]) for code in codes]
    return {url: client.get(url) for url in urls}


def test_anyone_reads_the_published_classes_by_group(client, published):
    response = client.get(reverse("public:year", args=[published.year]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "125/QĐ-UBND" in html and "28/12/2026" in html
    assert "Sở Nội vụ" in html and "Xã Đông Hòa" in html
    assert "96,00" in html  # a decimal comma, two places
    assert re.search(r"Sở Nội vụ</a></td><td[^>]*>96,00</td><td><strong>Xuất sắc", html)
    assert "csrftoken" not in response.cookies  # nothing personal: cacheable
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_search_ignores_diacritics(client, published):
    response = client.get(reverse("public:year", args=[published.year]), {"q": "so noi vu"})
    html = response.content.decode()
    assert "Sở Nội vụ" in html and "Sở Tư pháp" not in html and "Xã Đông Hòa" not in html
    response = client.get(reverse("public:year", args=[published.year]), {"q": "không có"})
    assert "Không có đơn vị nào có tên này." in response.content.decode()


def test_a_unit_page_lists_its_classes_over_the_published_years(client, published):
    response = client.get(reverse("public:unit", args=["SNV"]))
    html = response.content.decode()
    assert response.status_code == 200 and "Xuất sắc" in html and str(published.year) in html
    assert client.get(reverse("public:unit", args=["NOPE"])).status_code == 404


def test_nothing_unpublished_ever_appears(client, criteria_set, group_departments, adam):
    """A year with a current, finished run that nobody published: no public URL shows it."""
    accepted_report(make_unit("SNV", group_departments, name="Sở Nội vụ"), criteria_set, 93.25)
    run = classify(criteria_set.year)
    assert run.results.filter(classified=True).count() == 1
    pages = every_public_url(client, criteria_set.year, ["SNV"])
    for url, response in pages.items():
        html = response.content.decode() if response.status_code == 200 else ""
        assert "93,25" not in html and "Sở Nội vụ" not in html, url
    assert pages[reverse("public:year", args=[criteria_set.year])].status_code == 404
    assert "Chưa có quyết định nào được công bố." in pages[reverse("public:index")].content.decode()
    assert client.get(reverse("public:decision_pdf", args=[criteria_set.year])).status_code == 404


def test_a_newer_unpublished_run_does_not_replace_the_published_figures(
    client, published, criteria_set
):
    report = published.run.results.get(unit__code="STP")
    from reports.models import AnnualReport

    AnnualReport.objects.filter(pk=report.report_id).update(violation_flagged=True)
    classify(criteria_set.year)  # a new current run, not published
    html = client.get(reverse("public:year", args=[published.year])).content.decode()
    assert "84" in html  # the published total, not the new run's


def test_only_get_and_the_login_page_links_here(client, published):
    assert client.post(reverse("public:index")).status_code == 405
    html = client.get(reverse("login")).content.decode()
    assert reverse("public:index") in html


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_the_decision_pdf_is_made_on_the_worker_once_and_kept(
    client, published, django_capture_on_commit_callbacks
):
    """Issue 16 item 4: the request never converts; it sends the job and answers 202 with a
    page that reloads itself (never cached) until the worker has made the copy, which is then
    served as it is."""
    from documents.models import PdfCopy

    url = reverse("public:decision_pdf", args=[published.year])
    with django_capture_on_commit_callbacks(execute=True) as sent:
        first = client.get(url)
        assert first.status_code == 202 and first["Cache-Control"] == "no-store"
        assert 'http-equiv="refresh"' in first.content.decode()
        assert PdfCopy.objects.get().status == PdfCopy.Status.QUEUED
    assert len(sent) == 1  # the job, run by the (eager) worker once the request committed
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert ready.content.startswith(b"%PDF")
    with django_capture_on_commit_callbacks(execute=True) as sent:
        again = client.get(url)
    assert again.content == ready.content and not sent
    assert PdfCopy.objects.count() == 1
