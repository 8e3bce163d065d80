"""Settings for danvan, read from environment variables.

With nothing set it runs anywhere: SQLite, Celery tasks run eagerly, e-mail to the console.
A province deploys it with DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL (Redis); see README.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from danvan import limits

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# One file of settings for web, worker, beat and manage.py alike (see .env.example); variables
# already in the environment (e.g. from a systemd EnvironmentFile) win.
ENV_FILE = Path(environ.Env().str("DANVAN_ENV_FILE", default=str(BASE_DIR / ".env")))
environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET = "django-insecure-danvan-development-key-not-for-production-use-0123456789"
SECRET_KEY = env("SECRET_KEY", default=_DEV_SECRET if DEBUG else None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# The project's own apps; their catalogues come first (LOCALE_PATHS below).
PROJECT_APPS = [
    "danvan",
    "accounts",
    "audit",
    "documents",
    "units",
    "criteria",
    "campaigns",
    "reports",
    "review",
    "ratings",
    "dashboards",
    "public",
    "demo",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "danvan.errors.SessionMiddleware",
    "danvan.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.middleware.PrivateNoStoreMiddleware",
    "audit.context.AuditIPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Innermost: a too large body is refused before any middleware or view reads it, and the
    # 405 page it draws still gets the headers of the middleware above.
    "danvan.errors.ErrorPagesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["danvan.templatetags.vn"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if env("DATABASE_TEST_NAME", default=""):
    DATABASES["default"]["TEST"] = {"NAME": env("DATABASE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.LoginBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Production hashes with PBKDF2 only; the tests switch to a fast hasher in tests/conftest.py.
PASSWORD_HASHERS = env.list(
    "PASSWORD_HASHERS", default=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: after AXES_FAILURE_LIMIT failures a username+IP pair is locked out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "danvan.errors.locked_out"  # 429 in the portal's frame, text for htmx
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# Catalogues in LOCALE_PATHS win over every installed app's, so the project's own words are
# never replaced by Django admin's or a third-party app's translation of the same English
# ("History" is "Bản ghi nhớ" in the admin's). Earlier paths win over later ones.
LOCALE_PATHS = [BASE_DIR / "locale"] + [
    BASE_DIR / app / "locale" for app in PROJECT_APPS if (BASE_DIR / app / "locale").is_dir()
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_MB", default=20) * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_MB", default=20) * 1024 * 1024
# Request bodies (see danvan/limits.py): a form without a file, and one with a file; larger
# ones are answered 413 with the portal's page (danvan.errors.ErrorPagesMiddleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.DATA_UPLOAD_MAX_BYTES
FILE_REQUEST_MAX_BYTES = limits.FILE_REQUEST_FACTOR * max(EVIDENCE_MAX_BYTES, IMPORT_MAX_BYTES)
# Imports with more rows than this run as a Celery task with a progress bar.
IMPORT_ASYNC_ROWS = env.int("IMPORT_ASYNC_ROWS", default=2000)
# Refused and cancelled imports' files are deleted at once; the others are deleted this many
# days after their import finished (or after the upload, for a preview nobody confirmed), by
# beat every night (units.tasks.purge_import_files); the import history keeps what each did.
IMPORT_FILES_KEEP_DAYS = env.int("IMPORT_FILES_KEEP_DAYS", default=90)
# PDF copies of documents (documents.pdf) are a cache, deleted with their files this many days
# after they were made, by beat every night; asking for the document again makes it anew.
PDF_COPIES_KEEP_DAYS = env.int("PDF_COPIES_KEEP_DAYS", default=30)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="danvan@localhost")
# A new account's one-time link to set its password stays valid this many days.
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=7)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Celery: eager unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
_HAS_BROKER = not CELERY_BROKER_URL.startswith("memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not _HAS_BROKER)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None) or (
    CELERY_BROKER_URL if _HAS_BROKER else None
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker and beat wait for Redis however long it is away (a publish from the web does not:
# see the transport options below).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# A request that queues a job while Redis is down gives up within a second or two (not ~19 s
# of Celery's default reconnect retries); the job then waits in the database and beat sends
# it (see danvan.jobs).
_QUICK_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": 1,
    **_QUICK_RETRY,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"retry_policy": _QUICK_RETRY}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = _QUICK_RETRY
# Logging is configured once, by Django's LOGGING below: the worker neither replaces the root
# logger's handlers nor turns stdout/stderr into loggers (see tests/faults/test_worker_log.py).
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False
# Beat keeps its schedule state here: outside the code folder in a deployment.
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "BEAT_SCHEDULE_FILE", default=str(BASE_DIR / "celerybeat-schedule")
)
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="danvan")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# Beat's round that sends waiting and lost jobs (see danvan.jobs); a job sent this long ago and
# still not taken by a worker is sent again (a duplicate is harmless: jobs check their row).
JOBS_ROUND_SECONDS = env.int("JOBS_ROUND_SECONDS", default=60)
JOB_STALE_AFTER_SECONDS = env.int("JOB_STALE_AFTER_SECONDS", default=600)
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-jobs": {"task": "danvan.requeue_stale_jobs", "schedule": JOBS_ROUND_SECONDS},
    "purge-import-files": {
        "task": "units.purge_import_files",
        "schedule": crontab(hour=2, minute=30),
    },
    "purge-pdf-copies": {
        "task": "documents.purge_pdf_copies",
        "schedule": crontab(hour=2, minute=45),
    },
    # Units without a submitted report are reminded 7 and 1 days before the deadline.
    "deadline-reminders": {
        "task": "reports.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}
# A classification run without a heartbeat for this long is taken as dead (killed worker).
RATINGS_RUN_STALE_SECONDS = env.int("RATINGS_RUN_STALE_SECONDS", default=120)

# Security: the defaults below make `check --deploy` clean once DEBUG is off.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=120) * 60
# Idle timeout: expiry counts from the last request that read the session, renewed at most once
# a minute (danvan.errors.SessionMiddleware) rather than written on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_RENEW_SECONDS = env.int("SESSION_RENEW_SECONDS", default=60)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_FAILURE_VIEW = "danvan.errors.csrf_failure"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = ["axes.W003"] if not AXES_ENABLED else []

# Content Security Policy: no inline script or style anywhere; everything is served from here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # An expected refusal (403, 404) is one warning line; tracebacks are for real errors.
    "filters": {"expected_refusals": {"()": "danvan.errors.ExpectedRefusalFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "loggers": {"django.request": {"filters": ["expected_refusals"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
