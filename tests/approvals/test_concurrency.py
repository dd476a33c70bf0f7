"""Two reviewers deciding on the same stage at the same moment, on two real PostgreSQL
connections: exactly one decision is recorded, the other gets a clear conflict."""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from approvals import services
from approvals.models import Decision, Process
from core.exceptions import Conflict
from core.models import Membership
from strategies.models import Strategy
from tests.approvals.conftest import bring, member, user

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English."""
    with translation.override("en"):
        yield


def race(actions) -> list:
    """Run the callables at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(actions))
    results = [None] * len(actions)

    def run(index, action):
        try:
            barrier.wait()
            results[index] = action()
        except Exception as error:
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_ministry_reviewers_agreeing_at_once_record_one_decision(fresh_demo):
    almaty = Strategy.objects.get(city__code="almaty", state="draft")
    bring(almaty, "central")
    first = user("ministry.reviewer")
    second = member("ministry.deputy", "mne", Membership.Role.MINISTRY_REVIEWER)

    results = race(
        [
            lambda: services.stage_agree(actor=first, strategy=almaty),
            lambda: services.stage_agree(actor=second, strategy=almaty),
        ]
    )

    decisions = [r for r in results if isinstance(r, Decision)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(decisions) == 1 and len(conflicts) == 1, results
    # The threads speak the default interface language.
    with translation.override("kk"):
        expected = translation.gettext("This stage has already been decided; reload the page.")
    assert str(conflicts[0].message) == expected
    assert Decision.objects.filter(stage_run__stage__kind="central").count() == 1
    assert (
        Process.objects.get(strategy=almaty, state="in_progress").current_stage.kind == "adjacent"
    )


def test_an_agreement_and_a_return_at_once_leave_one_outcome(fresh_demo):
    almaty = Strategy.objects.get(city__code="almaty", state="draft")
    bring(almaty, "central")
    second = member("ministry.deputy", "mne", Membership.Role.MINISTRY_REVIEWER)

    results = race(
        [
            lambda: services.stage_agree(actor=user("ministry.reviewer"), strategy=almaty),
            lambda: services.stage_return(
                actor=second,
                strategy=almaty,
                remarks=[services.RemarkInput("section:vision", "Ескерту")],
            ),
        ]
    )

    assert sum(isinstance(r, Decision) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert Decision.objects.filter(stage_run__stage__kind="central").count() == 1
