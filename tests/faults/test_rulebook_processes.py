"""A class edited in one process shows on the very next autosave served by every other one.

Each gunicorn worker keeps the year's rulebook (criteria.rulebook) once read; the edit is made
by a third process (`manage.py shell`), as an admin's request on another worker or machine.
"""

from concurrent.futures import ThreadPoolExecutor

from tests.live import Gunicorn, Session, report_version

from .conftest import PASSWORD, needs_services, set_up_site, shell

pytestmark = needs_services

HTMX = {"HX-Request": "true"}
RENAME = """
from criteria.models import ClassTier
tier = ClassTier.objects.get(criteria_set__year=%d, code="average")
tier.name = "Đạt yêu cầu"
tier.save()
"""


def test_an_edited_class_shows_on_the_next_autosave_of_every_worker(pg):
    env, site = set_up_site(pg)
    server = Gunicorn(env, workers=2)
    server.start()
    try:
        tabs = [Session(server.url), Session(server.url)]
        for tab in tabs:
            tab.log_in("alice", PASSWORD)
        url = f"/reports/{site.report}/save/criterion/{site.criterion}/"
        version = int(report_version(tabs[0].get(f"/reports/{site.report}/edit/")[1]))
        status, _body = tabs[0].post(
            url, {"self_score": "5", "base-self_score": "", "version": version}, headers=HTMX
        )
        assert status == 200
        version = int(tabs[0].headers["X-Report-Version"])

        def unchanged(tab):
            """The same self-score again: nothing is written, the total and class answered."""
            data = {"self_score": "5", "base-self_score": "5", "version": version}
            return tab.post(url, data, headers=HTMX)

        def rounds():
            # Two tabs at once keep both sync workers busy: each round is served by both.
            with ThreadPoolExecutor(2) as pool:
                return [a for _ in range(6) for a in pool.map(unchanged, tabs)]

        before = rounds()
        assert all(s == 200 and "Trung bình" in body for s, body in before)
        shell(env, RENAME % site.year)
        after = rounds()
        assert [s for s, _ in after] == [200] * 12
        assert all("Đạt yêu cầu" in body and "Trung bình" not in body for _, body in after)
    finally:
        server.stop()
