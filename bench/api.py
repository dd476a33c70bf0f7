"""API figures for `make bench` (called from bench/run.py, in its throwaway database): the detail
of an approved edition with 200 indicators served by gunicorn on PostgreSQL, requests per
second and latency, beside a minimal Django view returning the same bytes through the same
middleware, and their ratio (goal: at least 0.8); the same for a conditional GET answered 304;
SQL queries per request. Figures only, no pass/fail.

Runs alone too: `python bench/api.py` (creates and drops its own test database).
"""

import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
INDICATORS = 200


def queries_per_request(path: str, **headers) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        Client().get(path, **headers)
    return len(queries)


def revalidated_queries(path: str, tag: str) -> str:
    """Queries of a 200 and a 304 within the production revalidation window (the test settings
    read the edition's stamp on every request)."""
    from django.test import override_settings

    with override_settings(API_REVALIDATE_SECONDS=60):
        queries_per_request(path)  # reads the stamp: the window starts
        return f"{queries_per_request(path)} / {queries_per_request(path, HTTP_IF_NONE_MATCH=tag)}"


def api_figures(edition=None) -> None:
    """Print the figures (inside a database where the demo is seeded) for `edition`, an
    approved strategy (by default Almaty's, approved now with INDICATORS indicators)."""
    from django.core.cache import cache
    from django.db import connection

    from api.editions import edition_bytes, edition_tag
    from api.representations import LOCAL
    from api.selectors import edition_head
    from bench.server import CLIENTS, SECONDS, WORKERS, gunicorn, load
    from indicators.models import Indicator

    if connection.vendor != "postgresql":
        print("\nREST API: measured on PostgreSQL only (make bench)")
        return
    if edition is None:
        from bench.dataset import large_edition

        edition = large_edition(INDICATORS).edition
    count = Indicator.objects.filter(direction__strategy=edition).count()
    print(f"\nREST API: detail of an approved edition with {count} indicators")
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
        f"304 {queries_per_request(path, HTTP_IF_NONE_MATCH=tag)}; "
        "within the revalidation window (API_REVALIDATE_SECONDS: the stamp once per edition "
        "and worker): "
        f"{revalidated_queries(path, tag)}"
    )

    with gunicorn(connection.settings_dict) as base:
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


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    logging.disable(logging.INFO)  # the route's and Celery's progress stay out of the figures
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
