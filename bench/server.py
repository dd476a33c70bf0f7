"""What the HTTP figures of `make bench` share: gunicorn serving the site on the bench's
throwaway database (bench.settings: production settings), single requests timed one after
another (latency per page), and concurrent clients for a few seconds (requests per second)."""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2  # gunicorn sync workers: one per core of the machine
CLIENTS = 4  # concurrent connections of a throughput figure
SECONDS = 4.0  # per throughput figure, after a second of warm-up


def database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    """Status and body of a GET (a 304 or an error status too)."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - our loopback server
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:  # 304 comes as an "error"
        return error.code, error.read()


def etag_of(url: str) -> str:
    """The ETag of a GET's response."""
    request = urllib.request.Request(url)  # noqa: S310 - our loopback server
    with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
        response.read()
        return response.headers.get("ETag", "")


def latency(url: str, headers: dict | None = None, *, warm: int = 3, repeat: int = 30) -> dict:
    """p50 and p95 (ms) of `repeat` requests one after another after `warm` ones; the bytes and
    status of the last."""
    for _ in range(warm):
        get(url, headers)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        status, body = get(url, headers)
        samples.append((time.perf_counter() - start) * 1000)
    ordered = sorted(samples)
    return {
        "p50": statistics.median(ordered),
        "p95": ordered[max(int(len(ordered) * 0.95) - 1, 0)],
        "bytes": len(body),
        "status": status,
    }


def load(url: str, headers: dict | None = None, seconds: float = SECONDS) -> dict:
    """Requests per second and latency (ms) of CLIENTS clients sending requests one after
    another for `seconds` (after one second of warm-up); the statuses seen."""
    latencies: list[float] = []
    statuses: set[int] = set()
    lock = threading.Lock()
    warm_until = time.perf_counter() + 1.0
    stop = warm_until + seconds

    def client():
        while (now := time.perf_counter()) < stop:
            status, _body = get(url, headers)
            took = time.perf_counter() - now
            if now >= warm_until:
                with lock:
                    latencies.append(took * 1000)
                    statuses.add(status)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return {
        "rps": len(latencies) / seconds,
        "p50": statistics.median(ordered),
        "p95": ordered[int(len(ordered) * 0.95) - 1],
        "statuses": sorted(statuses),
    }


@contextmanager
def gunicorn(settings_dict: dict, **env: str):
    """The site under gunicorn (WORKERS sync workers, bench.settings) on a free loopback port,
    on the database of `settings_dict`; yields its base URL."""
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning",
            "--timeout", "300",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-a-secret"),
            "DATABASE_URL": database_url(settings_dict),
            "PYTHONPATH": str(ROOT),
            **env,
        },
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    try:
        while True:
            try:
                get(f"{base}/api/v1/regions/")
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
