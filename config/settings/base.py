"""Settings shared by every environment; everything that varies comes from environment variables."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A .env file beside manage.py is read if present (never committed).
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Where the embedded database, uploads and collected static files live.
DATA_DIR = Path(env.str("DATA_DIR", default=str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_ratelimit",
    "csp",
    "core",
    "strategies",
    "indicators",
    "approvals",
    "api",
    "publishing",
    "workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.ApplicationErrorMiddleware",
    "core.middleware.SecurityHeadersMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
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
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "approvals.context_processors.notifications",
            ],
        },
    },
]

# The embedded default is SQLite; DATABASE_URL (postgres://...) switches to PostgreSQL.
DATABASES = {
    # An empty DATABASE_URL (as `DATABASE_URL= make run` sets it) means the default too.
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writes on the embedded default (SQLite options of Django 5.1+): a transaction
    # takes the write lock at BEGIN (IMMEDIATE), so two transitions queue instead of one failing
    # with "database is locked" when it turns from reading to writing; a writer waits up to 20 s
    # for the lock (approvals.services turns a longer wait into a 409); WAL lets pages be read
    # while someone writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20, init_command="PRAGMA journal_mode=WAL;"
    )
    # Tests on SQLite use a file too: an in-memory database shared between threads has table
    # locks that no busy timeout waits for, so the race tests would not test the real thing.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(DATA_DIR / "test-db.sqlite3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
# django-axes first: it refuses sign-in after repeated failures before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_VERBOSE = False
# The same client address as the rate limits: behind TRUSTED_PROXY_COUNT proxies (core.limits).
AXES_CLIENT_IP_CALLABLE = "core.limits.client_address"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Interface languages: Kazakh and Russian are the drafting languages, English the third.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django ships no formats for kk; ours are in config/formats/kk/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Almaty")

# Content translation (django-modeltranslation): every text field exists in kk, ru and en.
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("kk", "ru"), "kk": ("ru",), "en": ("ru", "kk")}

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The PDF's shipped fonts are the web pages' too (/static/fonts/): the charts' "Qala Sans"
# (static/css/charts.css), so the browser draws them with the metrics they were laid out in.
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts", BASE_DIR / "publishing" / "fonts")]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Redis, when configured, backs the cache and Celery; without it tasks run in process.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    # Without Redis, the file cache of core.cache: shared by every worker process on the machine
    # (the embedded SQLite database keeps the app on one machine anyway) and kept across restarts,
    # so rate limits hold; entries enough for every client of a busy day before any is culled.
    CACHES = {
        "default": {
            "BACKEND": "core.cache.SharedFileCache",
            "LOCATION": DATA_DIR / "cache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# An approved edition's charts are drawn by a worker before its first readers ask for them
# (approvals.tasks.draw_edition_charts); without one (tasks in process) the first reader draws.
DRAW_CHARTS_AHEAD = env.bool("DRAW_CHARTS_AHEAD", default=not CELERY_TASK_ALWAYS_EAGER)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# Tasks are idempotent: acknowledge after the work so a killed worker's task is redelivered.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 512_000  # KiB
# Above the hard time limit, so an unacknowledged task is not redelivered while still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# The address the app is reached at, for links in e-mails (e.g. https://qala.example.kz).
SITE_URL = env.str("SITE_URL", default="")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Qala Strategy <noreply@localhost>")

# Content Security Policy (django-csp): scripts only from our own origin, so that even text that
# slipped past the rich-text sanitiser could not run. The editor sets inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Reverse proxies in front of the app that append the address they received a request from to
# X-Forwarded-For (a TLS proxy: 1). The sign-in lockout and the rate limits key on the address the
# outermost one saw; with 0 they key on the connecting address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Rate limits (django-ratelimit, counted in the default cache; rates in core/limits.py).
RATELIMIT_IP_META_KEY = "core.limits.client_address"
SILENCED_SYSTEM_CHECKS = [
    # django-ratelimit lists only django-redis and memcached as supported; Django's own RedisCache
    # (atomic INCR) and core.cache.SharedFileCache (atomic under a file lock) count as exactly.
    "django_ratelimit.W001",
]

# The REST API (api/): read-only; anonymous clients or an organisation's API key.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.OrganisationKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "URL_FORMAT_OVERRIDE": None,  # a client picks a format with Accept
    "DEFAULT_PAGINATION_CLASS": "api.v1.base.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "api.v1.base.StrictFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.AnonymousThrottle",
        "api.throttling.APIKeyThrottle",
    ],
    # django-ratelimit rates (api.throttling): requests per minute, per address or per key.
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env.str("API_ANONYMOUS_RATE", default="120/m"),
        "api_key": env.str("API_KEY_RATE", default="1200/m"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
}
# How long (seconds) an API worker serves a published edition's head before it reads again
# whether the edition changed (superseded, road map monitoring): api.selectors.
API_REVALIDATE_SECONDS = env.float("API_REVALIDATE_SECONDS", default=1.0)
SPECTACULAR_SETTINGS = {
    "TITLE": "Qala Strategy API",
    "DESCRIPTION": "Approved development strategies of Kazakh cities (Methodology, Order No. 3 "
    "of 2019), their target indicators and monitoring, reference data and open data; an "
    "organisation's drafts for its API key. Texts come in the language of ?lang=kk|ru|en or "
    "Accept-Language, else in all three. Errors: {code, message, details}.",
    "VERSION": "1",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_components",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint narrates every step of a render at INFO ("Step 2 - Fetching and parsing CSS").
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
