"""Settings for the sanctions-compliance tracker.

Everything that differs between a laptop and production comes from the environment
(django-environ). With nothing set the tool runs embedded: a SQLite file under ``var/``
and Celery tasks executed eagerly in-process. With ``DATABASE_URL`` and
``CELERY_BROKER_URL`` it runs on PostgreSQL and Redis with separate worker processes.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _local_secret_key() -> str:
    """A per-checkout key kept in var/ (git-ignored), so no secret is ever committed. Only for
    local work (DEBUG=1): production must be given its key, never write one to disk."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or .env) to a long random value, "
            "e.g. python -c 'import secrets; print(secrets.token_urlsafe(50))'. Only local work "
            "with DEBUG=1 may run without one (a per-checkout key is then kept in var/secret_key)."
        )
    SECRET_KEY = _local_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "compliance",
    "ingestion",
]
# Development tools (benchmarks, synthetic volume data: devtools/) only where someone develops:
# with DEBUG on, or DEV_TOOLS=1 (a benchmark against production settings). Production has none
# of their commands. The test settings (tests/settings.py) install them for their tests.
DEV_TOOLS = env.bool("DEV_TOOLS", default=DEBUG)
if DEV_TOOLS:
    INSTALLED_APPS.append("devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a locked-out login attempt into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Failed logins are counted by django-axes (both login forms: the staff pages' and the admin's).
# Its backend goes first: a locked-out username and address is refused even with the right password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = env.str("ROOT_URLCONF", default="config.urls")

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
                "compliance.web.context.roles",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Optional, PostgreSQL: the role that owns the tables. `migrate` and `db_grant_app_role` connect
# as it; the application (DATABASE_URL) then runs as a role that cannot rewrite the history.
MIGRATION_DATABASE_URL = env.str("MIGRATION_DATABASE_URL", default="")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL and a busy timeout keep the embedded mode usable while a page and a task write.
    # Immediate transactions take the write lock when they begin, so two writers queue (up to
    # the busy timeout) instead of one failing with "database is locked" when it upgrades a read
    # transaction: a concurrent edit then ends as the version check's 412, never as a 500.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20), "transaction_mode": "IMMEDIATE",
         "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}

LOGIN_URL = "login"

# --- Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is locked out for LOGIN_COOLOFF_MINUTES (the right password is
# refused too); a later failure during the lockout starts the cool-off again. Administrators can
# lift a lockout early: `manage.py axes_reset_username <name>` or Axes → Access attempts.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.float("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Behind a proxy that sets X-Forwarded-For: how many proxies to count from the right.
if env.int("LOGIN_PROXY_COUNT", default=0):
    AXES_IPWARE_PROXY_COUNT = env.int("LOGIN_PROXY_COUNT")
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- Content-Security-Policy (django-csp): scripts, styles, images and fonts only from the
# project's own static files; no inline script or style, no plugin, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Security. Production values are the defaults whenever DEBUG is off; a local
# plain-HTTP run sets DEBUG=1 (the Makefile does) or turns the HTTPS settings off explicitly.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- REST API (/api/v1/): sessions for the pages, tokens for systems; roles on every request.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an unauthenticated call gets 401 with WWW-Authenticate: Token.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["compliance.api.base.RolePermission"],
    "DEFAULT_PAGINATION_CLASS": "compliance.api.base.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend",
                                "rest_framework.filters.OrderingFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "compliance.api.base.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="6000/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sanctions-compliance tracker API",
    "DESCRIPTION": (
        "Alleged breaches of UN sanctions on the DPRK: resolutions, actors, places, vessels, documents, "
        "transfers with their routes, statements, evidence and allegations with their evidentiary status. "
        "Reads need the viewer role, writes the analyst role, decisions the reviewer role. Updates need "
        "If-Match with the ETag you read (or a `version` field): a stale update is refused with 412."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its documentation need a login and the viewer role, as every read does.
    "SERVE_PERMISSIONS": ["compliance.api.base.RolePermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "compliance.choices.ActorKind",
        "PlaceKindEnum": "compliance.choices.PlaceKind",
        "DocumentKindEnum": "compliance.choices.DocumentKind",
        "EvidenceKindEnum": "compliance.choices.EvidenceKind",
        "ProposalKindEnum": "ingestion.choices.ProposalKind",
        "DatePrecisionEnum": "compliance.choices.DatePrecision",
        "EvidentiaryStatusEnum": "compliance.choices.EvidentiaryStatus",
        "ProposalStateEnum": "ingestion.choices.ProposalState",
        "SubmissionStateEnum": "ingestion.choices.SubmissionState",
        "RequestStateEnum": "compliance.choices.RequestState",
    },
}

# --- Celery. No broker configured: tasks run eagerly in this process (embedded mode).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None) or None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
# A message taken by a worker that died is delivered again after this many seconds
# (Redis keeps it unacknowledged until then). Longer than any task may run.
# Workers sweep for such messages every interval x throttle seconds (kombu's defaults: 10 x 10).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
    "socket_connect_timeout": env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0),
}
# A broker that cannot be reached fails a publish within seconds instead of kombu's long
# retry loop: the row is the unit of work, kept and queued again by the sweep below.
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5,
                                    "interval_max": 0.5}

CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "ingestion.poll_feeds", "schedule": env.int("FEED_POLL_SECONDS", default=900)},
    "requeue-submissions": {"task": "ingestion.requeue_submissions",
                            "schedule": env.float("INGESTION_SWEEP_SECONDS", default=60)},
}

# --- Ingestion.
INGESTION_MAX_BYTES = env.int("INGESTION_MAX_BYTES", default=5_000_000)
INGESTION_FETCH_TIMEOUT = env.float("INGESTION_FETCH_TIMEOUT", default=10.0)
# Hosts the URL fetcher may reach although they resolve to internal addresses. Empty in
# production: the guard against server-side request forgery refuses them all.
# Each entry is host:port (a bare host means its scheme's default port only), e.g. 127.0.0.1:8123.
INGESTION_ALLOWED_HOSTS = env.list("INGESTION_ALLOWED_HOSTS", default=[])
if INGESTION_ALLOWED_HOSTS and not DEBUG:
    raise ImproperlyConfigured(
        "INGESTION_ALLOWED_HOSTS lets the URL fetcher reach internal addresses: it is for local work "
        "and tests only (DEBUG=1). Unset it in production."
    )
# The statistical name finder (spaCy) for names that the reference data does not know.
INGESTION_NER = env.bool("INGESTION_NER", default=True)
INGESTION_TASK_MAX_RETRIES = env.int("INGESTION_TASK_MAX_RETRIES", default=5)
# The sweep queues a submission again when it is still unfinished this many seconds after it
# was last queued or started (a worker died, a message was lost, the broker was down). Longer
# than one submission takes; a second delivery of one still running changes nothing anyway.
INGESTION_REQUEUE_AFTER = env.float("INGESTION_REQUEUE_AFTER", default=300)
# Attempts (deliveries that started work) after which the sweep gives a submission up as failed.
INGESTION_MAX_ATTEMPTS = env.int("INGESTION_MAX_ATTEMPTS", default=8)
# What a 503 answer's Retry-After says: about when the sweep will have queued the row.
INGESTION_RETRY_AFTER = env.int("INGESTION_RETRY_AFTER", default=60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
