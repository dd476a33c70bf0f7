"""Shared fixtures: the demo data is seeded once into the test database and every test runs in a
transaction rolled back at its end (reference data comes from the migrations).

The demo's Almaty strategy is approved (seed_demo takes it along the route) and carries monitoring
data; on top of the demo, the tests' database holds an amendment of it, started by its editor:
`almaty` is that complete working draft, `almaty_approved` the edition in force."""

import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from core.models import User
from strategies.models import Strategy
from tests import clock


def seed_demo_with_amendment() -> None:
    """The demo, then an amendment of Almaty's approved edition (a complete draft)."""
    from approvals.services import strategy_amend

    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    # The first transactional test finds the session's demo still there (seed_demo leaves it).
    if Strategy.objects.filter(city__code="almaty", state=Strategy.State.DRAFT).exists():
        return
    strategy_amend(
        actor=User.objects.get(username="almaty.editor"),
        strategy=Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED),
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_demo_with_amendment()


@pytest.fixture(autouse=True)
def real_time():
    """A test may let days pass (tests.clock.days_pass); the clock is back at real time after it."""
    yield
    clock.reset()


@pytest.fixture(autouse=True)
def fresh_panels():
    """The editor's side panels are cached per version of a document (strategies.panels), and a
    test's changes are rolled back to the same versions: each test starts with none cached."""
    from strategies.panels import reference_changed

    reference_changed()


@pytest.fixture(autouse=True)
def default_language():
    """A request activates its language in the thread; start every test from the default."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def almaty(db) -> Strategy:
    """A complete working draft of Almaty: the amendment of its approved demo edition."""
    return Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)


@pytest.fixture
def almaty_approved(db) -> Strategy:
    """Almaty's approved demo edition, with the monitoring data of its 2023 VLR."""
    return Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)


@pytest.fixture
def karaganda(db) -> Strategy:
    """The incomplete demo draft of Karaganda."""
    return Strategy.objects.get(city__code="karaganda")


@pytest.fixture
def almaty_editor(db) -> User:
    return User.objects.get(username="almaty.editor")


@pytest.fixture
def karaganda_editor(db) -> User:
    return User.objects.get(username="karaganda.editor")


@pytest.fixture
def ministry_reviewer(db) -> User:
    return User.objects.get(username="ministry.reviewer")


@pytest.fixture
def new_editor(db):
    """A city editor of Shymkent, a city with no strategy yet."""
    from core.models import Membership, Organisation

    user = User.objects.create_user("shymkent.editor", password="correct horse battery 2050")
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(code="city-akimat-shymkent"),
        role=Membership.Role.CITY_EDITOR,
    )
    return user


@pytest.fixture
def fresh_demo(transactional_db):
    """For transactional tests, which start from an empty database (the previous one was
    flushed): the reference data and catalogues as the migrations load them, then the demo."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from approvals import route_data
    from core.reference import load_reference
    from indicators.catalogue import load_catalogues as load_indicator_catalogues
    from strategies.catalogue import load_catalogues as load_strategy_catalogues

    # The flush re-created the content types under new ids; forget the cached ones.
    ContentType.objects.clear_cache()
    load_reference(apps)
    load_indicator_catalogues(apps)
    load_strategy_catalogues(apps)
    route_data.create_route(apps, None)
    seed_demo_with_amendment()
