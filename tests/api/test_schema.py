"""The API against its own OpenAPI schema, in process (Schemathesis): no response is a server
error, and every response (status, content type, headers, body) is one the schema declares."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from api.models import OrganisationAPIKey
from core.models import Organisation
from tests.api.helpers import almaty_draft, almaty_edition

# Ids of rows that exist, so that generated requests reach real objects as well as missing ones.
KNOWN: dict[str, list] = {}


@schemathesis.hook
def flatmap_path_parameters(context, path_parameters):
    if not KNOWN or "id" not in (path_parameters or {}):
        return st.just(path_parameters)
    return st.sampled_from(
        [path_parameters, *({**path_parameters, "id": pk} for pk in KNOWN["ids"])]
    )


@schemathesis.hook
def map_headers(context, headers):
    """Half the requests carry the key of Almaty's akimat (drafts are visible then)."""
    if KNOWN and (headers or {}).get("Authorization") is not None:
        return {**headers, "Authorization": f"Api-Key {KNOWN['key']}"}
    return headers


@pytest.fixture
def known_rows(db, settings):
    """A published edition, a draft, and a key of the draft's akimat; no rate limit for the run
    (many requests from one client)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/m", "api_key": "100000/m"},
    }
    edition, draft = almaty_edition(), almaty_draft()
    _key, secret = OrganisationAPIKey.objects.create_key(
        name="schemathesis", organisation=Organisation.objects.get(code="city-akimat-almaty")
    )
    KNOWN.update(ids=[edition.pk, draft.pk], key=secret)
    # The WSGI handler closes "old" connections around each request, as a server must; here the
    # requests share the test's connection and transaction (as Django's test client arranges).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    KNOWN.clear()


# Loaded once, in process, through the WSGI application (no database needed for the schema).
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_to_its_schema(case, known_rows):
    case.call_and_validate()
