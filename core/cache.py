"""The cache of the embedded default (no Redis): Django's file cache, shared by every worker
process on the machine and kept across restarts, with counting made safe for rate limits."""

import os
import pickle
import time
import zlib
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class SharedFileCache(FileBasedCache):
    """FileBasedCache whose `add` and `incr` are atomic across processes, as Redis's are.

    Both run under an exclusive lock on one lock file in the cache directory (flock), so two
    workers counting the same client at once both count. `incr` keeps the entry's expiry, as
    Redis's INCR does: the base class re-sets the value with the default timeout, which would end
    a rate-limit window early.
    """

    lock_name = "counters.lock"  # not a cache entry: clear() and culling leave it alone

    @contextmanager
    def _exclusive(self):
        self._createdir()
        with open(os.path.join(self._dir, self.lock_name), "ab") as lock:
            locks.lock(lock, locks.LOCK_EX)
            try:
                yield
            finally:
                locks.unlock(lock)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._exclusive():
            return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        with self._exclusive():
            try:
                with open(self._key_to_file(key, version), "rb") as f:
                    expiry = pickle.load(f)  # noqa: S301 - our own cache file
                    value = pickle.loads(zlib.decompress(f.read()))  # noqa: S301
            except (FileNotFoundError, EOFError):
                raise ValueError(f"Key '{key}' not found") from None
            left = None if expiry is None else expiry - time.time()
            if left is not None and left <= 0:
                raise ValueError(f"Key '{key}' not found")
            self.set(key, value + delta, timeout=left, version=version)
            return value + delta
