"""Fixtures of the API tests: a client, API keys of organisations, an approved edition."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import OrganisationAPIKey
from api.representations import LOCAL
from api.selectors import HEADS
from api.throttling import COUNTS
from core.models import Organisation
from tests.api.helpers import almaty_edition


@pytest.fixture(autouse=True)
def fresh_cache():
    """Cached representations and rate-limit counters do not pass from one test to the next."""
    cache.clear()
    LOCAL.clear()
    HEADS.clear()
    COUNTS.clear()
    yield
    cache.clear()
    LOCAL.clear()
    HEADS.clear()
    COUNTS.clear()


@pytest.fixture
def client() -> APIClient:
    return APIClient()


@pytest.fixture
def key_of(db):
    """issue(organisation code) → a client holding a new key of that organisation."""

    def issue(code: str, **fields) -> APIClient:
        _key, secret = OrganisationAPIKey.objects.create_key(
            name=f"{code} system", organisation=Organisation.objects.get(code=code), **fields
        )
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {secret}")
        client.secret = secret
        return client

    return issue


@pytest.fixture
def edition(db):
    """Almaty's edition in force, approved by its maslikhat through the real route."""
    return almaty_edition()
