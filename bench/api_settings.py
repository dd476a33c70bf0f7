"""Settings of the gunicorn that bench/api.py measures: the test settings (the database it was
given) with persistent connections, DEBUG off, a URL configuration with the minimal view beside the site's, and rate limits
high enough for the load (they are still counted, as in production)."""

from config.settings.test import *  # noqa: F403

DEBUG = False
# Persistent connections, as a deployment sets CONN_MAX_AGE: the figures are the API's, not the
# cost of opening a PostgreSQL connection per request.
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.api_urls"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,  # noqa: F405
    "DEFAULT_THROTTLE_RATES": {"anonymous": "1000000/m", "api_key": "1000000/m"},
}
