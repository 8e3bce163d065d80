"""Issue 16, item 4: an admin downloads a template, changes it and uploads it back; the next
document uses it. A broken template is refused with the reason in Vietnamese and the one in
force stays."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from documents import kinds
from documents.models import TemplateVersion
from tests.conftest import login
from tests.reports.conftest import complete

pytestmark = pytest.mark.django_db


def changed(data, old, new):
    """The template `data` with the paragraph `old` worded `new`, as Word would save it."""
    document = Document(io.BytesIO(data))
    for paragraph in document.paragraphs:
        if paragraph.text == old:
            paragraph.runs[0].text = new
            for run in paragraph.runs[1:]:
                run.text = ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(client, kind, data, name="mau.docx"):
    return client.post(
        reverse("documents:upload", args=[kind]),
        {"file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def report_text(client, report):
    response = client.get(reverse("reports:export", args=[report.pk]))
    return "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)


@pytest.fixture
def filled(report):
    return complete(report)


def test_an_uploaded_template_changes_the_next_download(client, adam, alice, filled):
    admin = login(client, adam)
    template = admin.get(reverse("documents:download", args=["report"])).content
    assert template == kinds.default_path("report").read_bytes()
    new = changed(template, "Phần thứ nhất", "PHẦN MỘT: KẾT QUẢ")
    page = upload(admin, "report", new, "bao-cao-tinh.docx").content.decode()
    assert "Phiên bản 1 của mẫu" in page
    version = TemplateVersion.objects.get()
    assert (version.kind, version.version, version.uploaded_by) == ("report", 1, adam)
    assert version.original_name == "bao-cao-tinh.docx"
    assert admin.get(reverse("documents:download", args=["report"])).content == new
    page = admin.get(reverse("documents:index")).content.decode()
    assert "phiên bản 1" in page and "bao-cao-tinh.docx" in page

    login(client, alice)
    text = report_text(client, filled)
    assert "PHẦN MỘT: KẾT QUẢ" in text and "Phần thứ nhất" not in text


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("{%p for item in legal_bases %}", "thiếu {% endfor %}"),
        ("{{ subject ", "chưa được đóng"),
        ("{% endif %}", "thẻ “endif” không có trong mẫu"),
        ("{{ ten_don_vi }}", "Mẫu dùng những biến mà văn bản này không có: ten_don_vi"),
    ],
)
def test_a_broken_template_is_refused_and_the_one_in_force_stays(
    client, adam, alice, filled, broken, reason
):
    admin = login(client, adam)
    default = kinds.default_path("report").read_bytes()
    first = changed(default, "Phần thứ nhất", "PHẦN MỘT")
    upload(admin, "report", first)
    page = upload(admin, "report", changed(first, "PHẦN MỘT", broken)).content.decode()
    assert "Mẫu “Báo cáo năm của đơn vị" in page and "bị từ chối" in page
    assert reason in page and "Jinja" not in page and "Unexpected" not in page
    assert TemplateVersion.objects.count() == 1
    assert admin.get(reverse("documents:download", args=["report"])).content == first
    login(client, alice)
    assert "PHẦN MỘT" in report_text(client, filled)


def test_a_file_that_is_no_word_document_is_refused(client, adam):
    page = upload(login(client, adam), "decision", b"MZ\x90\x00 not a docx", "virus.docx")
    assert "Tệp không phải là văn bản Word (.docx)." in page.content.decode()
    assert not TemplateVersion.objects.exists()


def test_the_default_can_be_put_back_and_the_history_stays(client, adam):
    admin = login(client, adam)
    default = kinds.default_path("decision").read_bytes()
    upload(admin, "decision", changed(default, "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH"))
    admin.post(reverse("documents:restore", args=["decision"]))
    assert admin.get(reverse("documents:download", args=["decision"])).content == default
    assert TemplateVersion.objects.count() == 1
    upload(admin, "decision", default)
    assert TemplateVersion.objects.in_force("decision").version == 2


def test_the_variables_page_lists_what_each_template_can_use(client, adam):
    admin = login(client, adam)
    for kind in kinds.Kind:
        page = admin.get(reverse("documents:variables", args=[kind.value])).content.decode()
        for name in kinds.names(kind):
            assert f"<code>{name}</code>" in page, (kind, name)
    page = admin.get(reverse("documents:variables", args=["report"])).content.decode()
    assert "Tổng điểm tự chấm" in page and "Cơ quan ban hành, chữ in hoa" in page
    assert admin.get(reverse("documents:variables", args=["nope"])).status_code == 404
