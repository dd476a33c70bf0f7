"""Rate limits of API clients on Redis: counted by each worker and added to the shared count in
batches (api.throttling.BatchedWindowCounts), exact within one worker, bounded across several."""

import pytest
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.test import RequestFactory

from api import throttling
from api.throttling import BatchedWindowCounts, window_usage

pytestmark = pytest.mark.skipif(
    not isinstance(caches["default"], RedisCache), reason="batched counts are kept on Redis only"
)
GROUP, CLIENT = "api.test", "203.0.113.7"


def shared_count(rate: str) -> int:
    """The count of CLIENT's current window in Redis (what every worker reads)."""
    from django_ratelimit.core import ALL, _get_window, _make_cache_key, _split_rate

    window = _get_window(CLIENT, _split_rate(rate)[1])
    key = cache.make_and_validate_key(_make_cache_key(GROUP, window, rate, CLIENT, ALL))
    return int(cache._cache.get_client(key).get(key) or 0)


def allowed(worker: BatchedWindowCounts, rate: str, monkeypatch) -> bool:
    monkeypatch.setattr(throttling, "COUNTS", worker)
    usage = window_usage(RequestFactory().get("/"), group=GROUP, value=CLIENT, rate=rate)
    return not usage["should_limit"]


def test_one_worker_answers_exactly_the_rate_then_refuses(monkeypatch):
    worker = BatchedWindowCounts()
    answers = [allowed(worker, "40/m", monkeypatch) for _ in range(43)]
    assert answers == [True] * 40 + [False] * 3
    assert shared_count("40/m") >= 40  # the last requests before the limit were each counted


def test_a_worker_adds_its_requests_to_the_shared_count_in_batches(monkeypatch):
    worker = BatchedWindowCounts()
    assert allowed(worker, "100000/m", monkeypatch)
    assert shared_count("100000/m") == 1  # a client's first request in a worker: at once
    for _ in range(50):
        assert allowed(worker, "100000/m", monkeypatch)
    assert shared_count("100000/m") == 1  # held in the worker: no round trip each
    monkeypatch.setattr(throttling, "SYNC_SECONDS", 0)  # a second later
    assert allowed(worker, "100000/m", monkeypatch)
    assert shared_count("100000/m") == 52


def test_several_workers_exceed_the_rate_by_at_most_an_eighth_each(monkeypatch):
    first, second = BatchedWindowCounts(), BatchedWindowCounts()
    answers = [
        allowed(worker, "80/m", monkeypatch) for _ in range(60) for worker in (first, second)
    ]
    assert 80 <= sum(answers) <= 80 + 80 // throttling.BATCH_SHARE
    assert answers[-10:] == [False] * 10  # past the rate, both workers refuse
