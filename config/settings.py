"""Settings for the GDNN plans dashboard, read from environment variables.

Defaults are the safe production ones (DEBUG off, secure cookies); a developer
machine sets DEBUG=true (the Makefile's `make run` does). See README, "Configuration".
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Without SECRET_KEY the development key is used; `manage.py check --deploy` flags it
# (security.W009) so a production server never runs with it unnoticed.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-development-key-change-me"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # the admin, for superusers only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "config.apps.AxesConfig",  # the login lockout (django-axes), named in Vietnamese
    "csp",
    "simple_history",
    "import_export",
    "ninja",  # the API's Swagger UI: its template and static files
    "django_tasks",
    "config.apps.TasksDatabaseConfig",  # the queue of background jobs (django-tasks-db)
    "districts",
    "plans",
    "targets",
    "reports",
    "api",
    "notices",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese until the user switches: the browser's Accept-Language is not followed.
    "config.language.VietnameseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After CSRF (a forged request is refused as such before its fields are read) and
    # the user (the refusal page shows who is logged in).
    "config.middleware.RefuseNulMiddleware",
    "config.middleware.ProductErrorPagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "districts.context_processors.memberships",
                "notices.context_processors.inbox_count",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Computed progress reports and dashboards, kept in each process under the versions of
# the data they were built from (reports/progress/cache.py): a write makes older entries
# unreachable at once. PROGRESS_CACHE=false turns it off.
PROGRESS_CACHE = env_bool("PROGRESS_CACHE", True)
PROGRESS_CACHE_ENTRIES = int(os.environ.get("PROGRESS_CACHE_ENTRIES", "32"))
PROGRESS_CACHE_SECONDS = int(os.environ.get("PROGRESS_CACHE_SECONDS", "600"))

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One writer at a time, decided when a transaction begins: a write transaction
    # never has to upgrade its read lock midway (which fails at once with "database is
    # locked" instead of waiting) — see reports/locks.py.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes counts failed logins in the database, so every app process sees them.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))  # hours
# A username is locked for one client address only, so that an attacker's wrong passwords
# never lock the real user out: the same username still logs in from another address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# How many reverse proxies of our own stand in front of the app (README, "Security"): with
# one or more, the client's address is read from X-Forwarded-For (config/proxies.py);
# with 0 the header is ignored, since anyone can write it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "config.proxies.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Vietnamese first, English second; numbers and dates through config/formats.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js basic bundle of the npm package (node_modules/), as
    # static/plotly/plotly-basic.min.js (no CDN).
    "reports.progress.staticfinder.PlotlyFinder",
]
# After `collectstatic` (production) files get hashed names and far-future caching;
# without it (development, tests) they are served by name from the app folders.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if (STATIC_ROOT / "staticfiles.json").exists()
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and `runserver` without collectstatic still find files in the app folders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Cookies only over HTTPS unless DEBUG. TLS is usually ended by the reverse proxy in
# front of gunicorn; SECURE_SSL_REDIRECT and HSTS are switched on by the deployment
# (README, "Production").
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
PLOTLY_STYLE_HASHES = [
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
]
# Only the app's own scripts, styles, images and fonts (plotly.js included, no CDN); no
# inline script or style anywhere, so neither is allowed. Charts' data travel as JSON in
# <script type="application/json">, which is data, not a script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # plotly.js adds a <style> element of its own, empty, that it fills through CSSOM
        # (the hash of the empty text; the basic bundle has no map library and so none of
        # its rules); only that exact content is allowed, no other inline style (tests/
        # browser/test_content_security_policy.py fails when a plotly upgrade changes it).
        "style-src": [SELF, *PLOTLY_STYLE_HASHES],
        "img-src": [SELF, "data:"],  # plotly's "download as PNG" draws through data: URLs
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Browser features no page uses, switched off for every page (Permissions-Policy).
PERMISSIONS_POLICY_DENIED = [
    "accelerometer", "camera", "geolocation", "gyroscope", "magnetometer", "microphone",
    "payment", "usb",
]
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# The import page accepts spreadsheets of a whole province.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

IMPORT_EXPORT_SKIP_ADMIN_LOG = False
# Requests a minute per API token (a fixed window counted in the database, so every app
# process counts the same); 0 refuses every request.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "600"))
# Uploaded report files wait here between the preview and the confirmation; with several
# app servers it must be a folder they all share.
REPORT_IMPORT_DIR = os.environ.get("REPORT_IMPORT_DIR") or None
# What a report file may hold (reports/imports/limits.py). A national long file (every
# commune × the catalogue) is about 90.000 lines and 5 MB.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 20)
IMPORT_MAX_UNPACKED_MB = env_int("IMPORT_MAX_UNPACKED_MB", 200)
IMPORT_MAX_LINES = env_int("IMPORT_MAX_LINES", 300_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 500)
IMPORT_PENDING_PER_USER = env_int("IMPORT_PENDING_PER_USER", 5)

# Background jobs (django-tasks): queued in the database and run by the worker,
# `manage.py db_worker` (`make run` starts it beside the web server; production runs it
# as a service, see README). TASKS_BACKEND=immediate runs each job inside the call that
# queues it, with no worker (the tests do so).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("TASKS_BACKEND") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    },
}
# A report file larger than this (in MB) is checked and imported by the worker, with a
# progress bar, instead of inside the request (reports/imports/jobs.py).
IMPORT_BACKGROUND_MB = float(os.environ.get("IMPORT_BACKGROUND_MB") or "2")
# A running import job with no progress for this long lost its worker: it is shown failed.
IMPORT_JOB_STALL_MINUTES = float(os.environ.get("IMPORT_JOB_STALL_MINUTES") or "15")

# Mail (reminders, overdue notices, digests, a report returned or approved). SMTP by
# default, configured from the environment; EMAIL_BACKEND picks another one (`make run`
# uses the console, tests Django's in-memory outbox), EMAIL_FILE_PATH is the folder of the
# file backend.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT") or "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT") or "30")
if os.environ.get("EMAIL_FILE_PATH"):
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "GDNN <no-reply@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where the links in mails point: the address people open the product at.
SITE_URL = (os.environ.get("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "config.logging.OneLineRefusals"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_refusals"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
