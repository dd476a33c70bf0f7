"""Limits that hold behind the TLS proxy and across worker processes: the client address from the
trusted proxies, the sign-in lockout per user name and address, accepted public comments and
password resets counted in the shared cache."""

import multiprocessing
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from approvals.models import Comment
from core.cache import SharedFileCache
from core.limits import UNKNOWN_ADDRESS, client_address
from tests.approvals.conftest import bring

# Also on the embedded default, where the limits are counted in the file cache (no Redis).
pytestmark = pytest.mark.embedded

ROOT = Path(__file__).resolve().parent.parent.parent
PROXY = "10.0.0.2"  # the TLS proxy every request arrives from in production
CITIZEN, NEIGHBOUR = "203.0.113.5", "198.51.100.7"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def via_proxy(address: str, spoofed: str = "") -> dict:
    """What the proxy hands on: its own address as the peer, the client's appended to the header."""
    forwarded = f"{spoofed}, {address}" if spoofed else address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


# --- the client address ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        (0, {"REMOTE_ADDR": CITIZEN, "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, CITIZEN),
        (1, via_proxy(CITIZEN), CITIZEN),
        # What the client wrote itself, left of what the proxy appended, is ignored.
        (1, via_proxy(CITIZEN, spoofed="1.2.3.4"), CITIZEN),
        (
            2,
            {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"9.9.9.9, {CITIZEN}, 10.0.0.9"},
            CITIZEN,
        ),
        # Fewer entries than proxies: the request did not come through them.
        (2, {"REMOTE_ADDR": CITIZEN, "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, CITIZEN),
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (1, via_proxy("2001:DB8::1"), "2001:db8::1"),
        (1, via_proxy("not-an-address\x00"), UNKNOWN_ADDRESS),
        (0, {"REMOTE_ADDR": ""}, UNKNOWN_ADDRESS),
    ],
)
def test_client_address_is_what_the_outermost_trusted_proxy_saw(settings, proxies, meta, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/")
    request.META.pop("REMOTE_ADDR")
    request.META.update(meta)
    assert client_address(request) == expected


def test_production_trusts_one_proxy_and_without_redis_counts_in_files_of_the_data_dir(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "TRUSTED_PROXY_COUNT"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="qala.example.kz",
        DATA_DIR=str(tmp_path),
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s;"
        "print(s.TRUSTED_PROXY_COUNT, s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION'])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    assert out == ["1", "core.cache.SharedFileCache", str(tmp_path / "cache")]


# --- sign-in lockout ---------------------------------------------------------------------------


def sign_in(client, username, password, address):
    with translation.override("en"):
        url = reverse("login")
    return client.post(url, {"username": username, "password": password}, **via_proxy(address))


@pytest.mark.django_db
def test_wrong_passwords_lock_the_name_from_that_address_only(client, behind_proxy, settings):
    tries = [
        sign_in(client, "almaty.editor", "guess", CITIZEN).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert tries == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = sign_in(client, "almaty.editor", "qala-demo-2050", CITIZEN)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # The real user, elsewhere behind the same proxy, still signs in ...
    assert sign_in(client, "almaty.editor", "qala-demo-2050", NEIGHBOUR).status_code == 302
    client.logout()
    # ... and so does anyone else from the attacker's address.
    assert sign_in(client, "karaganda.editor", "qala-demo-2050", CITIZEN).status_code == 302


# --- public comments ---------------------------------------------------------------------------


def comment(client, strategy, address, text="Веложолдар жеткіліксіз."):
    with translation.override("en"):
        url = reverse("approvals:public_hearing", args=[strategy.pk])
    data = {"section": "vision", "text": text, "token": str(uuid.uuid4())}  # one form each
    return client.post(url, data, **via_proxy(address))


@pytest.mark.django_db
def test_each_citizen_behind_the_proxy_has_their_own_comment_quota(client, almaty, behind_proxy):
    bring(almaty, "hearings")
    before = Comment.objects.count()
    statuses = [comment(client, almaty, CITIZEN, f"Пікір {n}").status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]
    assert comment(client, almaty, NEIGHBOUR).status_code == 302
    assert Comment.objects.count() == before + 6


@pytest.mark.django_db
def test_refused_comments_do_not_use_the_quota(client, almaty, behind_proxy):
    bring(almaty, "hearings")
    for _ in range(10):
        assert comment(client, almaty, CITIZEN, text="").status_code == 400
    assert [comment(client, almaty, CITIZEN, f"Пікір {n}").status_code for n in range(5)] == [
        302
    ] * 5


# --- password reset ----------------------------------------------------------------------------


def reset(client, email, address):
    with translation.override("en"):
        url = reverse("password_reset")
    return client.post(url, {"email": email}, **via_proxy(address))


@pytest.mark.django_db
def test_password_resets_are_limited_per_address(client, behind_proxy):
    emails = [
        f"{name}@example.kz"
        for name in ("almaty.editor", "karaganda.editor", "ministry.reviewer", "almaty.maslikhat")
    ]
    emails += ["karaganda.maslikhat@example.kz", "admin@example.kz"]
    statuses = [reset(client, email, CITIZEN).status_code for email in emails]
    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5
    assert reset(client, emails[-1], NEIGHBOUR).status_code == 302


@pytest.mark.django_db
def test_password_resets_are_limited_per_account_from_any_address(client, behind_proxy):
    addresses = [f"203.0.113.{n}" for n in range(1, 6)]
    statuses = [
        reset(client, "Almaty.Editor@example.kz ", address).status_code for address in addresses
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3
    response = reset(client, "almaty.editor@example.kz", "192.0.2.1")
    assert response.status_code == 429
    assert "Too many password reset requests" in response.content.decode()
    # A request that is not valid costs nothing.
    assert reset(client, "not an address", "192.0.2.2").status_code == 200
    assert reset(client, "karaganda.editor@example.kz", "192.0.2.2").status_code == 302


# --- the cache of the embedded default ---------------------------------------------------------


def count_in_another_process(directory: str, key: str, times: int) -> None:
    other = SharedFileCache(directory, {})
    for _ in range(times):
        other.add(key, 0, timeout=60)
        other.incr(key)


def test_counts_in_the_file_cache_add_up_across_processes_and_restarts(tmp_path):
    key = "rl:comments"
    workers = [
        multiprocessing.get_context("fork").Process(
            target=count_in_another_process, args=(str(tmp_path), key, 40)
        )
        for _ in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    # A cache opened afterwards (the app restarted) reads what the four workers counted.
    assert SharedFileCache(str(tmp_path), {}).get(key) == 160


def test_counting_keeps_the_window_the_count_started(tmp_path):
    counter = SharedFileCache(str(tmp_path), {"TIMEOUT": 300})
    counter.add("window", 0, timeout=1)
    assert counter.incr("window") == 1
    time.sleep(1.1)
    assert counter.get("window") is None
    with pytest.raises(ValueError, match="not found"):
        counter.incr("window")
