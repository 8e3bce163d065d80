"""PostgreSQL restarts (a failover) while a unit is saving its report.

Every answer is a save (200) or the Vietnamese outage message (503), never a 500; later saves
succeed; what is stored is the last acknowledged save, and the report's version counts exactly
the saves that happened.
"""

import threading
import time

from tests.live import Gunicorn, Session, report_version

from .conftest import PASSWORD, needs_services, set_up_site, shell

pytestmark = needs_services

HTMX = {"HX-Request": "true"}
OUTAGE = "Không kết nối được cơ sở dữ liệu nên thao tác vừa rồi có thể chưa được lưu"


class Saver(threading.Thread):
    """A staff member typing: each save sends the version the last answer gave back.

    After a 503 the page is reloaded for the version, as the user would after the message; a
    save answered 503 that was nevertheless committed shows there as a version one higher.
    """

    def __init__(self, session, site):
        super().__init__(daemon=True)
        self.session = session
        self.url = f"/reports/{site.report}/save/criterion/{site.criterion}/"
        self.edit_url = f"/reports/{site.report}/edit/"
        self.version = site.version
        self.answers = []  # (status, body)
        self.acknowledged = []  # (text, version after it)
        self.committed_unacknowledged = 0
        self.stop = threading.Event()
        self.error = None

    def run(self):
        try:
            n = 0
            while not self.stop.is_set():
                n += 1
                text = f"Bản lưu số {n}"
                status, body = self.session.post(
                    self.url, {"narrative": text, "version": self.version}, headers=HTMX
                )
                self.answers.append((status, body))
                if status == 200:
                    self.version = int(self.session.headers["X-Report-Version"])
                    self.acknowledged.append((text, self.version))
                elif status == 503:
                    self.reload(sent=self.version)
                else:
                    return
        except Exception as exc:  # noqa: BLE001 - reported by the test
            self.error = exc

    def reload(self, sent):
        while not self.stop.is_set():
            status, body = self.session.get(self.edit_url)
            self.answers.append((status, body))
            if status == 200:
                self.version = int(report_version(body))
                self.committed_unacknowledged += self.version - sent
                return
            if status != 503:
                return
            time.sleep(0.05)

    def wait_for_acknowledged(self, count, timeout=60):
        deadline = time.monotonic() + timeout
        while len(self.acknowledged) < count and time.monotonic() < deadline:
            if not self.is_alive():
                break
            time.sleep(0.05)
        return len(self.acknowledged) >= count


def test_saves_survive_a_postgresql_restart(pg):
    env, site = set_up_site(pg)
    server = Gunicorn(env, workers=2)
    server.start()
    try:
        session = Session(server.url)
        session.log_in("alice", PASSWORD)
        saver = Saver(session, site)
        saver.start()
        assert saver.wait_for_acknowledged(5), saver.answers[-1:]
        pg.restart()
        after_restart = len(saver.acknowledged)
        assert saver.wait_for_acknowledged(after_restart + 10), saver.answers[-1:]
        saver.stop.set()
        saver.join(timeout=60)
    finally:
        server.stop()

    assert saver.error is None
    statuses = [status for status, _ in saver.answers]
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    outages = [body for status, body in saver.answers if status == 503]
    assert outages, "the restart interrupted no request; nothing was tested"
    assert all(OUTAGE in body for body in outages)

    text, version = saver.acknowledged[-1]
    stored = shell(
        env,
        "from reports.models import AnnualReport\n"
        f"r = AnnualReport.objects.get(pk={site.report})\n"
        f"s = r.scores.get(criterion_id={site.criterion})\n"
        "print('OUT', r.version)\n"
        "print('OUT', s.narrative)\n"
        "print('OUT', r.scores.count(), r.criteria_set.criteria.count())",
    )
    stored = [line[4:] for line in stored.splitlines() if line.startswith("OUT ")]
    assert int(stored[0]) == version
    assert stored[1] == text
    assert stored[2].split()[0] == stored[2].split()[1]  # no score row lost or doubled
    saves = len(saver.acknowledged) + saver.committed_unacknowledged
    assert version == site.version + saves
