"""The admin writes two consistency rules on the set's rules page, and the people of a unit and
the review team meet them: the staff member's figures contradict them (the form warns beside
the fields and still saves), the head explains each warning, the reviewer reads it beside the
criterion concerned."""

from pathlib import Path

import pytest

from reports import services
from reports.models import AnnualReport, ReportState
from review import services as review
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.reports.conftest import complete

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots-figures")
SUM_RULE = (
    "Tổng của số đơn đang xem xét và số đơn rút không vượt quá số đơn đã giải quyết "
    "(sai lệch cho phép 2)."
)
SCORE_RULE = (
    "Khi điểm tự chấm tiêu chí 1 trên 80% điểm tối đa (8 điểm), số lượt người tham gia tập "
    "huấn không dưới 20 người (sai lệch cho phép 0)."
)


def type_into(page, selector, text):
    field = page.locator(selector)
    field.click()
    field.fill("")
    field.press_sequentially(text, delay=120)


def add_rule(page, row, values, selects=None):
    """Fill the empty row `row` of the rules page as the admin would, and save."""
    for name, text in values.items():
        type_into(page, f"#id_rules-{row}-{name}", text)
    for name, label in (selects or {}).items():
        page.select_option(f"#id_rules-{row}-{name}", label=label)
    page.click('main form[method=post] button[type=submit]:has-text("Lưu")')
    page.wait_for_selector("text=Đã lưu các thay đổi.")


def save_figure(page, selector, text):
    type_into(page, selector, text)
    page.press(selector, "Tab")
    page.wait_for_selector(f"#st-{selector[3:]}[data-state=saved]")


def test_admin_writes_rules_unit_contradicts_head_explains_reviewer_reads(
    page, adam, alice, hana, rita, lena, unit_a, criteria_set
):
    SHOTS.mkdir(exist_ok=True)
    year = criteria_set.year
    first_new = criteria_set.rules.count()
    log_in(page, "adam", PASSWORD)
    page.goto(f"{page.base_url}/criteria/{year}/edit/indicator-rules/")
    add_rule(
        page,
        first_new,
        {
            "left_codes": "petitions_pending petitions_withdrawn",
            "right_codes": "petitions_resolved",
            "tolerance": "2",
        },
        {"operator": "≤"},
    )
    assert SUM_RULE in page.inner_text("#stated-title + p + ol")
    add_rule(
        page,
        first_new + 1,
        {"left_codes": "training_participants", "right_constant": "20", "score_above": "80"},
        {"operator": "≥", "criterion": "1"},
    )
    words = page.inner_text("#stated-title + p + ol")
    assert SUM_RULE in words and SCORE_RULE in words
    page.set_viewport_size({"width": 1366, "height": 900})
    page.locator("#stated-title").locator("..").screenshot(path=str(SHOTS / "rules-1366.png"))

    # Everyone who reads the set reads the rules in words.
    page.context.clear_cookies()
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/criteria/{year}/")
    assert SUM_RULE in page.inner_text("#consistency-rules + p + ol")

    # The staff member's figures contradict both rules; every figure is still saved.
    report = services.start_report(unit_a, criteria_set, alice)
    complete(report)
    codes = {
        v.indicator.code: v.indicator.pk for v in report.indicators.select_related("indicator")
    }
    criterion_1 = criteria_set.criteria.get(number=1)
    page.context.clear_cookies()
    log_in(page, "alice", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/edit/")
    save_figure(page, f"#f-c{criterion_1.pk}-self_score", "9")
    assert page.inner_text(f"#sw-{criterion_1.pk}") == ""  # no training figure yet
    save_figure(page, f"#f-ind-{codes['training_participants']}", "5")
    assert SCORE_RULE in page.inner_text("#iw-training_participants")
    assert SCORE_RULE in page.inner_text(f"#sw-{criterion_1.pk}")  # beside the self-score too
    for code, text in (
        ("petitions_received", "10"),
        ("petitions_resolved", "2"),
        ("petitions_pending", "5"),
        ("petitions_withdrawn", "3"),
    ):
        save_figure(page, f"#f-ind-{codes[code]}", text)
    assert SUM_RULE in page.inner_text("#iw-petitions_withdrawn")
    assert SUM_RULE in page.inner_text("#iw-petitions_resolved")
    assert page.inner_text("#iw-petitions_received") == ""  # the dispositions add up to 10
    saved = dict(report.indicators.values_list("indicator__code", "value"))
    assert saved["training_participants"] == 5 and saved["petitions_withdrawn"] == 3
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(f"#f-ind-{codes['petitions_withdrawn']}").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "form-marks-390.png"))
    page.set_viewport_size({"width": 1366, "height": 900})
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#send button[type=submit]")
    page.wait_for_selector("text=Đã trình báo cáo để thủ trưởng ký duyệt.")

    # The head explains each warning still open, then signs off.
    page.context.clear_cookies()
    log_in(page, "hana", PASSWORD)
    page.goto(f"{page.base_url}/reports/{report.pk}/")
    warnings = page.inner_text("#open-warnings")
    assert SUM_RULE in warnings and SCORE_RULE in warnings
    explanations = page.locator("#open-warnings textarea")
    assert explanations.count() == 2
    for i, text in enumerate(
        ("Năm đơn đang xem xét là đơn cuối năm.", "Lớp tập huấn chuyển sang quý I năm sau.")
    ):
        explanations.nth(i).click()
        explanations.nth(i).press_sequentially(text, delay=60)
    page.locator("#open-warnings").screenshot(path=str(SHOTS / "sign-off-1366.png"))
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("text=Ký duyệt và nộp")
    page.wait_for_load_state()
    report = AnnualReport.objects.get(pk=report.pk)
    assert report.state == ReportState.SUBMITTED and len(report.warning_notes) == 2

    # The reviewer reads each explanation beside the criterion it concerns.
    review.assign(criteria_set, [unit_a], rita, lena)
    page.context.clear_cookies()
    log_in(page, "rita", PASSWORD)
    page.goto(f"{page.base_url}/review/report/{report.pk}/")
    score_1 = report.scores.get(criterion__number=1)
    score_5 = report.scores.get(criterion__number=5)
    beside_1 = page.inner_text(f"#c{score_1.pk} .js-warning-note")
    assert SCORE_RULE in beside_1 and "Lớp tập huấn chuyển sang quý I năm sau." in beside_1
    beside_5 = page.locator(f"#c{score_5.pk} .js-warning-note").all_inner_texts()
    assert any(SUM_RULE in t and "Năm đơn đang xem xét là đơn cuối năm." in t for t in beside_5)
    page.locator(f"#c{score_1.pk}").screenshot(path=str(SHOTS / "review-note-1366.png"))
