"""Benchmark of the charts (indicators.charts), runnable alone, printing figures (no pass/fail):
the median time to draw one chart of each kind, and all the charts of the demo's Almaty document
(its p.18 series and target indicators) drawn cold and read back from the cache.

    python bench/charts.py

No database: the charts are pure functions of their input; the cache is the configured one
(config.settings.test: Redis with REDIS_URL, else files).
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from indicators import charts  # noqa: E402

REPEAT = 7
DEMO = ROOT / "strategies" / "demo" / "almaty"


class NoCache:
    """Every chart drawn, none kept: the cold path."""

    def get(self, key):
        return None

    def set(self, key, value, timeout=None):
        pass


def median_ms(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    document = json.loads((DEMO / "document.json").read_text())
    directions = json.loads((DEMO / "directions.json").read_text())
    series = document["series"]
    indicators = [i for d in directions.values() for i in d.get("indicators", [])]
    yearly = [{"year": 2020 + n, "plan": 10 + n, "actual": 9.5 + n} for n in range(5)]
    kinds = {
        "series": lambda: charts.series_chart(series[0], lang="ru"),
        "indicator": lambda: charts.indicator_chart(indicators[0], lang="ru", yearly=yearly),
        "status summary": lambda: charts.status_summary_chart(
            {"on_track": 3, "deterioration": 1}, lang="ru", title="Экология"
        ),
        "smart city": lambda: charts.smartcity_chart(
            {(2025, "ecology"): 3, (2025, "transport"): 4}, lang="ru", years=[2025]
        ),
    }
    shared, local = charts.cache, getattr(charts, "_LOCAL", None)
    charts.cache = NoCache()
    if local is not None:
        charts._LOCAL = type(local)(limit=0)
    print(f"one chart, drawn (median of {REPEAT}, ms)")
    for name, draw in kinds.items():
        print(f"  {name:<16} {median_ms(draw):8.1f}")

    def document_charts():
        for s in series:
            charts.series_chart(s, lang="ru")
        for i in indicators:
            charts.indicator_chart(i, lang="ru")

    count = len(series) + len(indicators)
    cold = median_ms(document_charts, repeat=1)
    charts.cache = shared
    if local is not None:
        charts._LOCAL = local
    document_charts()  # kept
    warm = median_ms(document_charts, repeat=3)
    print(f"Almaty's document: {count} charts")
    print(f"  drawn            {cold:8.1f} ms ({cold / count:.1f} ms a chart)")
    print(f"  from the cache   {warm:8.1f} ms ({warm / count:.2f} ms a chart)")


if __name__ == "__main__":
    main()
