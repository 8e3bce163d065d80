"""Every main page of every role passes axe-core's WCAG 2.1 A/AA rules, on a desktop and a phone.

axe-core (shipped by axe-playwright-python) runs inside Chromium on the demo province, the same
data `make run` shows. A critical or serious violation fails the test with a list naming the
page, the width, the rule and the elements. A second test opens every main page at 390 px and
fails when one is wider than the phone's screen (the whole page scrolling sideways).

One browser context per role, pages visited in turn; the demo is seeded once per test.
"""

from datetime import date

import pytest
from django.urls import reverse

from accounts.models import User
from campaigns.models import CampaignPeriod, DanVanModel
from reports.models import AnnualReport, ReportState, ReviewAssignment
from tests.browser.conftest import log_in
from tests.conftest import ensure_reference_data

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"critical", "serious"}
ROLES = ("anonymous", "staff", "head", "reviewer", "lead", "admin")
DEMO_LOGIN = {"staff": "alice", "head": "hana", "reviewer": "rita", "lead": "lena", "admin": "adam"}


def main_pages(role):
    """(name, path) of the pages a person in `role` works on, looked up in the demo data."""
    year = date.today().year
    if role == "anonymous":
        return [
            ("login", reverse("login")),
            ("password reset", reverse("password_reset")),
            ("public results", reverse("public:index")),
        ]
    user = User.objects.get(username=DEMO_LOGIN[role])
    pages = [
        ("home", reverse("home")),
        ("models", reverse("campaigns:model_list")),
        ("typical examples", reverse("campaigns:example_list")),
        ("password change", reverse("password_change")),
    ]
    if user.unit_id:
        report = AnnualReport.objects.get(unit=user.unit, criteria_set__year=year)
        pages += [
            ("reports", reverse("reports:index")),
            ("report", reverse("reports:detail", args=[report.pk])),
            ("unit overview", reverse("dashboards:unit", args=[user.unit_id])),
            ("unit", reverse("units:detail", args=[user.unit_id])),
        ]
        if report.is_unit_editable:
            pages.append(("report form", reverse("reports:edit", args=[report.pk])))
        model = DanVanModel.objects.filter(unit=user.unit).first()
        if model:
            pages.append(("model", reverse("campaigns:model_detail", args=[model.pk])))
    if role == "head":
        pages.append(("people", reverse("accounts:user_list")))
    if user.is_reviewer:
        assigned = (
            ReviewAssignment.objects.filter(criteria_set__year=year, reviewer=user)
            .values_list("unit", flat=True)
            .first()
        )
        under_review = AnnualReport.objects.filter(
            criteria_set__year=year, state=ReportState.UNDER_REVIEW
        )
        report = under_review.filter(unit=assigned).first() or under_review.first()
        pages += [
            ("review board", reverse("review:board", args=[year])),
            ("review screen", reverse("review:report", args=[report.pk])),
            ("province dashboard", reverse("dashboards:province")),
            ("units", reverse("units:list")),
            ("unit tree", reverse("units:tree")),
            ("criteria sets", reverse("criteria:list")),
            ("criteria set", reverse("criteria:detail", args=[year])),
            ("awards", reverse("campaigns:award_list")),
            ("campaign periods", reverse("campaigns:period_list")),
            ("annual reports", reverse("reports:index")),
        ]
        period = CampaignPeriod.objects.first()
        if period:
            pages.append(("period dashboard", reverse("dashboards:period", args=[period.pk])))
    if user.is_review_lead:
        pages += [
            ("classification", reverse("ratings:index")),
            ("classification of last year", reverse("ratings:year", args=[year - 1])),
        ]
    if user.is_province_admin:
        pages += [
            ("people", reverse("accounts:user_list")),
            ("import people", reverse("accounts:import")),
            ("import units", reverse("units:import")),
            ("import criteria", reverse("criteria:import")),
            ("review team", reverse("accounts:review_team_current")),
            ("audit log", reverse("audit:list")),
            ("criteria set settings", reverse("criteria:edit_settings", args=[year])),
        ]
    return pages


def open_role(browser, base_url, role):
    """A logged-in page of its own browser context for `role` (none for the anonymous visitor)."""
    context = browser.new_context(locale="vi-VN", viewport=DESKTOP)
    context.set_default_timeout(20000)
    page = context.new_page()
    page.base_url = base_url
    if role != "anonymous":
        from demo.people import DEMO_PASSWORD

        log_in(page, DEMO_LOGIN[role], DEMO_PASSWORD)
    return context, page


def visit(page, path):
    page.goto(f"{page.base_url}{path}")
    page.wait_for_load_state("networkidle")


def axe_problems(page, axe):
    """Readable lines, one per critical or serious violation on the page as it is now."""
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        more = len(violation["nodes"]) - len(targets)
        lines.append(
            f"{violation['impact']} {violation['id']} ({violation['help']}): "
            + "; ".join(targets)
            + (f" and {more} more" if more > 0 else "")
        )
    return lines


def too_wide(page):
    """The document's width beyond the viewport's, with the widest elements to blame."""
    return page.evaluate(
        """() => {
          const doc = document.documentElement, vw = doc.clientWidth;
          if (doc.scrollWidth <= vw) return null;
          const culprits = [...document.querySelectorAll('main *')]
            .filter(el => el.getBoundingClientRect().right > vw + 1)
            .filter(el => !el.closest('.table-scroll, .scroll-box'))
            .slice(0, 4)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                 + (el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : ''));
          return `${doc.scrollWidth} px wide at ${vw}: ${culprits.join(', ')}`;
        }"""
    )


def too_small(page):
    """Controls a finger taps (buttons, fields, page links) under 44 px tall, as 'text: px'."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'main button, main a.btn, main input:not([type=hidden]), main select,'
              + ' main textarea, main .page-link')]
            .filter(el => el.offsetParent && getComputedStyle(el).visibility !== 'hidden'
                    && !['checkbox', 'radio'].includes(el.type))
            .map(el => [el, el.getBoundingClientRect().height])
            .filter(([el, h]) => h > 0 && h < 44)
            .map(([el, h]) => `${(el.textContent || el.name || el.tagName).trim().slice(0, 30)}: `
                              + `${Math.round(h)} px`)"""
    )


@pytest.fixture
def demo(db):
    from demo.seed import seed

    ensure_reference_data()  # the previous transactional test flushed the migrations' rows
    seed()


@pytest.mark.django_db(transaction=True)
def test_no_critical_or_serious_axe_violation_on_any_main_page(_playwright, live_server, demo):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for role in ROLES:
        context, page = open_role(_playwright, live_server.url, role)
        try:
            for name, path in main_pages(role):
                for viewport in (DESKTOP, PHONE):
                    page.set_viewport_size(viewport)
                    visit(page, path)
                    where = f"{role} · {name} ({path}) at {viewport['width']} px"
                    problems += [f"{where}: {line}" for line in axe_problems(page, axe)]
        finally:
            context.close()
    assert not problems, "axe-core finds serious problems:\n" + "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_no_main_page_is_wider_than_a_phone_nor_has_small_touch_targets(
    _playwright, live_server, demo
):
    problems = []
    for role in ROLES:
        context, page = open_role(_playwright, live_server.url, role)
        page.set_viewport_size(PHONE)
        try:
            for name, path in main_pages(role):
                visit(page, path)
                wide = too_wide(page)
                if wide:
                    problems.append(f"{role} · {name} ({path}): {wide}")
                small = too_small(page)
                if small:
                    problems.append(f"{role} · {name} ({path}) under 44 px: {', '.join(small)}")
        finally:
            context.close()
    assert not problems, (
        "Pages wider than a 390 px phone or with small touch targets:\n" + "\n".join(problems)
    )
