"""Settings of the gunicorn that `make bench` measures: the production settings (whitenoise, secure
cookies, DEBUG off) on the throwaway database it was given, with persistent connections as a
deployment sets CONN_MAX_AGE, plain HTTP on the loopback (no TLS proxy in front), static files
unhashed (no collectstatic), the bare views the figures are compared with, and rate limits high
enough for the load (still counted on every request, as in production)."""

import os

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("TRUSTED_PROXY_COUNT", "0")

from config.settings.production import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
ROOT_URLCONF = "bench.urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anonymous": "1000000/m", "api_key": "1000000/m"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# The app serves its static files itself (whitenoise); without collectstatic, from the sources.
STATIC_ROOT = BASE_DIR / "static"  # noqa: F405
