"""The demo's people: one login per role, invited and switched-off accounts, the review team,
and a head for every unit that files a report."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from accounts.models import Invitation, ReviewTeamMember, Role, User
from demo.factories import make_user
from units.models import Unit

DEMO_PASSWORD = "danvan-demo-2026"

# username, full name, role, unit code
USERS = [
    ("adam", "Quản trị tỉnh", Role.ADMIN, None),
    ("lena", "Trưởng đoàn thẩm định", Role.LEAD, None),
    ("rita", "Chuyên viên Ban Dân vận", Role.REVIEWER, None),
    ("alice", "Nguyễn Thị Alice", Role.STAFF, "SNV"),
    ("hana", "Trần Văn Hà", Role.HEAD, "SNV"),
    ("bob", "Lê Văn Bình", Role.STAFF, "STP"),
    ("hung", "Phạm Văn Hùng", Role.HEAD, "STP"),
    ("xuan", "Đỗ Thị Xuân", Role.STAFF, "XA001"),
    ("thanh", "Võ Văn Thành", Role.HEAD, "XA001"),
]

# e-mail, full name, role, unit code, state: people still invited or switched off, to show
# the people list's states (the demo sends no mail: invitations are recorded as sent).
PEOPLE = [
    ("lan.vo@snv.example.vn", "Võ Thị Lan", Role.STAFF, "SNV", "invited"),
    ("minh.dang@stp.example.vn", "Đặng Quang Minh", Role.STAFF, "STP", "invited"),
    ("thu.ho@xa001.example.vn", "Hồ Thị Thu", Role.HEAD, "XA001", "invited"),
    ("khoa.bui@bandanvan.example.vn", "Bùi Đăng Khoa", Role.REVIEWER, None, "invited"),
    ("tuan.ly@snv.example.vn", "Lý Minh Tuấn", Role.STAFF, "SNV", "deactivated"),
    ("nga.mai@hlt.example.vn", "Mai Thị Nga", Role.STAFF, "HLT", "active"),
]


def _person(username, role, unit, password=DEMO_PASSWORD, **fields):
    """The demo login `username`, made the first time only (a rerun keeps its password)."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    return make_user(username, role, unit, password=password, **fields), True


def _unit(code):
    return Unit.objects.get(code=code) if code else None


def seed_users():
    """One login per role, in the order the command lists them."""
    return [
        _person(
            username,
            role,
            _unit(unit_code),
            full_name=full_name,
            email=f"{username}@danvan.example.vn",
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )[0]
        for username, full_name, role, unit_code in USERS
    ]


def seed_people(year):
    """Invited and deactivated accounts and this year's review team; safe to rerun."""
    for email, full_name, role, unit_code, state in PEOPLE:
        user, created = _person(
            email,
            role,
            _unit(unit_code),
            password=None if state == "invited" else DEMO_PASSWORD,
            email=email,
            full_name=full_name,
            is_active=state != "deactivated",
        )
        if created and state == "invited":
            now = timezone.now()
            Invitation.objects.create(
                user=user,
                token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
                sent_at=now,
                expires_at=now + timedelta(days=7),
            )
    for username in ("rita", "lena"):
        ReviewTeamMember.objects.get_or_create(year=year, user=User.objects.get(username=username))


def demo_people(unit):
    """A staff member and the head of `unit` (the demo's named users where they exist)."""
    # Active people who have logged in (not invited or deactivated demo accounts).
    people = User.objects.filter(unit=unit, is_active=True).exclude(password__startswith="!")
    staff = people.filter(role=Role.STAFF).order_by("pk").first()
    head = people.filter(role=Role.HEAD).order_by("pk").first()
    if head is None:
        username = f"tt.{unit.code.lower()}"
        head, _created = _person(
            username,
            Role.HEAD,
            unit,
            full_name=unit.head_name,
            email=f"{username}@danvan.example.vn",
        )
    return staff or head, head
