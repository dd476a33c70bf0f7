"""The public edition's page served from its bytes (issue 14): the same page for every anonymous
reader with a strong ETag and a 304 on a conditional GET; nothing stale after new monitoring
values or an approved amendment; a signed-in reader still gets their own header; the number of
queries does not depend on the document's size."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from approvals import public_edition
from indicators.models import Indicator, YearlyValue
from indicators.numbers import PrintedNumber
from indicators.services import YearInput, yearly_values_save
from tests.api.helpers import set_indicator_count
from tests.approvals.conftest import bring, user


@pytest.fixture(autouse=True)
def fresh_pages():
    public_edition.LOCAL.clear()
    yield
    public_edition.LOCAL.clear()


def edition_url(strategy, lang="ru") -> str:
    with translation.override(lang):
        return reverse("approvals:edition", args=[strategy.pk])


def test_every_anonymous_reader_gets_the_same_bytes_with_a_strong_etag(almaty_approved):
    first, second = Client(), Client()
    one = first.get(edition_url(almaty_approved), {"lang": "ru"})
    other = second.get(edition_url(almaty_approved), {"lang": "ru"})
    assert one.status_code == other.status_code == 200
    assert one.content == other.content
    tag = one["ETag"]
    assert tag == other["ETag"] and tag.startswith('"') and not tag.startswith("W/")
    assert "no-cache" in one["Cache-Control"] and "public" in one["Cache-Control"]
    html = one.content.decode()
    # No per-reader token in the page; the cookie the PDF buttons' script reads it from is set.
    assert "csrfmiddlewaretoken" not in html and "csrftoken" in one.cookies
    assert almaty_approved.title_ru in html and "PDF (русский)" in html
    # The interface languages are links to the same edition in the same reading language.
    assert f'href="{edition_url(almaty_approved, "kk")}?lang=ru"' in html


def test_a_conditional_get_with_the_etag_answers_304_without_a_body(almaty_approved):
    client = Client()
    tag = client.get(edition_url(almaty_approved))["ETag"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(edition_url(almaty_approved), HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == tag
    assert len(queries) == 1  # the edition's head, nothing else


def test_languages_are_separate_pages_with_their_own_etags(almaty_approved):
    client = Client()
    pages = {
        (interface, reading): client.get(edition_url(almaty_approved, interface), {"lang": reading})
        for interface in ("kk", "ru")
        for reading in ("kk", "ru")
    }
    assert len({page["ETag"] for page in pages.values()}) == 4
    assert almaty_approved.title_kk in pages["ru", "kk"].content.decode()
    assert 'lang="ru"' in pages["kk", "ru"].content.decode()


def test_new_monitoring_values_change_the_page_at_once(almaty_approved, almaty_editor):
    client = Client()
    before = client.get(edition_url(almaty_approved))
    indicator = Indicator.objects.filter(direction__strategy=almaty_approved).first()
    year = 2049
    assert not YearlyValue.objects.filter(indicator_uid=indicator.uid, year=year).exists()
    yearly_values_save(
        actor=almaty_editor, strategy=almaty_approved, indicator=indicator,
        rows=[YearInput(year, PrintedNumber(Decimal("1.5")), PrintedNumber(Decimal("1.5")))],
    )  # fmt: skip
    after = client.get(edition_url(almaty_approved), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]


def test_an_approved_amendment_shows_on_the_replaced_edition_at_once(almaty, almaty_approved):
    client = Client()
    before = client.get(edition_url(almaty_approved))
    assert "Read the edition in force" not in before.content.decode()
    bring(almaty, "approved")
    after = client.get(edition_url(almaty_approved), HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200
    html = after.content.decode()
    assert edition_url(almaty, "ru") in html and after["ETag"] != before["ETag"]


def test_a_signed_in_reader_sees_their_own_header(almaty_approved):
    anonymous = Client().get(edition_url(almaty_approved))  # the anonymous page is cached now
    reader = Client()
    reader.force_login(user("ministry.reviewer"))
    with translation.override("en"):
        response = reader.get(edition_url(almaty_approved, "en"))
    html = response.content.decode()
    assert response.status_code == 200 and response.content != anonymous.content
    assert "ministry.reviewer" in html or user("ministry.reviewer").get_full_name() in html
    assert "Sign out" in html and "csrfmiddlewaretoken" in html
    assert 'action="/i18n/setlang/"' in html  # the site's language form, not the links
    assert (
        almaty_approved.title_ru
        in reader.get(edition_url(almaty_approved), {"lang": "ru"}).content.decode()
    )
    # ...and the next anonymous reader still gets the anonymous page.
    again = Client().get(edition_url(almaty_approved))
    assert "Sign out" not in again.content.decode() and again.content == anonymous.content


def test_an_edition_that_is_not_approved_is_404(almaty):
    assert Client().get(edition_url(almaty)).status_code == 404
    assert Client().get("/ru/public/999999999/").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_at_5_and_200_indicators(almaty):
    """A new edition's first (uncached) request, then the cached one, for anonymous and signed-in
    readers: the same number of queries at 5 indicators and at 200."""
    from approvals import services

    counts = {}
    edition = almaty
    for size in (5, 200):
        if size == 200:
            edition = services.strategy_amend(actor=user("almaty.editor"), strategy=edition)
        set_indicator_count(edition, size)
        bring(edition, "approved")
        url = edition_url(edition)
        reader = Client()
        reader.force_login(user("ministry.reviewer"))
        counts[size] = (_queries(Client(), url), _queries(Client(), url), _queries(reader, url))
    assert counts[5] == counts[200]
    assert counts[5][1] == 1


def test_an_approved_editions_charts_are_drawn_before_its_first_reader_asks(
    db, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """On approval a worker draws the edition's document and monitoring charts in every language
    (approvals.tasks.draw_edition_charts): the first readers' pages draw none."""
    from contextlib import contextmanager

    from django.core.cache import cache

    from indicators import charts
    from tests.api.helpers import approved_almaty

    cache.clear()  # no chart drawn by an earlier test
    charts._LOCAL.clear()
    settings.DRAW_CHARTS_AHEAD = True
    with django_capture_on_commit_callbacks(execute=True):
        edition = approved_almaty()

    @contextmanager
    def no_drawing():
        raise AssertionError("a chart was drawn while a reader waited")
        yield

    monkeypatch.setattr(charts, "_DRAWING", no_drawing())
    charts._LOCAL.clear()  # a web worker other than the one that drew them
    public_edition.LOCAL.clear()
    for lang in ("kk", "ru", "en"):
        assert Client().get(edition_url(edition, lang)).status_code == 200
        with translation.override(lang):
            monitoring = reverse("indicators:monitoring", args=[edition.pk])
        assert Client().get(monitoring).status_code == 200
