"""Benchmark-city values (p.10: target indicators are compared with those of the best cities) on
the editor's indicator page: added, changed and removed there, numbers typed as kk and ru readers
write them, bad values refused at the field in each language, a stale save merged, every change
audited, frozen in the document, and the compliance finding's link landing on the form that
fixes it."""

from decimal import Decimal
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import AuditEvent, Membership, Organisation, User
from indicators.models import BenchmarkValue, Indicator
from strategies.compliance import compliance_check
from strategies.document_json import document_dump
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests.api.helpers import set_indicator_count
from tests.strategies.pages import section_url, submitted

pytestmark = pytest.mark.django_db

SLUG = "indicators-environment"


@pytest.fixture
def editor(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


@pytest.fixture
def indicator(almaty) -> Indicator:
    return Indicator.objects.filter(direction__strategy=almaty, direction__kind=3).first()


def page(client, strategy, indicator, lang="kk", slug=SLUG):
    response = client.get(section_url(strategy, slug, lang) + f"?open=indicators-{indicator.pk}")
    assert response.status_code == 200
    return response


def sub_forms(response, indicator):
    """(items [(benchmark, form)], new form) shown inside the open indicator."""
    for _part, shown in response.context["parts"]:
        for row, form in shown.get("items", []):
            if form is not None and row.pk == indicator.pk:
                ((_sub, items, new),) = form.sub_lists
                return items, new
    raise AssertionError(f"indicator {indicator.pk} is not open")


def add(client, strategy, indicator, values, lang="kk"):
    prefix = f"benchmarks-new-{indicator.pk}"
    data = {"part": "benchmarks", "row": "new", "parent": indicator.pk, "action": "save"}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return client.post(section_url(strategy, SLUG, lang), data)


def post_shown(client, strategy, form, benchmark, changes=None, action="save", lang="kk"):
    data = submitted(form, part="benchmarks", row=benchmark.pk, action=action)
    data.update({form.add_prefix(name): value for name, value in (changes or {}).items()})
    return client.post(section_url(strategy, SLUG, lang), data)


GOOD = {"city_name_kk": "Сингапур", "city_name_ru": "Сингапур", "year": "2023", "value": "76,5"}


def test_an_editor_adds_changes_and_removes_a_benchmark_on_the_indicator_page(
    editor, almaty, indicator
):
    items, new = sub_forms(page(editor, almaty, indicator), indicator)
    assert new.prefix == f"benchmarks-new-{indicator.pk}"
    before = len(items)

    response = add(editor, almaty, indicator, GOOD)
    assert response.status_code == 302
    added = BenchmarkValue.objects.get(indicator=indicator, city_name_ru="Сингапур")
    assert added.value == Decimal("76.5") and added.year == 2023
    assert f"?open=indicators-{indicator.pk}#benchmarks-{added.pk}" in response["Location"]
    created = AuditEvent.objects.filter(event_type="content.created").latest("created_at")
    assert created.extra["model"] == "benchmarkvalue"
    assert created.extra["changes"]["value"] == [None, "76.5"]

    items, _new = sub_forms(page(editor, almaty, indicator, lang="ru"), indicator)
    assert len(items) == before + 1
    form = dict(items)[added]
    assert form["value"].value() == "76,5"
    assert 'value="76,5"' in str(form["value"])  # shown as a ru reader writes it
    response = post_shown(editor, almaty, form, added, {"value": "1 234,25"}, lang="ru")
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.value == Decimal("1234.25") and added.version == 2
    updated = AuditEvent.objects.filter(event_type="content.updated").latest("created_at")
    assert updated.extra["changes"]["value"] == ["76.5", "1234.25"]

    form = dict(sub_forms(page(editor, almaty, indicator), indicator)[0])[added]
    response = post_shown(editor, almaty, form, added, action="delete")
    assert response.status_code == 302
    assert not BenchmarkValue.objects.filter(pk=added.pk).exists()
    deleted = AuditEvent.objects.filter(event_type="content.deleted").latest("created_at")
    assert deleted.extra["removed"]["city_name_ru"] == "Сингапур"


@pytest.mark.parametrize(
    ("field", "typed", "code"),
    [
        ("value", "76.5.1", "invalid"),
        ("value", "12345678901234567", "whole_digits"),
        ("value", "1,23456", "decimal_places"),
        ("year", "1850", "window"),
        ("year", str(timezone.now().year + 1), "window"),
        ("year", "", "required"),
        ("city_name_kk", "", None),
    ],
)
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_bad_benchmark_is_refused_at_its_field_in_the_readers_language(
    editor, almaty, indicator, field, typed, code, lang
):
    values = {**GOOD, field: typed}
    if field == "city_name_kk":
        values["city_name_ru"] = ""
    count = BenchmarkValue.objects.count()
    response = add(editor, almaty, indicator, values, lang=lang)
    assert response.status_code == 400
    assert BenchmarkValue.objects.count() == count
    _items, form = sub_forms(response, indicator)
    assert form.is_bound and field in form.errors
    if code:
        assert form.errors.as_data()[field][0].code == code
    html = response.content.decode()
    assert form.errors[field][0] in unescape(html)  # shown at the field
    assert f'id="benchmarks-new-{indicator.pk}"' in html


def test_benchmark_messages_differ_by_language(editor, almaty, indicator):
    """The year's refusal is translated: kk, ru and en say it in their own words."""
    said = set()
    for lang in ("kk", "ru", "en"):
        response = add(editor, almaty, indicator, {**GOOD, "year": "1850"}, lang=lang)
        said.add(sub_forms(response, indicator)[1].errors["year"][0])
    assert len(said) == 3


def test_a_stale_benchmark_save_is_merged(editor, almaty, indicator, almaty_editor):
    benchmark = BenchmarkValue.objects.create(
        indicator=indicator, city_name_kk="Сеул", city_name_ru="Сеул", year=2022, value=10
    )
    deputy = User.objects.create_user("almaty.deputy2")
    Membership.objects.create(
        user=deputy,
        organisation=Organisation.objects.get(code="city-akimat-almaty"),
        role=Membership.Role.CITY_EDITOR,
    )
    second = Client()
    second.force_login(deputy)
    seen_by_b = dict(sub_forms(page(second, almaty, indicator), indicator)[0])[benchmark]
    seen_by_a = dict(sub_forms(page(editor, almaty, indicator), indicator)[0])[benchmark]
    assert post_shown(editor, almaty, seen_by_a, benchmark, {"value": "12,5"}).status_code == 302

    refused = post_shown(second, almaty, seen_by_b, benchmark, {"city_name_en": "Seoul"})
    assert refused.status_code == 409
    merged = dict(sub_forms(refused, indicator)[0])[benchmark]
    assert merged["city_name_en"].value() == "Seoul"
    assert "value" in {merged.field_of(s.key) for s in refused.context["conflict"]["taken"]}
    assert "data-conflict" in refused.content.decode()

    assert post_shown(second, almaty, merged, benchmark).status_code == 302
    benchmark.refresh_from_db()
    assert benchmark.value == Decimal("12.5") and benchmark.city_name_en == "Seoul"


def test_a_benchmark_of_another_strategy_is_not_reachable(editor, almaty, karaganda):
    foreign = Indicator.objects.filter(direction__strategy=karaganda).first()
    response = add(editor, almaty, foreign, GOOD)
    assert response.status_code == 404
    assert not BenchmarkValue.objects.filter(indicator=foreign, city_name_ru="Сингапур").exists()


def test_a_benchmark_added_in_the_editor_is_in_the_frozen_document(editor, almaty, indicator):
    assert add(editor, almaty, indicator, GOOD).status_code == 302
    dumped = document_dump(strategy_document(almaty.pk))
    kept = [
        b
        for d in dumped["directions"].values()
        for i in d["indicators"]
        if i["id"] == indicator.pk
        for b in i["benchmarks"]
    ]
    assert {
        "city": {"kk": "Сингапур", "ru": "Сингапур", "en": ""},
        "year": 2023,
        "value": "76.5",
    } in kept


@pytest.mark.parametrize("with_indicators", [True, False])
def test_the_benchmark_finding_links_to_the_field_that_fixes_it(editor, almaty, with_indicators):
    BenchmarkValue.objects.filter(indicator__direction__strategy=almaty).delete()
    if not with_indicators:
        Indicator.objects.filter(direction__strategy=almaty).delete()
    (result,) = [
        r
        for r in compliance_check(strategy_document(almaty.pk)).results
        if r.check.code == "benchmarks"
    ]
    (finding,) = result.findings
    response = editor.get(
        section_url(almaty, finding.section, "kk") + f"?open={finding.anchor}#{finding.anchor}"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="{finding.anchor}"' in html
    if with_indicators:
        first = Indicator.objects.filter(direction__strategy=almaty).order_by(
            "direction__kind", "position", "id"
        )[0]
        assert finding.anchor == f"benchmarks-new-{first.pk}"
        # The form that adds a value, with the value's own input, is on the page.
        assert f'name="benchmarks-new-{first.pk}-value"' in html


def _open_page_queries(client, strategy) -> int:
    indicator = Indicator.objects.filter(direction__strategy=strategy, direction__kind=3).first()
    url = section_url(strategy, SLUG, "ru") + f"?open=indicators-{indicator.pk}"
    client.get(url)  # panels cached for this version of the document
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert sub_forms(response, indicator)[0]  # its benchmarks are shown
    return len(queries)


def test_the_open_indicator_page_costs_the_same_queries_at_5_and_200_indicators(
    editor, almaty, monkeypatch
):
    from django.utils.safestring import mark_safe

    monkeypatch.setattr(
        "indicators.charts._render", lambda kind, payload, lang, draw: mark_safe("<svg></svg>")
    )
    counts = []
    for size in (5, 200):
        set_indicator_count(almaty, size)
        Strategy.objects.filter(pk=almaty.pk).update(updated_at=timezone.now())
        cache.clear()
        for indicator in Indicator.objects.filter(direction__strategy=almaty):
            if not indicator.benchmarks.exists():
                BenchmarkValue.objects.create(
                    indicator=indicator, city_name_ru="Сеул", year=2022, value=1
                )
        counts.append(_open_page_queries(editor, almaty))
    assert counts[0] == counts[1], counts
