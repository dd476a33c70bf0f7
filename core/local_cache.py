"""Bytes that never change under their key (a frozen snapshot's page or JSON), kept in the worker
process as well as in the shared cache: a hit here costs no round trip to Redis.

A key must name everything the bytes depend on (a snapshot's SHA-256, a language, a template or
representation version...): a copy is then never stale, and the only limit is memory (the least
recently used go first).
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.core.cache import cache


class LocalBytes:
    """The most recently used byte strings (or texts, counted in characters) kept in the worker
    process, up to `limit` bytes in all (a body larger than the limit is not kept)."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            body = self.entries.get(key)
            if body is not None:
                self.entries.move_to_end(key)
            return body

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0

    def put(self, key: str, body: bytes) -> None:
        with self.lock:
            if key in self.entries or len(body) > self.limit:
                return
            self.entries[key] = body
            self.size += len(body)
            while self.size > self.limit:
                self.size -= len(self.entries.popitem(last=False)[1])


def immutable_bytes(
    local: LocalBytes, key: str, build: Callable[[], bytes], *, timeout: int
) -> bytes:
    """The bytes under `key`: from this process, else the shared cache (kept `timeout`
    seconds), else built and stored in both."""
    body = local.get(key)
    if body is None:
        body = cache.get(key)
        if body is None:
            body = build()
            cache.set(key, body, timeout)
        local.put(key, body)
    return body
