"""Follow the README's Deploying section in a fresh virtualenv, so it cannot drift.

    python3.11 scripts/check_deploy.py

It copies the code to a temporary "/opt/danvan", writes the settings file from .env.example
(pointed at a throw-away PostgreSQL database and a private Redis, first look without HTTPS),
links it as .env, runs the commands between the README's `deploy-check` markers one by one,
then starts web, worker and beat with the ExecStart lines of deploy/*.service. It checks that
the login page and a static file answer, that the first admin has the admin role, that an
invitation asked for on the page is mailed by the worker with a SITE_URL link, that beat
keeps its schedule where BEAT_SCHEDULE_FILE says and that seed_demo refuses DEBUG=0.
Needs PostgreSQL on 127.0.0.1:5432 (trust auth for `postgres`) and redis-server.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.live import PrivateRedis, Session, free_port, wait_for_port  # noqa: E402

PASSWORD = "Kiem-tra-trien-khai-2026"
PG = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc"]


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- deploy-check:begin -->", 1)[1].split("<!-- deploy-check:end -->")[0]
    lines = block.split("```sh", 1)[1].split("```", 1)[0].splitlines()
    return [line.split("  #")[0].strip() for line in lines if line.strip()]


def exec_start(service, opt, port):
    text = (ROOT / "deploy" / f"danvan-{service}.service").read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
    return shlex.split(
        line.replace("/opt/danvan", str(opt)).replace("127.0.0.1:8000", f"127.0.0.1:{port}")
    )


def settings_file(path, values):
    """.env.example with this check's values; everything else kept as the sample has it."""
    lines = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        name = line.lstrip("# ").split("=", 1)[0]
        if name in values and "=" in line and " " not in name:
            line = f"{name}={values.pop(name)}"
        lines.append(line)
    lines += [f"{k}={v}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(args, cwd, env, **kwargs):
    print("$", args if isinstance(args, str) else " ".join(args), flush=True)
    return subprocess.run(
        args, cwd=cwd, env=env, check=True, text=True, capture_output=True, **kwargs
    )


def main():
    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="danvan-deploy-"))
    opt, data = base / "opt-danvan", base / "var-lib-danvan"
    database = f"danvan_ops_deploy_{os.getpid()}"
    redis, procs = PrivateRedis(), []
    try:
        files = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
        for name in files:
            if (ROOT / name).is_file():
                (opt / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, opt / name)
        (data / "media").mkdir(parents=True)
        subprocess.run([*PG, f'CREATE DATABASE "{database}"'], check=True)
        redis.start()
        port = free_port()
        site = f"http://127.0.0.1:{port}"
        mail = base / "mail"
        settings_file(
            base / "danvan.env",
            {
                "SECRET_KEY": "deploy-check-" + "s3cr3t" * 10,
                "ALLOWED_HOSTS": "127.0.0.1",
                "CSRF_TRUSTED_ORIGINS": site,
                "SITE_URL": site,
                "BEHIND_PROXY": "0",
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
                "CELERY_BROKER_URL": redis.url,
                "EMAIL_URL": f"filemail:///{mail}",
                "MEDIA_ROOT": data / "media",
                "STATIC_ROOT": data / "static",
                "BEAT_SCHEDULE_FILE": data / "celerybeat-schedule",
                "SECURE_SSL_REDIRECT": "0",  # the README's first look without HTTPS
                "SECURE_COOKIES": "0",
                "AXES_ENABLED": "0",
            },
        )
        (opt / ".env").symlink_to(base / "danvan.env")
        # Only what a fresh shell has: no settings of the caller leak in.
        env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
        env["DANVAN_ADMIN_PASSWORD"] = PASSWORD
        for command in readme_commands():
            result = run(command, opt, env, shell=True)
            if "check --deploy" in command:
                assert "security.W008" in result.stderr + result.stdout, result.stderr
        admin = run(
            [
                ".venv/bin/python",
                "manage.py",
                "shell",
                "-c",
                "from accounts.models import User; print(*User.objects.values_list("
                "'username', 'role').get())",
            ],
            opt,
            env,
        ).stdout.split()[-2:]
        assert admin == ["it@tinh.gov.vn", "admin"], admin
        refused = subprocess.run(
            [".venv/bin/python", "manage.py", "seed_demo"], cwd=opt, env=env, capture_output=True
        )
        assert refused.returncode != 0, "seed_demo ran with DEBUG=0"

        for service in ("web", "worker", "beat"):
            args = exec_start(service, opt, port)
            print("$", " ".join(args), flush=True)
            procs.append(subprocess.Popen(args, cwd=opt, env=env, start_new_session=True))
        wait_for_port(port, proc=procs[0])
        browser = Session(site)
        status, page = browser.get("/accounts/login/")
        assert status == 200, status
        css = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        assert browser.get(css)[0] == 200, css
        browser.log_in("it@tinh.gov.vn", PASSWORD)
        status, page = browser.post(
            "/people/invite/",
            {"full_name": "Phạm Thị Hoa", "email": "hoa@example.vn", "role": "reviewer"},
        )
        assert status == 200, status
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not (mail.exists() and any(mail.iterdir())):
            time.sleep(0.5)
        sent = "".join(p.read_text(errors="replace") for p in mail.iterdir())
        assert "hoa@example.vn" in sent and f"{site}/" in sent, sent[:2000]
        # (shelve may add a suffix to the name, depending on the dbm module it finds)
        while time.monotonic() < deadline and not list(data.glob("celerybeat-schedule*")):
            time.sleep(0.5)
        assert list(data.glob("celerybeat-schedule*")), "beat keeps no schedule file"
        assert not list(opt.glob("celerybeat-schedule*")), "beat wrote into the code folder"
        print(f"Deploy check passed in {time.monotonic() - started:.0f} s")
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=60)
        redis.stop()
        subprocess.run([*PG, f'DROP DATABASE IF EXISTS "{database}"'], check=False)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
