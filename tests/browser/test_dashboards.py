"""A reviewer opens the province dashboard in Chromium: the charts draw, the tables agree."""

import pytest

from campaigns.models import DanVanModel, Field, ModelStatus, RecognitionLevel
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.dashboards.factories import build_province

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_reviewer_sees_the_charts_and_a_recognised_model(page, rita, unit_a, criteria_set):
    build_province(criteria_set, 8)
    DanVanModel.objects.create(
        unit=unit_a,
        year=criteria_set.year,
        name="Dân vận khéo trong cải cách hành chính",
        field=Field.DEFENCE_SECURITY,
        status=ModelStatus.RECOGNISED,
        recognition_level=RecognitionLevel.CENTRAL,
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and errors.append(message.text),
    )
    log_in(page, "rita", PASSWORD)
    page.click("nav >> text=Tổng quan")
    page.wait_for_selector("canvas[data-drawn=true]")

    canvases = page.eval_on_selector_all(
        "canvas[data-chart]",
        "els => els.map(c => ({id: c.dataset.chart, chart: !!Chart.getChart(c),"
        " width: c.width, height: c.height}))",
    )
    assert len(canvases) == 5
    for canvas in canvases:
        assert canvas["chart"], canvas
        assert canvas["width"] > 0 and canvas["height"] > 0, canvas

    # Defence and security: 2 models of the province pattern (i = 2, 6) plus the one above,
    # which is the only one recognised at central level.
    row = page.locator("#models-table tr", has_text=str(Field.DEFENCE_SECURITY.label))
    cells = row.locator("th, td").all_inner_texts()
    assert cells[-1] == "3"
    assert cells[-2] == "1"
    assert errors == []  # no Content Security Policy refusals, no script errors
