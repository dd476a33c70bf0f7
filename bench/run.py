"""Benchmarks of the drafting hot paths, each printed as figures and ratios (no pass/fail).

Runs in a throwaway database (test_<name>) on whatever DATABASE_URL points at:
    make bench            # PostgreSQL and Redis, as the test suite
    python bench/run.py   # the embedded SQLite default
"""

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
from django.test import Client  # noqa: E402
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


def grow(strategy, factor: int) -> int:
    """Copy every indicator (with milestones and yearly values) until there are `factor` times
    as many."""
    import uuid

    from indicators.models import Indicator, Milestone, YearlyValue

    originals = list(
        Indicator.objects.filter(direction__strategy=strategy).prefetch_related("milestones")
    )
    values = {}
    for value in YearlyValue.objects.filter(indicator_uid__in=[i.uid for i in originals]):
        values.setdefault(value.indicator_uid, []).append(value)
    for copy in range(factor - 1):
        for indicator in originals:
            milestones = list(indicator.milestones.all())
            yearly = values.get(indicator.uid, [])
            indicator.pk, indicator.uid = None, uuid.uuid4()
            indicator.position += 1000 * (copy + 1)
            indicator.save()
            Milestone.objects.bulk_create(
                Milestone(indicator=indicator, year=m.year, value=m.value) for m in milestones
            )
            for value in yearly:
                value.pk, value.indicator_uid = None, indicator.uid
            YearlyValue.objects.bulk_create(yearly)
    return Indicator.objects.filter(direction__strategy=strategy).count()


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


def main() -> None:
    from approvals.diff import snapshot_diff
    from core.models import User
    from strategies.compliance import compliance_check
    from strategies.models import Strategy
    from strategies.sections import language_completeness
    from strategies.selectors import strategy_document

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"database: {connection.vendor}")
        print(
            f"seed_demo (reference data in place, two strategies): {(time.perf_counter() - start) * 1000:.0f} ms"
        )

        from approvals.services import strategy_amend

        # The demo's Almaty is approved with monitoring data; its editor drafts an amendment.
        editor = User.objects.get(username="almaty.editor")
        edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
        almaty = strategy_amend(actor=editor, strategy=edition)
        client = Client()
        client.force_login(editor)
        pages = {
            "indicators page": f"/ru/strategies/{almaty.pk}/edit/indicators-environment/",
            "SWOT board": f"/ru/strategies/{almaty.pk}/edit/swot/",
            "preview (kk)": f"/ru/strategies/{almaty.pk}/preview/?lang=kk",
            "monitoring page": f"/ru/strategies/{edition.pk}/monitoring/",
        }

        def measure(label: str) -> dict[str, tuple[float, int]]:
            older, newer = snapshot_pair(almaty)
            results = {
                "load document": timed(lambda: strategy_document(almaty.pk)),
                "compliance check": timed(lambda: compliance_check(strategy_document(almaty.pk))),
                "language meters": timed(
                    lambda: language_completeness(strategy_document(almaty.pk))
                ),
            }
            results["snapshot diff"] = timed(lambda: snapshot_diff(older, newer, "ru"), repeat=5)
            for name, url in pages.items():
                results[name] = timed(lambda url=url: client.get(url), repeat=5)
            memory = peak_kib(lambda: compliance_check(strategy_document(almaty.pk)))
            print(f"\n{label}")
            for name, (ms, queries) in results.items():
                print(f"  {name:<18} {ms:8.1f} ms  {queries:3d} queries")
            print(f"  compliance peak memory {memory:8.0f} KiB")
            return results

        from indicators.models import Indicator

        base_count = Indicator.objects.filter(direction__strategy=almaty).count()
        base = measure(f"demo strategy of Almaty ({base_count} indicators)")
        grown_count = grow(almaty, 10)
        grow(edition, 10)
        grown = measure(f"the same with {grown_count} indicators")

        print(f"\nratios at {grown_count / base_count:.0f}x the indicators (time, queries):")
        for name in base:
            (t0, q0), (t1, q1) = base[name], grown[name]
            queries = f"{q1 / q0:4.1f}x" if q0 else f"{q1:4d} "
            print(f"  {name:<18} {t1 / t0:5.1f}x time  {queries} queries")

        from bench.pdf_renders import pdf_figures

        pdf_figures()

        from bench.api import api_figures

        api_figures()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
