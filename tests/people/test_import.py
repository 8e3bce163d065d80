"""The people import through the real pages: upload -> preview -> confirm -> invitations."""

import unicodedata

import pytest
from django.urls import reverse

from accounts.models import AccountState, Invitation, Role, User
from audit.models import Action, AuditEntry
from danvan.models import ImportBatch
from tests.conftest import login
from tests.people.conftest import link_in
from tests.people.files import people_xlsx, person, upload
from units.models import Unit, UnitType

# Title rows push the header to line 3: the first person is on Excel row 4.
FIRST_LINE = 4


@pytest.fixture
def admin_client(client, adam):
    return login(client, adam)


@pytest.fixture
def commune(group_communes):
    # Excel keeps a numeric code as a number: the reader must find unit "101".
    return Unit.objects.create(
        code="101", name="Ủy ban nhân dân xã Long Thành", type=UnitType.COMMUNE, active_from=2025
    )


def three_people(unit_a, commune):
    return [
        person("Nguyễn Thị Mai", "mai@snv.example.vn", "SNV", "Cán bộ đơn vị", "0912 000 001"),
        person("Trần Văn Hải", "Hai@Xa101.example.vn", 101, "Thủ trưởng đơn vị"),
        person("Lê Thu Hà", "ha@bandanvan.example.vn", "", "thành viên thẩm định"),
    ]


def upload_file(client, data):
    response = client.post(reverse("accounts:import"), {"file": upload(data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.filter(kind="users").latest("pk"), response


def import_file(client, data, capture):
    """Upload, read the preview, confirm (running the after-commit hooks: mail is eager)."""
    batch, response = upload_file(client, data)
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    with capture(execute=True):
        client.post(reverse("accounts:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    return batch, preview


def test_import_creates_invited_accounts_with_one_invitation_each(
    admin_client, adam, unit_a, commune, mailoutbox, django_capture_on_commit_callbacks
):
    data = people_xlsx(three_people(unit_a, commune))
    batch, preview = import_file(admin_client, data, django_capture_on_commit_callbacks)
    assert "3 tài khoản mới" in preview.content.decode()
    assert batch.status == ImportBatch.Status.DONE
    assert (batch.created_count, batch.updated_count, batch.rejected_count) == (3, 0, 0)
    mai = User.objects.get(email="mai@snv.example.vn")
    assert (mai.full_name, mai.role, mai.unit, mai.phone) == (
        "Nguyễn Thị Mai",
        Role.STAFF,
        unit_a,
        "0912 000 001",
    )
    hai = User.objects.get(email="hai@xa101.example.vn")
    assert (hai.role, hai.unit, hai.username) == (Role.HEAD, commune, "hai@xa101.example.vn")
    ha = User.objects.get(email="ha@bandanvan.example.vn")
    assert (ha.role, ha.unit) == (Role.REVIEWER, None)
    for user in (mai, hai, ha):
        assert user.state == AccountState.INVITED
        assert Invitation.objects.filter(user=user).count() == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in (mai, hai, ha))
    assert all(link_in(m.body) for m in mailoutbox)
    entry = AuditEntry.objects.get(action=Action.IMPORT)
    assert entry.user == adam and entry.details["created"] == 3


def test_a_bad_row_writes_nothing_and_says_where(
    admin_client, unit_a, commune, mailoutbox, django_capture_on_commit_callbacks
):
    rows = three_people(unit_a, commune)
    rows[1] = person("Trần Văn Hải", "hai@xa101.example.vn", "XA999", "Thủ trưởng đơn vị")
    rows.append(person("Phạm Văn Bốn", "bon@example.vn", "SNV", "giám đốc"))
    batch, response = upload_file(admin_client, people_xlsx(rows))
    assert batch.status == ImportBatch.Status.FAILED
    page = admin_client.get(response["Location"]).content.decode()
    assert f"Dòng {FIRST_LINE + 1}, cột Mã đơn vị: không có đơn vị nào mang mã XA999" in page
    assert f"Dòng {FIRST_LINE + 3}, cột Vai trò: “giám đốc” không phải là vai trò" in page
    assert "Tệp chưa được nhập" in page
    # A failed batch cannot be confirmed into writing anything.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("accounts:import_confirm", args=[batch.pk]), {"action": "confirm"}
        )
    assert not User.objects.filter(email__in=["mai@snv.example.vn", "bon@example.vn"]).exists()
    assert not Invitation.objects.exists() and mailoutbox == []


def test_reimporting_the_same_file_changes_nothing(
    admin_client, unit_a, commune, mailoutbox, django_capture_on_commit_callbacks
):
    data = people_xlsx(three_people(unit_a, commune))
    import_file(admin_client, data, django_capture_on_commit_callbacks)
    users_before = list(User.objects.order_by("pk").values())
    audit_before = AuditEntry.objects.exclude(action=Action.IMPORT).count()
    batch, preview = import_file(admin_client, data, django_capture_on_commit_callbacks)
    assert "0 tài khoản mới" in preview.content.decode()
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 3)
    assert list(User.objects.order_by("pk").values()) == users_before
    assert Invitation.objects.count() == 3 and len(mailoutbox) == 3
    assert AuditEntry.objects.exclude(action=Action.IMPORT).count() == audit_before


def test_reimport_updates_by_e_mail_without_a_new_invitation(
    admin_client, alice, unit_a, mailoutbox, django_capture_on_commit_callbacks
):
    rows = [person("Nguyễn Thị Alice", "ALICE@example.vn", "SNV", "Thủ trưởng", "0988 777 666")]
    batch, preview = import_file(
        admin_client, people_xlsx(rows), django_capture_on_commit_callbacks
    )
    assert batch.updated_count == 1 and batch.created_count == 0
    assert "0988 777 666" in preview.content.decode()
    alice.refresh_from_db()
    assert (alice.full_name, alice.phone, alice.role) == (
        "Nguyễn Thị Alice",
        "0988 777 666",
        Role.HEAD,
    )
    assert alice.state == AccountState.ACTIVE and alice.username == "alice"
    assert User.objects.filter(email__iexact="alice@example.vn").count() == 1
    assert mailoutbox == [] and not Invitation.objects.exists()
    change = AuditEntry.objects.filter(action=Action.PERMISSION_CHANGE, object_id=str(alice.pk))
    assert change.latest("pk").details["changes"]["role"] == ["staff", "head"]


def test_a_person_is_never_moved_to_another_unit_by_a_file(
    admin_client, alice, unit_a, unit_b, rita
):
    rows = [
        person("Alice", "alice@example.vn", "STP", "Cán bộ đơn vị"),
        person("Rita", "rita@example.vn", "STP", "Cán bộ đơn vị"),
        person("Người mới", "moi@example.vn", "SNV", "Cán bộ đơn vị"),
    ]
    batch, response = upload_file(admin_client, people_xlsx(rows))
    assert batch.status == ImportBatch.Status.FAILED
    page = admin_client.get(response["Location"]).content.decode()
    assert f"Dòng {FIRST_LINE}, cột Mã đơn vị: người này đang thuộc đơn vị SNV" in page
    assert "không tự chuyển" in page
    assert f"Dòng {FIRST_LINE + 1}, cột Mã đơn vị: người này có vai trò cấp tỉnh" in page
    alice.refresh_from_db()
    assert alice.unit == unit_a
    assert not User.objects.filter(email="moi@example.vn").exists()


def test_duplicate_addresses_and_missing_values_are_flagged(admin_client, unit_a):
    rows = [
        person("Mai", "mai@example.vn", "SNV", "Cán bộ đơn vị"),
        person("Mai 2", "MAI@example.vn", "SNV", "Cán bộ đơn vị"),
        person("", "khong-ten@example.vn", "SNV", "Cán bộ đơn vị"),
        person("Sai", "khong-phai-email", "SNV", "Cán bộ đơn vị"),
        person("Thiếu đơn vị", "thieu@example.vn", "", "Cán bộ đơn vị"),
    ]
    batch, response = upload_file(admin_client, people_xlsx(rows))
    errors = batch.errors
    assert errors[0] == (
        f"Dòng {FIRST_LINE + 1}, cột E-mail: địa chỉ mai@example.vn đã có ở dòng {FIRST_LINE}; "
        "mỗi người chỉ ghi một dòng."
    )
    assert errors[1].startswith(f"Dòng {FIRST_LINE + 2}, cột Họ và tên: chưa nhập giá trị")
    assert errors[2].startswith(f"Dòng {FIRST_LINE + 3}, cột E-mail: “khong-phai-email”")
    assert errors[3].startswith(f"Dòng {FIRST_LINE + 4}, cột Mã đơn vị: Cán bộ và thủ trưởng")
    assert batch.rejected_count == 4
    assert not User.objects.filter(email__endswith="@example.vn").exclude(username="adam").exists()


def test_decomposed_unicode_and_header_aliases_are_read(
    admin_client, unit_a, django_capture_on_commit_callbacks
):
    header = ["Họ tên", "Email", "Mã ĐV", "Quyền", "SĐT"]
    rows = [
        [None, unicodedata.normalize("NFD", "Đỗ Thị Ngọc  "), "ngoc@example.vn", "snv", "staff"]
    ]
    data = people_xlsx([row + [""] for row in rows], header=["STT", *header], title_rows=())
    import_file(admin_client, data, django_capture_on_commit_callbacks)
    ngoc = User.objects.get(email="ngoc@example.vn")
    assert ngoc.full_name == "Đỗ Thị Ngọc" and ngoc.unit == unit_a
    assert User.objects.search("do thi ngoc").get() == ngoc


def test_only_admins_import(client, hana, rita):
    for user in (hana, rita):
        assert login(client, user).get(reverse("accounts:import")).status_code == 403


def test_confirming_a_batch_whose_file_is_gone_says_so(admin_client):
    batch = ImportBatch.objects.create(kind="users", file_name="mat-tep.xlsx")
    admin_client.post(reverse("accounts:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == ["Không còn tìm thấy tệp đã tải lên. Vui lòng tải lên lại."]


def test_another_import_writing_the_same_addresses_first_is_told_in_the_accounts_words(
    admin_client, unit_a, commune, monkeypatch
):
    """The message once said "the unit list changed" for every kind of import."""
    from django.db import IntegrityError

    from danvan import importing

    batch, _ = upload_file(admin_client, people_xlsx(three_people(unit_a, commune)))

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(importing, "apply", clash)
    admin_client.post(reverse("accounts:import_confirm", args=[batch.pk]), {"action": "confirm"})
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.FAILED
    assert batch.errors == [
        "Danh sách tài khoản đã thay đổi trong khi nhập tệp này nên chưa ghi gì. "
        "Vui lòng tải tệp lên lại."
    ]
    assert not User.objects.filter(email="mai@snv.example.vn").exists()
