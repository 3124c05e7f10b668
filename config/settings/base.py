"""Settings shared by every environment.

Production differs only through environment variables (see production.py):
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, GONGHUI_FIELD_KEY.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("GONGHUI_VAR_DIR", BASE_DIR / "var"))
# The project's own scenarios (a union's year as figures): tests, demo-data and the benches
# find them here through reports.scenarios.scenario_path, never outside the repository.
GONGHUI_SCENARIO_DIR = BASE_DIR / "scenarios"


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DJANGO_DEBUG", default=False)
# A development key; production.py refuses to start without a real one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-7f0c2b8e1d5a4f3e9b6c")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

# Demo mode: seeded users with the password `gonghui-demo`, and a banner saying so.
GONGHUI_DEMO = env_flag("GONGHUI_DEMO")
# When set, tests that need PostgreSQL or the MQTT broker fail instead of falling back.
GONGHUI_REQUIRE_SERVICES = env_flag("GONGHUI_REQUIRE_SERVICES")
# Where the alarm system's broker is; empty means "start an embedded one" in tests and demo.
GONGHUI_MQTT_URL = os.environ.get("GONGHUI_MQTT_URL", "")

# Key for ID-card encryption and blind indexes. Development key below; production.py requires one.
# The org tree the kernel scopes by (as AUTH_USER_MODEL names the user model), so core imports no app.
GONGHUI_ORG_MODEL = "orgs.Org"

GONGHUI_FIELD_KEY = os.environ.get("GONGHUI_FIELD_KEY", "dev-only-field-key-do-not-use-in-production")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from our own static files, not a CDN that may be unreachable
    "django_tasks",
    "django_tasks_db",
    "axes",
    "gonghui.core",
    "gonghui.portal",
    "gonghui.orgs",
    "gonghui.accounts",
    "gonghui.members",
    "gonghui.voice",
    "gonghui.safety",
    "gonghui.governance",
    "gonghui.care",
    "gonghui.funds",
    "gonghui.activities",
    "gonghui.congress",
    "gonghui.alarms",
    "gonghui.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gonghui.accounts.middleware.PasswordChangeRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.portal.context_processors.gonghui",
                "csp.context_processors.nonce",
            ],
            "builtins": ["gonghui.core.templatetags.cn"],
        },
    }
]


def database_from_env() -> dict:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'gonghui.sqlite3'}"
    db = dj_database_url.parse(url, conn_max_age=60 if not url.startswith("sqlite") else 0)
    if db["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at
        # BEGIN so two writers queue instead of failing half-way with "database is locked".
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return db


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login guessing: five failures for one account, from wherever they come, lock it for 15
# minutes; fifty from one address, whatever the usernames (password spraying), lock the
# address (gonghui.accounts.lockout).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
GONGHUI_LOCKOUT_LIMITS = {"username": AXES_FAILURE_LIMIT, "ip_address": 50}
AXES_HANDLER = "gonghui.accounts.lockout.AccountFirstHandler"
# The client's address: REMOTE_ADDR, unless this many reverse proxies of ours stand in front;
# then the X-Forwarded-For entry the outermost one wrote. Never a header a client can set alone.
GONGHUI_TRUSTED_PROXIES = int(os.environ.get("GONGHUI_TRUSTED_PROXIES", "0"))
AXES_CLIENT_IP_CALLABLE = "gonghui.accounts.lockout.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Chinese for everyone, whatever language the browser asks for: the offices we serve work in Chinese.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS: list = []  # each app keeps its own catalogue in <app>/locale

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list = []
MEDIA_URL = "media/"
# Uploads (photos) live in the "default" storage; rosters awaiting confirmation in "imports"
# when it is configured (else GONGHUI_IMPORT_UPLOAD_DIR). Several web processes must share them:
# one folder they all mount (GONGHUI_MEDIA_ROOT), or an S3-compatible bucket configured here
# through django-storages (configuration only: README, "Running several web processes").
MEDIA_ROOT = Path(os.environ.get("GONGHUI_MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# The API's pages: at most 500 rows; a larger ?limit= is refused with 422, not served.
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500

# Background tasks: the database backend by default (nothing to run beside the site); with
# GONGHUI_REDIS_URL set, RQ on Redis, the production backend for more than one worker.
GONGHUI_REDIS_URL = os.environ.get("GONGHUI_REDIS_URL", "")
RQ_QUEUES = {"default": {"URL": GONGHUI_REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 600}}
TASKS_DATABASE = {"BACKEND": "django_tasks_db.DatabaseBackend"}
TASKS_RQ = {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
TASKS = {"default": TASKS_RQ if GONGHUI_REDIS_URL else TASKS_DATABASE}
INSTALLED_APPS += ["django_rq", "django_tasks_rq"]

# Nothing a second process needs lives in one process's memory: sessions are rows in the
# database (read through Redis when it is configured), and the cache is Redis's when
# GONGHUI_REDIS_URL is set (a per-process memory cache otherwise, fine for one process).
if GONGHUI_REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": GONGHUI_REDIS_URL,
                          "KEY_PREFIX": "gonghui"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag instead
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GONGHUI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
AXES_VERBOSE = False

# Content-Security-Policy (django-csp 4): scripts only from our own files, or inline ones
# carrying the request's nonce (<script nonce="{{ CSP_NONCE }}">, which adds the nonce to the
# header). A few pages written before the policy keep an inline script or handler; they are
# allowed by the hash of their exact text until they move to a file or take the nonce:
# CSP_LEGACY_SCRIPT_HASHES, kept honest by accounts/tests/test_csp.py. Inline styles stay
# allowed: many pages set a width or white-space in a style attribute, and a style runs no code.
CSP_LEGACY_SCRIPT_HASHES = [
    "'sha256-35XyofGsAvBTlwCr8u97DF0uOzcDaKWflVPhMdz4oF0='",   # alarms/board.html: the sounder's beep
    "'sha256-EkHRd+rdk5WV5UfdYde/pIlg0ueYwzT2oIMgXFupwZA='",   # voice: an answer template fills the answer
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE, *(["'unsafe-hashes'"] if CSP_LEGACY_SCRIPT_HASHES else []),
                       *CSP_LEGACY_SCRIPT_HASHES],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
