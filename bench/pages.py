"""Page figures of `make bench` (issue 14), called from bench/run.py in its throwaway database with
the data set of bench/dataset.py: every page served by gunicorn (bench.server: production
settings, two sync workers), 30 requests one after another after a warm-up, p50 and p95 in ms,
the bytes and the SQL queries of one request, at 50 and at 200 indicators; then the public
edition's throughput and latency beside a bare Django view returning the same bytes, and their
ratio (goal: at least 0.5), and its conditional GET (304). Figures only, no pass/fail.
"""

import tempfile
from pathlib import Path

from bench.dataset import Edition
from bench.server import CLIENTS, SECONDS, WORKERS, etag_of, gunicorn, latency, load

# The editor's pages of the working copy, by name: (path under /ru/strategies/<draft>/, signed in).
EDITOR_PAGES = [
    ("overview", ""),
    ("general", "edit/general/"),
    ("analysis", "edit/analysis/"),
    ("series", "edit/series/"),
    ("SWOT", "edit/swot/"),
    ("vision", "edit/vision/"),
    ("direction", "edit/direction-environment/"),
    ("indicators", "edit/indicators-environment/"),
    ("smart city", "edit/smartcity/"),
    ("preview (kk)", "preview/?lang=kk"),
    ("history", "history/"),
]
GOALS = {50: 150, 200: 250}  # p95 in ms of an editor page (issue 14)


def pages_of(edition: Edition) -> list[tuple[str, str, bool]]:
    """(name, path, signed in) of every page measured for one edition and its working copy."""
    draft = f"/ru/strategies/{edition.draft.pk}/"
    return [
        ("home (editor)", "/ru/", True),
        *[(name, draft + path, True) for name, path in EDITOR_PAGES],
        ("monitoring", f"/ru/strategies/{edition.edition.pk}/monitoring/", True),
        ("public edition", f"/ru/public/{edition.edition.pk}/", False),
    ]


def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def _queries(path: str, user) -> int:
    """SQL queries of one request (the second: caches warm), in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return len(queries)


def _edition_page(path: str) -> tuple[bytes, str]:
    """The public edition's page as an anonymous reader gets it, and its ETag."""
    from django.test import Client

    response = Client().get(path)
    return response.content, response.get("ETag", '"bench"')


def page_figures(editions: list[Edition]) -> None:
    """Print the figures of every page of each edition (its size in indicators)."""
    from django.db import connection

    print(f"\nPages under gunicorn ({WORKERS} sync workers, production settings), 30 requests each")
    sizes = {e.indicators: e for e in editions}
    rows: dict[str, dict[int, dict]] = {}
    largest = max(sizes)
    page_file = Path(tempfile.mkdtemp(prefix="qala-bench-")) / "edition.html"
    body, tag = _edition_page(pages_of(sizes[largest])[-1][1])
    page_file.write_bytes(body)
    page_file.with_suffix(".etag").write_text(tag)
    with gunicorn(connection.settings_dict, BENCH_PAGE_FILE=str(page_file)) as base:
        for count, edition in sizes.items():
            cookie = {"Cookie": _session_cookie(edition.editor)}
            for name, path, signed_in in pages_of(edition):
                # In this process first: the first request of a page builds what is cached in
                # the shared cache (panels, documents, charts), which may take long.
                queries = _queries(path, edition.editor if signed_in else None)
                figures = latency(base + path, cookie if signed_in else None)
                figures["queries"] = queries
                rows.setdefault(name, {})[count] = figures
        counts = sorted(sizes)
        header = "".join(f" | {n:>3} ind.: p50   p95  KiB  SQL" for n in counts)
        print(f"  {'page':<16}{header}")
        for name, by_count in rows.items():
            cells = "".join(
                f" | {by_count[n]['p50']:10.1f} {by_count[n]['p95']:5.0f} "
                f"{by_count[n]['bytes'] / 1024:4.0f} {by_count[n]['queries']:4d}"
                + ("" if by_count[n]["status"] == 200 else f" ({by_count[n]['status']})")
                for n in counts
            )
            print(f"  {name:<16}{cells}")
        editor = [name for name, _path in EDITOR_PAGES] + ["home (editor)", "monitoring"]
        for n in counts:
            worst = max(editor, key=lambda name, n=n: rows[name][n]["p95"])
            goal = GOALS.get(n)
            print(
                f"  slowest editor page at {n} indicators: {worst}, p95 "
                f"{rows[worst][n]['p95']:.0f} ms" + (f" (goal: {goal} ms)" if goal else "")
            )

        print(f"\nPublic edition against a bare view of the same bytes ({CLIENTS} clients, "
              f"{SECONDS:.0f} s each)")  # fmt: skip
        print(f"  {'':<22} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}  statuses")
        edition = sizes[largest]
        path = pages_of(edition)[-1][1]
        # The ETag as gunicorn gives it (its template version is that of the files it read).
        tag = etag_of(base + path)
        page_file.with_suffix(".etag").write_text(tag)  # read by the bare view's first request
        cases = [
            (f"edition, {largest} ind.", base + path, None),
            ("bare view", base + "/bench/page/", None),
            (f"edition 304, {largest}", base + path, {"If-None-Match": tag}),
            ("bare view 304", base + "/bench/page/", {"If-None-Match": tag}),
        ]
        results = {}
        for label, url, headers in cases:
            results[label] = figures = load(url, headers)
            print(
                f"  {label:<22} {figures['rps']:8.0f} {figures['p50']:8.2f} "
                f"{figures['p95']:8.2f}  {figures['statuses']}"
            )
        page, bare = results[f"edition, {largest} ind."], results["bare view"]
        print(
            f"  ratio edition / bare view: {page['rps'] / bare['rps']:.2f} in requests/s, "
            f"{bare['p50'] / page['p50']:.2f} in latency (goal: 0.5)"
        )
        page, bare = results[f"edition 304, {largest}"], results["bare view 304"]
        print(f"  ratio of the 304s: {page['rps'] / bare['rps']:.2f} in requests/s")
