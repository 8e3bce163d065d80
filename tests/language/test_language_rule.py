"""The portal speaks Vietnamese unless the person chose English in the top bar, and its own
translations win over Django's and the third-party apps' catalogues."""

from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.conftest import ROOT


def test_a_browser_asking_for_english_gets_vietnamese(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_english_chosen_in_the_top_bar_sticks(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="vi")
    assert "Log in" in response.content.decode()
    assert response["Content-Language"] == "en"


def test_an_unknown_language_cookie_falls_back_to_vietnamese(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Đăng nhập" in response.content.decode()


def _project_catalogues():
    return sorted(ROOT.glob("locale/vi/LC_MESSAGES/django.po")) + sorted(
        p for p in ROOT.glob("*/locale/vi/LC_MESSAGES/django.po") if ".venv" not in p.parts
    )


def test_the_projects_translations_win_over_other_catalogues():
    ours = {}
    for path in _project_catalogues():
        for entry in polib.pofile(str(path)):
            usable = entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
            if usable and not entry.msgid_plural:
                ours.setdefault((entry.msgctxt, entry.msgid), set()).add(entry.msgstr)
    assert ours, "no project catalogue found"
    lost = []
    with translation.override("vi"):
        for (context, msgid), strings in ours.items():
            shown = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if shown not in strings:
                lost.append(f"{msgid!r}: {shown!r}, ours {sorted(strings)}")
    assert not lost, "\n".join(lost[:20])


@pytest.mark.django_db
def test_the_report_timeline_heading_is_the_reports_word(client, alice):
    from datetime import date

    from criteria.models import CriteriaSet
    from reports import services
    from tests.conftest import ensure_reference_data, login

    ensure_reference_data()
    criteria_set = CriteriaSet.objects.get(year=date.today().year)
    report = services.start_report(alice.unit, criteria_set, alice)
    html = login(client, alice).get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Quá trình xử lý" in html
    assert "Bản ghi nhớ" not in html and "Diễn biến" not in html


def test_catalogue_paths_exist():
    for path in settings.LOCALE_PATHS:
        assert Path(path).is_dir(), path


def test_password_validators_speak_vietnamese(db):
    from django.contrib.auth.password_validation import (
        password_validators_help_texts,
        validate_password,
    )
    from django.core.exceptions import ValidationError

    messages = []
    with translation.override("vi"):
        for password in ("abc", "password", "12345678901"):
            try:
                validate_password(password)
            except ValidationError as refused:
                messages += refused.messages
        messages += password_validators_help_texts()
    assert messages
    english = [m for m in messages if any(w in m for w in ("password", "This", "must", "Your"))]
    assert not english, english


def test_every_message_has_one_vietnamese_wording_across_catalogues():
    """Django merges the apps' catalogues into one: a msgid translated two ways shows whichever
    catalogue wins, on every page. A different meaning takes a context instead."""
    root = ROOT
    wordings = defaultdict(dict)
    for path in root.glob("**/locale/vi/LC_MESSAGES/django.po"):
        if ".venv" in path.parts:
            continue
        for entry in polib.pofile(str(path)):
            if entry.msgstr and not entry.obsolete:
                wordings[(entry.msgctxt, entry.msgid)][str(path.relative_to(root))] = entry.msgstr
    assert len(wordings) > 500
    differing = {key: where for key, where in wordings.items() if len(set(where.values())) > 1}
    assert differing == {}
