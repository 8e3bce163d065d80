"""Real processes for fault tests and the load benchmark: a private PostgreSQL cluster and Redis
that a test may stop and restart without disturbing anything else, the portal under gunicorn, and
a small cookie-keeping HTTP client that speaks CSRF like a browser.
"""

import contextlib
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, timeout=30, proc=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port} after {timeout} s")


def _as_postgres(args, **kwargs):
    """PostgreSQL refuses to run as root; these machines run tests as root."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, **kwargs)


class PrivatePostgres:
    """A throw-away cluster on its own port, so a test can restart it mid-request."""

    available = PG_BIN is not None and shutil.which("runuser") is not None

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="danvan-pg-"))
        self.port = free_port()
        self.data = self.dir / "data"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres"]
        )

    @property
    def url(self):
        return f"postgres://postgres@127.0.0.1:{self.port}/danvan"

    def start(self):
        _as_postgres(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-o",
                f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1",
                "-l",
                str(self.dir / "log"),
                "-w",
                "start",
            ]
        )

    def stop(self, mode="fast"):
        _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"])

    def restart(self):
        """Like a failover: immediate stop (connections cut), then up again."""
        self.stop(mode="immediate")
        self.start()

    def create_database(self):
        _as_postgres(
            [
                str(PG_BIN.parent / "bin" / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "danvan",
            ]
        )

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop(mode="immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


class PrivateRedis:
    """A Redis nobody else uses, to stop and start under a running portal."""

    available = shutil.which("redis-server") is not None

    def __init__(self):
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.proc = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, proc=self.proc)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


_STATIC_ROOT = None
SECRET_KEY = "live-test-key-" + "k7Qz" * 12


def static_root():
    """Collected once per process: with DEBUG off, whitenoise serves only collected files."""
    global _STATIC_ROOT
    if _STATIC_ROOT is None:
        _STATIC_ROOT = tempfile.mkdtemp(prefix="danvan-static-")
        env = os.environ.copy()
        env.update(
            STATIC_ROOT=_STATIC_ROOT,
            DJANGO_SETTINGS_MODULE="danvan.settings",
            DEBUG="0",
            SECRET_KEY=SECRET_KEY,
            ALLOWED_HOSTS="127.0.0.1",
        )
        manage(env, "collectstatic", "--noinput")
    return _STATIC_ROOT


def site_env(database_url, broker_url=None, **extra):
    env = os.environ.copy()
    for name in ("DATABASE_TEST_NAME", "CELERY_TASK_ALWAYS_EAGER", "CELERY_QUEUE"):
        env.pop(name, None)
    env.update(
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="danvan.settings",
        STATIC_ROOT=static_root(),
    )
    if broker_url:
        env["CELERY_BROKER_URL"] = broker_url
    else:
        env.pop("CELERY_BROKER_URL", None)
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env, *args, input=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        input=input,
    )


class Gunicorn:
    """The portal as deployed: gunicorn workers against the given environment."""

    def __init__(self, env, workers=2):
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "danvan.wsgi",
                "-w",
                str(self.workers),
                "-b",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
        )
        wait_for_port(self.port, proc=self.proc)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            self.proc.wait(timeout=30)


class WorkerProcess:
    """A `celery worker` subprocess bound to the test database; tests may kill and restart it."""

    def __init__(self, env, log_path=None, concurrency=1):
        self.env = env
        self.proc = None
        self.log_path = log_path  # the worker's stdout and stderr, for tests that read its log
        self.concurrency = concurrency

    def start(self):
        name = f"test-{os.getpid()}-{time.time_ns()}@{socket.gethostname()}"
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "danvan",
                "worker",
                "-l",
                os.environ.get("DANVAN_WORKER_LOG", "warning"),
                "-c",
                str(self.concurrency),
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                name,
            ],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            **self._output(),
        )
        # Pinged with kombu on the worker's own broker URL, not through this process's Celery
        # app: that app reads CELERY_BROKER_URL from the environment before any argument and
        # keeps a producer pool bound to the first broker it used, so a worker started on
        # another Redis (the outage test's) would never hear the ping.
        # Imported here: scripts/check_deploy.py imports this module from a Python without the
        # project's packages.
        from kombu import Connection
        from kombu.pidbox import Mailbox

        mailbox = Mailbox("celery", type="fanout", accept=["json"])
        with Connection(self.env["CELERY_BROKER_URL"]) as connection:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError("celery worker exited at start-up")
                answers = mailbox(connection)._broadcast(
                    "ping", reply=True, timeout=0.5, destination=[name]
                )
                if answers:
                    return
        raise RuntimeError("celery worker did not answer a ping within 120 s")

    def _output(self):
        if self.log_path is None:
            return {}
        log = open(self.log_path, "ab")  # noqa: SIM115 - the child keeps it open
        return {"stdout": log, "stderr": subprocess.STDOUT}

    def kill(self):
        """SIGKILL the whole worker process group, as a crash or an OOM kill would."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 9)
            self.proc.wait(timeout=30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, 15)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class Session:
    """One user's browser, reduced to cookies, CSRF and forms."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrftoken(self):
        for cookie in self.jar:
            if cookie.name == "csrftoken":
                return cookie.value
        return ""

    def request(self, method, path, data=None, headers=None, timeout=30):
        """Returns (status, body text); HTTP errors are answers, not exceptions."""
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if method != "GET":
            headers["X-CSRFToken"] = self.csrftoken()
            headers["Referer"] = self.base_url + "/"
        req = urllib.request.Request(
            self.base_url + path, data=body, headers=headers, method=method
        )
        try:
            with self.opener.open(req, timeout=timeout) as response:
                self.headers = response.headers
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            self.headers = error.headers
            return error.code, error.read().decode("utf-8", "replace")

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data or {}, **kwargs)

    def log_in(self, username, password):
        self.get("/accounts/login/")
        status, body = self.post(
            "/accounts/login/", {"username": username, "password": password, "next": "/"}
        )
        if status != 200 or 'name="password"' in body:
            raise RuntimeError(f"login of {username} failed ({status})")


# Run by the site itself (`manage.py shell`), so its SECRET_KEY signs the sessions.
_SESSIONS = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
sessions = {}
for user in User.objects.filter(username__in=%(usernames)r):
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.LoginBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    sessions[user.username] = store.session_key
print("SESSIONS", json.dumps(sessions))
"""


def make_sessions(env, usernames):
    """{username: session key} of a logged-in session for each user, made in the database of
    `env` (from `site_env`). The load benchmarks use it rather than logging people in over
    HTTP: password hashing is deliberately slow, and it is not what they measure."""
    output = manage(env, "shell", "-c", _SESSIONS % {"usernames": list(usernames)}).stdout
    line = next(line for line in output.splitlines() if line.startswith("SESSIONS "))
    return json.loads(line.removeprefix("SESSIONS "))


def logged_in(base_url, session_key):
    """A browser that already holds the session cookie `make_sessions` made for its user."""
    session = Session(base_url)
    host = urllib.parse.urlsplit(base_url).hostname
    session.jar.set_cookie(
        http.cookiejar.Cookie(
            0,
            "sessionid",
            session_key,
            None,
            False,
            host,
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )
    )
    session.get("/")  # the CSRF cookie, as a browser gets it on its first page
    return session


def report_version(html):
    """The report version the edit form's autosave starts from (its data-version)."""
    match = re.search(r'id="report-form"[^>]*data-version="(\d+)"', html)
    return match.group(1) if match else None


def form_value(html, name):
    """The value of an input named `name` in a page, e.g. a report's version."""
    match = re.search(rf'name="{re.escape(name)}"[^>]*value="([^"]*)"', html) or re.search(
        rf'value="([^"]*)"[^>]*name="{re.escape(name)}"', html
    )
    return match.group(1) if match else None
