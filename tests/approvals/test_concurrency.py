"""Decisions taken at the same moment, each on its own database connection: exactly one lands and
the other is a conflict (409), never a 500. PostgreSQL orders them by the strategy's row lock;
the embedded SQLite default (where select_for_update does nothing) by its immediate transactions
and busy timeout (config/settings/base.py). The PostgreSQL run runs this module again on a fresh
SQLite database, in a child process."""

import os
import subprocess
import sys
import threading
from importlib import import_module
from pathlib import Path

import pytest
from django.db import OperationalError, connection, connections
from django.utils import timezone, translation

from approvals import services
from approvals.models import Decision, Process
from core.exceptions import ApplicationError
from core.models import AuditEvent, Membership
from strategies.models import Strategy
from tests.approvals.conftest import bring, latest_snapshot, member, on_page, user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def snapshots_deletable_by_the_flush(transactional_db):
    """After each test the database is emptied: on SQLite by DELETE FROM every table, which the
    trigger that refuses to delete a snapshot stops (PostgreSQL's TRUNCATE does not fire it).
    The trigger is lifted for that flush only, and back before the next test."""
    if connection.vendor != "sqlite":
        yield
        return
    migration = import_module("approvals.migrations.0002_route_and_immutable_snapshots")
    no_delete = next(sql for sql in migration.TRIGGERS["sqlite"] if "no_delete" in sql)
    with connection.cursor() as cursor:
        cursor.execute(no_delete.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER approvals_snapshot_no_delete")


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
        thread.join(timeout=60)
    return results


def refused_on_the_record(result) -> bool:
    """A 409 given after reading what the other request recorded (the stage has moved on, the
    organisation has decided): the request waited for the other's write lock rather than failing
    without it (services.Busy) or with a database error."""
    return isinstance(result, ApplicationError) and result.status == 409 and result.code != "busy"


def one_lands(results, kind) -> None:
    """Exactly one result is a `kind`; the other is refused on the record."""
    assert sum(isinstance(r, kind) for r in results) == 1, results
    assert all(refused_on_the_record(r) for r in results if not isinstance(r, kind)), results


def test_two_ministry_reviewers_agreeing_at_once_record_one_decision(fresh_demo):
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    bring(almaty, "central")
    first = user("ministry.reviewer")
    second = member("ministry.deputy", "mne", Membership.Role.MINISTRY_REVIEWER)
    page = on_page(almaty)

    results = race(
        [
            lambda: services.stage_agree(actor=first, strategy=almaty, **page),
            lambda: services.stage_agree(actor=second, strategy=almaty, **page),
        ]
    )

    one_lands(results, Decision)
    decisions = Decision.objects.filter(stage_run__process__strategy=almaty)
    assert decisions.filter(stage_run__stage__kind="central").count() == 1
    assert AuditEvent.objects.filter(strategy=almaty, event_type="approval.agreed").count() == 1
    assert (
        Process.objects.get(strategy=almaty, state="in_progress").current_stage.kind == "adjacent"
    )


def test_an_agreement_and_a_return_at_once_leave_one_outcome(fresh_demo):
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    bring(almaty, "central")
    second = member("ministry.deputy", "mne", Membership.Role.MINISTRY_REVIEWER)
    page = on_page(almaty)

    results = race(
        [
            lambda: services.stage_agree(actor=user("ministry.reviewer"), strategy=almaty, **page),
            lambda: services.stage_return(
                actor=second,
                strategy=almaty,
                **page,
                remarks=[services.RemarkInput("section:vision", "Ескерту")],
            ),
        ]
    )

    one_lands(results, Decision)
    decisions = Decision.objects.filter(stage_run__process__strategy=almaty)
    assert decisions.filter(stage_run__stage__kind="central").count() == 1


def test_the_maslikhat_approving_while_returning_leaves_one_outcome(fresh_demo):
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    bring(almaty, "maslikhat")
    today = timezone.localdate()
    number = latest_snapshot(almaty)
    services.maslikhat_recommend(
        actor=user("almaty.editor"), strategy=almaty, snapshot_number=number,
        recommended_on=today, recommendation="Ұсынылады.", consulted_on=today,
        consultation_reference="01-12/345",
    )  # fmt: skip
    deputy = member(
        "almaty.maslikhat.deputy", "city-maslikhat-almaty", Membership.Role.MASLIKHAT_SECRETARY
    )

    results = race(
        [
            lambda: services.maslikhat_approve(
                actor=user("almaty.maslikhat"), strategy=almaty, snapshot_number=number,
                session_on=today, decision_number="45/312-VIII",
            ),
            lambda: services.stage_return(
                actor=deputy, strategy=almaty, snapshot_number=number, stage="maslikhat",
                remarks=[services.RemarkInput("section:vision", "Ескерту")],
            ),
        ]
    )  # fmt: skip

    assert sum(isinstance(r, (Process, Decision)) for r in results) == 1, results
    assert sum(refused_on_the_record(r) for r in results) == 1, results
    decisions = Decision.objects.filter(stage_run__process__strategy=almaty)
    assert decisions.filter(stage_run__stage__kind="maslikhat").count() == 1
    almaty.refresh_from_db()
    assert almaty.state in (Strategy.State.APPROVED, Strategy.State.DRAFT)


@pytest.mark.skipif(
    connection.vendor == "sqlite", reason="this run is already on the embedded default"
)
def test_the_races_hold_on_the_embedded_sqlite_default(tmp_path):
    """The tests above, on a fresh SQLite file database configured as the embedded default is
    (no DATABASE_URL): each must pass there too."""
    environment = {**os.environ, "DATA_DIR": str(tmp_path)}
    environment.pop("DATABASE_URL", None)
    child = subprocess.run(
        [
            sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider",
            "-k", "not embedded_sqlite",
        ],
        cwd=Path(__file__).resolve().parents[2], env=environment, capture_output=True,
        text=True, timeout=900, check=False,
    )  # fmt: skip
    assert child.returncode == 0, child.stdout[-4000:] + child.stderr[-2000:]
    assert " passed" in child.stdout and " skipped" not in child.stdout, child.stdout[-2000:]


@pytest.mark.parametrize(
    "message", ["database is locked", "canceling statement due to lock timeout"]
)
def test_a_lock_not_had_in_time_is_a_409_never_a_500(message):
    """SQLite after its busy timeout, PostgreSQL after a lock timeout (SQLSTATE 55P03)."""

    class LockNotAvailable(Exception):
        sqlstate = "55P03"

    @services._transition
    def blocked():
        try:
            raise LockNotAvailable(message)
        except LockNotAvailable as cause:
            raise OperationalError(message) from cause

    with pytest.raises(services.Busy) as refused:
        blocked()
    assert refused.value.status == 409
