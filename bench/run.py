"""Benchmarks of the hot paths, each printed as figures and ratios (no pass/fail): the data set of
issue 14 (bench/dataset.py), the components of the editor's side panels, the diff, every page
under gunicorn (bench/pages.py), the API (bench/api.py) and the PDF renders (bench/pdf_renders.py).

Runs in a throwaway database (test_<name>) on whatever DATABASE_URL points at:
    make bench                       # PostgreSQL and Redis, as the test suite
    python bench/run.py [--no-pdf]   # without the PDF renders (the longest part)
"""

import logging
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

REPEAT = 15


def timed(fn, repeat: int = REPEAT) -> tuple[float, int]:
    """Median wall time in ms and the number of SQL queries of one call."""
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), len(queries)


def peak_kib(fn) -> float:
    tracemalloc.start()
    fn()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1024


def snapshot_pair(strategy) -> tuple[dict, dict]:
    """Two snapshots' content as a resubmission makes them: every milestone of one indicator in
    three, a paragraph of the analysis and the last solution of each direction changed."""
    import copy

    from approvals.snapshots import snapshot_content
    from strategies.references import directions_in_order

    older = snapshot_content(strategy)
    newer = copy.deepcopy(older)
    newer["analysis"]["narrative"]["ru"] += "<p>Дополнение к анализу после замечаний.</p>"
    for _slug, direction in directions_in_order(newer):
        if direction["solutions"]:
            direction["solutions"][-1]["text"]["ru"] += " (уточнено)"
        for indicator in direction["indicators"][::3]:
            indicator["milestones"] = {
                year: f"{value or 0}1" for year, value in indicator["milestones"].items()
            }
    return older, newer


def component_figures(label: str, strategy) -> None:
    """In this process: loading the working copy, its compliance check and language meters."""
    from strategies.compliance import compliance_check
    from strategies.sections import language_completeness
    from strategies.selectors import strategy_document

    results = {
        "load document": timed(lambda: strategy_document(strategy.pk)),
        "compliance check": timed(lambda: compliance_check(strategy_document(strategy.pk))),
        "language meters": timed(lambda: language_completeness(strategy_document(strategy.pk))),
    }
    memory = peak_kib(lambda: compliance_check(strategy_document(strategy.pk)))
    print(f"  {label}")
    for name, (ms, queries) in results.items():
        print(f"    {name:<18} {ms:8.1f} ms  {queries:3d} queries")
    print(f"    compliance peak memory {memory:6.0f} KiB")


def diff_figures(editions) -> None:
    """The word-level diff of two snapshots as a resubmission makes them (goal: 300 ms at 200)."""
    from approvals.diff import snapshot_diff

    print("\nDiff of two snapshots (p50 of 5)")
    for edition in editions:
        older, newer = snapshot_pair(edition.draft)
        ms, _queries = timed(lambda older=older, newer=newer: snapshot_diff(older, newer, "ru"), 5)
        print(f"  {edition.indicators:>3} indicators: {ms:8.1f} ms (goal at 200: 300 ms)")


def main() -> None:
    from bench.dataset import large_edition, regional_editions

    logging.disable(logging.INFO)  # the route's and Celery's progress stay out of the figures
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"database: {connection.vendor}")
        print(f"seed_demo: {(time.perf_counter() - start):.1f} s")
        start = time.perf_counter()
        regional = regional_editions()
        large = large_edition()
        editions = [regional[0], large]
        print(
            f"data set: {len(regional)} regional centres of {regional[0].indicators} indicators "
            f"and Almaty at {large.indicators}, approved through the route, each with a working "
            f"copy: {(time.perf_counter() - start):.1f} s"
        )

        print("\nIn process (p50 of 15)")
        for edition in editions:
            component_figures(f"working copy with {edition.indicators} indicators", edition.draft)
        diff_figures(editions)
        if connection.vendor == "postgresql":
            from bench.pages import page_figures

            page_figures(editions)
        else:
            print("\nPages under gunicorn: measured on PostgreSQL only (make bench)")

        from bench.api import api_figures

        api_figures(large.edition)

        if "--no-pdf" not in sys.argv:
            from bench.pdf_renders import pdf_figures

            pdf_figures()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
