"""`make run` tells a newcomer a coherent story: logins last, dates from today, a published
decision; and seed_demo stays out of real deployments."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from accounts.models import Role, User
from criteria.models import CriteriaSet
from ratings.models import Decision
from reports import figures
from reports.models import AnnualReport, ReportState


def test_seed_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=0"):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_is_dated_from_today_and_its_logins_come_last(settings, capsys):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    call_command("seed_demo")
    out = capsys.readouterr().out
    # No mail printed: the logins are the last thing, as a table of login, role and unit.
    assert "Content-Type" not in out and "Subject:" not in out
    table = out[out.index("  login") :].splitlines()
    assert table[0].split() == ["login", "role", "unit"]
    listed = [line.split()[0] for line in table[2:] if line.startswith("  ")]
    assert listed[:3] == ["adam", "lena", "rita"]
    assert "make clean" in table[-1]
    for unit_id in User.objects.filter(username__in=listed).exclude(unit=None).values("unit"):
        roles = set(
            User.objects.filter(username__in=listed, **unit_id).values_list("role", flat=True)
        )
        assert roles == {Role.STAFF, Role.HEAD}, unit_id

    today = date.today()
    this_year = CriteriaSet.objects.get(year=today.year)
    assert (this_year.submission_deadline - today).days >= 14
    reports = AnnualReport.objects.filter(criteria_set=this_year)
    states = set(reports.values_list("state", flat=True))
    assert states >= {
        ReportState.DRAFT,
        ReportState.AWAITING_SIGNOFF,
        ReportState.SUBMITTED,
        ReportState.UNDER_REVIEW,
        ReportState.RETURNED,
        ReportState.ACCEPTED,
    }
    assert not reports.filter(is_late=True).exists()  # the deadline is ahead
    last_year = AnnualReport.objects.filter(criteria_set__year=today.year - 1)
    assert last_year.filter(is_late=False).count() > last_year.filter(is_late=True).count()
    assert Decision.objects.filter(year=today.year - 1).exists()

    # Most units' figures agree with the year's rules; a few contradict them and were signed
    # off with an explanation per warning, so the demo shows the feature.
    filed = reports.exclude(state=ReportState.DRAFT).exclude(scores__self_score=None)
    warned = figures.broken_by_report(this_year, list(filed.values_list("pk", flat=True)))
    assert 0 < len(warned) < filed.distinct().count() / 3
    explained = reports.filter(has_warnings=True)
    assert explained.exists()
    assert all(note["explanation"] for r in explained for note in r.warning_notes)
