"""Every page of a strategy costs the same number of SQL queries at 5 target indicators as at 200
(issue 14), whether its side panels come from the cache or are computed for a new version of
the document: the editor's pages, the overview, preview, history, home page, monitoring page
and the public edition."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals import public_edition
from strategies.editor import PAGES
from strategies.models import Strategy
from tests.api.helpers import set_indicator_count
from tests.approvals.conftest import user

pytestmark = pytest.mark.django_db


def pages(draft: Strategy, edition: Strategy) -> dict[str, tuple[str, bool]]:
    """name: (path, signed in as Almaty's editor)."""
    base = f"/ru/strategies/{draft.pk}/"
    return {
        "home": ("/ru/", True),
        "overview": (base, True),
        **{slug: (f"{base}edit/{slug}/", True) for slug in PAGES},
        "preview": (f"{base}preview/?lang=kk", True),
        "history": (f"{base}history/", True),
        "monitoring": (f"/ru/strategies/{edition.pk}/monitoring/", True),
        "public edition": (f"/ru/public/{edition.pk}/", False),
    }


@pytest.fixture(autouse=True)
def charts_drawn_at_once(monkeypatch):
    """Charts cost no query (Matplotlib, cached by content: indicators.charts); drawing 200 of
    them would only make this test slow."""
    from django.utils.safestring import mark_safe

    monkeypatch.setattr(
        "indicators.charts._render", lambda kind, payload, lang, draw: mark_safe("<svg></svg>")
    )


def costs(draft: Strategy, edition: Strategy) -> dict[str, tuple[int, int]]:
    """Queries of each page: first with nothing cached, then again (cached)."""
    editor, anonymous = Client(), Client()
    editor.force_login(user("almaty.editor"))
    cache.clear()
    public_edition.LOCAL.clear()
    measured = {}
    for name, (path, signed_in) in pages(draft, edition).items():
        client = editor if signed_in else anonymous
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (name, response.status_code)
            counts.append(len(queries))
        measured[name] = tuple(counts)
    return measured


def test_every_page_costs_the_same_queries_at_5_and_200_indicators(almaty, almaty_approved):
    """The working copy and its approved edition, with 5 and then 200 indicators each (the
    edition's are rows too: its monitoring page lists them)."""
    measured = {}
    for size in (5, 200):
        for strategy in (almaty, almaty_approved):
            set_indicator_count(strategy, size)
        # As every service does after a change of content (strategies.services).
        Strategy.objects.filter(pk=almaty.pk).update(updated_at=timezone.now())
        measured[size] = costs(almaty, almaty_approved)
    differing = {
        name: (measured[5][name], measured[200][name])
        for name in measured[5]
        if measured[5][name] != measured[200][name]
    }
    assert not differing, differing
    assert measured[5]["public edition"][1] == 1
