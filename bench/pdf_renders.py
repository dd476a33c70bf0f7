"""PDF figures for `make bench` (called from bench/run.py, in its throwaway database): for the
demo's approved edition and a synthetic strategy with 200 indicators, per language, the pages,
the seconds and the peak memory of a worker process doing the render task; the whole task
against WeasyPrint alone on the same HTML (goal: at most 1.1); a second request for the same
snapshot (goal: under 50 ms); peak memory for about 150 pages (goal: under 500 MiB).

Each render runs in a fresh process, as in a worker's pool: `python bench/pdf_renders.py
RENDER_ID` sets Django up, renders a small warm-up PDF (fonts, templates), runs the task, then
WeasyPrint alone on the same HTML, and prints JSON.
"""

import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_INDICATORS = 200


def _database_url(connection) -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _synthetic(content: dict, count: int) -> dict:
    """The document with its indicators repeated, spread over the five directions, to `count`."""
    content = json.loads(json.dumps(content))
    content.update(city="shymkent", settlements=[])
    directions = list(content["directions"].values())
    originals = [(d, i) for d in directions for i in d["indicators"]]
    for direction in directions:
        direction["indicators"] = []
    for n in range(count):
        direction, indicator = originals[n % len(originals)]
        copy = {**indicator, "uid": str(uuid.uuid4())}
        copy["name"] = {lang: f"{text} ({n + 1})" for lang, text in indicator["name"].items()}
        directions[n % len(directions)]["indicators"].append(copy)
    return content


def _shymkent_editor():
    from core.models import Membership, Organisation, User

    editor, _ = User.objects.get_or_create(username="bench.shymkent.editor")
    Membership.objects.get_or_create(
        user=editor,
        organisation=Organisation.objects.get(code="city-akimat-shymkent"),
        role=Membership.Role.CITY_EDITOR,
    )
    return editor


def _queued(**request):
    """A render record asked for through the service, left pending (the bench runs the task)."""
    from publishing import services

    with mock.patch.object(services, "_enqueue"):
        return services.render_request(**request)


def _run_in_worker_process(render_id: int, database_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    out = subprocess.run(  # noqa: S603 - this very file, with a render id
        [sys.executable, str(Path(__file__).resolve()), str(render_id)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def pdf_figures() -> None:
    from django.db import connection
    from django.test import Client

    from approvals.services import published_snapshot
    from publishing.models import Render
    from strategies.document_json import document_load
    from strategies.models import Strategy

    if "memory" in str(connection.settings_dict["NAME"]):
        print("\nPDF renders: skipped (a worker process cannot open an in-memory database)")
        return

    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    snapshot = published_snapshot(edition)
    synthetic = document_load(
        _synthetic(snapshot.content, SYNTHETIC_INDICATORS), actor=_shymkent_editor()
    )
    database_url = _database_url(connection)
    cases = [
        ("demo approved edition", {"strategy": edition, "snapshot": snapshot, "actor": None}),
        (
            f"synthetic draft, {SYNTHETIC_INDICATORS} indicators",
            {"strategy": synthetic, "snapshot": None, "actor": _shymkent_editor()},
        ),
    ]
    print("\nPDF renders (one fresh worker process each)")
    print(
        f"  {'document':<36}{'lang':<6}{'pages':>6}{'task s':>9}{'WeasyPrint s':>14}"
        f"{'ratio':>7}{'peak MiB':>10}"
    )
    for label, request in cases:
        for lang in ("kk", "ru"):
            render = _queued(language=lang, **request)
            figures = _run_in_worker_process(render.pk, database_url)
            print(
                f"  {label:<36}{lang:<6}{figures['pages']:>6}{figures['task_s']:>9.1f}"
                f"{figures['weasyprint_alone_s']:>14.1f}"
                f"{figures['task_s'] / figures['weasyprint_alone_s']:>7.2f}"
                f"{figures['peak_mib']:>10.0f}"
            )

    # A second request for the same snapshot and language: the stored PDF, not a render.
    client = Client()
    url = f"/ru/strategies/{edition.pk}/pdf/"
    data = {"lang": "ru", "snapshot": snapshot.number}
    samples = []
    for _ in range(15):
        start = time.perf_counter()
        response = client.post(url, data, HTTP_ACCEPT="application/json")
        samples.append((time.perf_counter() - start) * 1000)
        assert response.json()["status"] == Render.Status.READY
    print(
        f"  second request for the same snapshot (HTTP, median): {statistics.median(samples):.1f} ms"
    )


def _child(render_id: int) -> None:
    """In a fresh process, as a worker's pool process: warm up, run the task, then WeasyPrint
    alone on the same HTML; print the figures as JSON."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from publishing.fonts import BODY_FAMILY, font_face_css
    from publishing.models import Render
    from publishing.pdf import pdf_from_html, print_html
    from publishing.tasks import render_pdf

    pdf_from_html(
        f'<style>{font_face_css()} p {{ font-family: "{BODY_FAMILY}" }}</style><p>Қала</p>'
    )
    start = time.perf_counter()
    render_pdf.apply(args=[render_id])
    task_s = time.perf_counter() - start
    render = Render.objects.select_related("snapshot").get(pk=render_id)
    assert render.status == Render.Status.READY, render.error
    content = render.snapshot.content if render.snapshot_id else render.draft_content
    html = print_html(content, render.context, render.language)
    start = time.perf_counter()
    pdf_from_html(html)
    weasyprint_s = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "pages": render.pages,
                "task_s": task_s,
                "weasyprint_in_task_s": render.weasyprint_seconds,
                "weasyprint_alone_s": weasyprint_s,
                "peak_mib": peak_mib,
            }
        )
    )


if __name__ == "__main__":
    _child(int(sys.argv[1]))
