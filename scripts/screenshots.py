"""Regenerate the README's screenshots from the demo data.

    python scripts/screenshots.py                # writes docs/screenshots/*.png
    python scripts/screenshots.py --out /tmp/x   # somewhere else

A throw-away database in a temporary folder is migrated and seeded (`seed_demo`), served by
`runserver` on a free port, and read at 1366 px wide by Debian's Chromium through Playwright
(never `playwright install`). Your own database and media are not touched. Each picture is
clipped to the part the README describes, to stay well under 300 KB:

- rules.png: the consistency rules of this year's set, in words and as the admin edits them;
- review-last-year.png: the review screen of a report whose unit filed last year too;
- public-results.png: the public results of the latest published year, without logging in.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
WIDTH = 1366
PASSWORD = "danvan-demo-2026"  # demo.people.DEMO_PASSWORD, published for the demo only


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env):
    """Migrate and seed the throw-away database; answer the pages to photograph."""
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run([*manage, "seed_demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    query = (
        "from criteria.models import CriteriaSet\n"
        "from reports.models import AnnualReport, REVIEWABLE_STATES\n"
        "from ratings.models import Decision\n"
        "year = CriteriaSet.objects.current().year\n"
        "filed = AnnualReport.objects.filter(criteria_set__year=year - 1)"
        ".exclude(scores__narrative='').values('unit_id')\n"
        "report = AnnualReport.objects.filter(criteria_set__year=year, state__in=REVIEWABLE_STATES,"
        " unit_id__in=filed).order_by('unit__code').first()\n"
        "published = Decision.objects.order_by('-year').first()\n"
        "print(year, report.pk, published.year)\n"
    )
    out = subprocess.run(
        [*manage, "shell", "-c", query], env=env, check=True, cwd=ROOT, capture_output=True
    )
    year, report, published = out.stdout.decode().split()[-3:]
    return int(year), int(report), int(published)


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the demo server did not answer at {url}")


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def clip_below(page, top_selector, height):
    """The page from the top of `top_selector` down `height` pixels, across the whole width."""
    box = page.locator(top_selector).first.bounding_box()
    return {"x": 0, "y": max(box["y"] - 12, 0), "width": WIDTH, "height": height}


def shoot(base, out, year, report, published):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": 900})
        page = context.new_page()

        log_in(page, base, "adam")
        page.goto(f"{base}/criteria/{year}/edit/indicator-rules/")
        page.screenshot(
            path=str(out / "rules.png"), full_page=True, clip=clip_below(page, "h1", 1100)
        )

        log_in(page, base, "rita")
        page.goto(f"{base}/review/report/{report}/")
        page.locator(".last-year").first.wait_for()
        page.locator(".last-year summary").first.click()  # last year's text and the word diff
        page.screenshot(
            path=str(out / "review-last-year.png"),
            full_page=True,
            clip=clip_below(page, "h1", 1000),
        )

        context.clear_cookies()
        page.goto(f"{base}/results/{published}/")
        page.screenshot(
            path=str(out / "public-results.png"), full_page=True, clip=clip_below(page, "h1", 900)
        )
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="danvan-shots-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DEBUG": "1",
            "CELERY_TASK_ALWAYS_EAGER": "1",
        }
        year, report, published = prepare(env)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", str(port)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/accounts/login/")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            shoot(base, options.out, year, report, published)
        finally:
            server.terminate()
            server.wait(timeout=10)
    for name in ("rules.png", "review-last-year.png", "public-results.png"):
        path = options.out / name
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: "
            f"{path.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
