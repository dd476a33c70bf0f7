"""API figures for `make bench` (called from bench/run.py, in its throwaway database): the detail
of an approved edition with 200 indicators served by gunicorn on PostgreSQL, requests per
second and latency, beside a minimal Django view returning the same bytes through the same
middleware, and their ratio (goal: at least 0.8); the same for a conditional GET answered 304;
SQL queries per request. Figures only, no pass/fail.

Runs alone too: `python bench/api.py` (creates and drops its own test database).
"""

import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDICATORS = 200
CLIENTS = 4  # concurrent connections
SECONDS = 4.0  # per measurement, after a warm-up
WORKERS = 2  # gunicorn sync workers: one per core of the machine


def _database_url(settings_dict: dict) -> str:
    user = settings_dict.get("USER") or ""
    password = settings_dict.get("PASSWORD") or ""
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict) -> tuple[int, int]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - our loopback server
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, len(response.read())
    except urllib.error.HTTPError as error:  # 304 comes as an "error"
        return error.code, len(error.read())


def load(url: str, headers: dict | None = None, seconds: float = SECONDS) -> dict:
    """Requests per second and latency (ms) of CLIENTS clients sending requests one after
    another for `seconds` (after one second of warm-up); the statuses seen."""
    headers = headers or {}
    latencies: list[float] = []
    statuses: set[int] = set()
    lock = threading.Lock()
    warm_until = time.perf_counter() + 1.0
    stop = warm_until + seconds

    def client():
        while (now := time.perf_counter()) < stop:
            status, _size = _get(url, headers)
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


def _serve(port: int, database_url: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.api_settings",
        "DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS), "--log-level", "warning",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            _get(f"http://127.0.0.1:{port}/api/v1/regions/", {})
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def queries_per_request(path: str, **headers) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        Client().get(path, **headers)
    return len(queries)


def api_figures() -> None:
    """Print the figures (inside a database where the demo is seeded)."""
    from django.core.cache import cache
    from django.db import connection

    from api.editions import edition_bytes, edition_tag
    from api.representations import LOCAL
    from api.selectors import edition_head
    from tests.api.helpers import approved_almaty
    from tests.clock import reset

    print(f"\nREST API: detail of an approved edition with {INDICATORS} indicators")
    if connection.vendor != "postgresql":
        print("  (measured on PostgreSQL only: make bench)")
        return
    try:
        edition = approved_almaty(indicators=INDICATORS)
    finally:
        reset()  # the route walk let days pass on the test clock
    head = edition_head(edition.pk)
    path = f"/api/v1/strategies/{edition.pk}/"
    cache.clear()
    LOCAL.clear()
    cold = queries_per_request(path)
    body, tag = edition_bytes(head, None), edition_tag(head, None)
    print(f"  {len(body) / 1024:.0f} KiB of JSON; ETag {tag[:24]}...")
    print(
        f"  SQL queries per request: first {cold}, "
        f"then {queries_per_request(path)} (bytes cached), "
        f"304 {queries_per_request(path, HTTP_IF_NONE_MATCH=tag)}"
    )

    port = _free_port()
    server = _serve(port, _database_url(connection.settings_dict))
    try:
        base = f"http://127.0.0.1:{port}"
        cases = {
            "200": ({}, "/bench/raw/"),
            "304": ({"If-None-Match": tag}, "/bench/raw/"),
        }
        print(f"  gunicorn, {WORKERS} workers, {CLIENTS} clients, {SECONDS:.0f} s each")
        print(f"  {'':<5} {'view':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses")
        for name, (headers, raw) in cases.items():
            api = load(f"{base}{path}", headers)
            minimal = load(f"{base}{raw}{edition.pk}/", headers)
            for label, figures in (("API", api), ("minimal view", minimal)):
                print(
                    f"  {name:<5} {label:<14} {figures['rps']:8.0f} {figures['p50']:8.2f} "
                    f"{figures['p95']:8.2f}  {figures['statuses']}"
                )
            print(f"  {name:<5} ratio API / minimal: {api['rps'] / minimal['rps']:.2f} (goal: 0.8)")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        api_figures()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
