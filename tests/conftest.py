"""Shared fixtures: the demo data is seeded once into the test database and every test runs in a
transaction rolled back at its end (reference data comes from the migrations)."""

import pytest
from django.core.management import call_command

from core.models import User
from strategies.models import Strategy


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def almaty(db) -> Strategy:
    """The complete demo strategy of Almaty."""
    return Strategy.objects.get(city__code="almaty")


@pytest.fixture
def karaganda(db) -> Strategy:
    """The incomplete demo draft of Karaganda."""
    return Strategy.objects.get(city__code="karaganda")


@pytest.fixture
def almaty_editor(db) -> User:
    return User.objects.get(username="almaty.editor")
