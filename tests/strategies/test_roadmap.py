"""The smart-city road map (2025 reference standard): the smartcity indicators each item moves
(chosen in the editor, frozen in snapshots, kept by amendments, shown and compared in documents),
and the yearly monitoring of an approved road map on its own page (bounds at the field in kk, ru
and en, 403 for others, 409 for a lost race, the audit trail, the snapshot untouched), shown
beside the public edition, in the PDF and in the API."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from approvals.diff import snapshot_diff
from approvals.models import Snapshot
from core.models import AuditEvent, User
from indicators.models import Indicator
from strategies.document_json import document_dump, document_load
from strategies.models import DirectionKind, RoadmapItem, RoadmapProgress, Strategy
from strategies.rendering import document_view
from strategies.roadmap_monitoring import roadmap_progress_record
from strategies.selectors import strategy_document
from tests.strategies.pages import bound_form, post_form, shown_form

pytestmark = pytest.mark.django_db

THIS_YEAR = date.today().year


def smartcity_indicators(strategy):
    return Indicator.objects.filter(
        direction__strategy=strategy, direction__kind=DirectionKind.SMARTCITY
    ).order_by("position", "pk")


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


# --- the indicators an item moves ----------------------------------------------------------------


@pytest.mark.parametrize("city", ["almaty", "astana"])
def test_the_demo_road_maps_name_the_indicators_they_move(city):
    strategy = Strategy.objects.filter(city__code=city).order_by("-pk").first()
    planned = strategy.roadmap.exclude(status=RoadmapItem.Status.NOT_PLANNED)
    assert planned.exists()
    allowed = set(smartcity_indicators(strategy).values_list("pk", flat=True))
    for item in planned.prefetch_related("indicators"):
        moved = {i.pk for i in item.indicators.all()}
        assert moved and moved <= allowed, item.title


def test_an_amendment_keeps_the_links_by_the_indicators_identity(almaty, almaty_approved):
    approved = {
        item.uid: sorted(str(i.uid) for i in item.indicators.all())
        for item in almaty_approved.roadmap.prefetch_related("indicators")
    }
    amended = {
        item.uid: sorted(str(i.uid) for i in item.indicators.all())
        for item in almaty.roadmap.prefetch_related("indicators")
    }
    assert amended == approved
    assert all(i.direction.strategy_id == almaty.pk for i in smartcity_indicators(almaty))
    linked = Indicator.objects.filter(roadmap_items__strategy=almaty).distinct()
    assert set(linked.values_list("direction__strategy", flat=True)) == {almaty.pk}


def test_a_document_loaded_as_a_new_strategy_links_its_own_indicators(almaty, new_editor):
    content = document_dump(strategy_document(almaty.pk))
    content["city"] = new_editor.memberships.first().organisation.city.code
    copy = document_load(content, actor=new_editor)
    item = copy.roadmap.exclude(status="not_planned").prefetch_related("indicators").first()
    assert item.indicators.exists()
    assert {i.direction.strategy_id for i in item.indicators.all()} == {copy.pk}
    source = next(r for r in content["smartcity"]["roadmap"] if r["title"]["ru"] == item.title_ru)
    names = {i["uid"]: i["name"]["ru"] for i in content["directions"]["smartcity"]["indicators"]}
    assert sorted(i.name_ru for i in item.indicators.all()) == sorted(
        names[uid] for uid in source["indicators"]
    )


def test_the_editor_saves_the_indicators_of_an_item_and_refuses_another_directions(
    editor_client, almaty
):
    item = almaty.roadmap.exclude(status="not_planned").order_by("pk").first()
    chosen = [str(i.pk) for i in smartcity_indicators(almaty)[:2]]
    form = shown_form(editor_client, almaty, "smartcity", "roadmap", item)
    response = post_form(
        editor_client, almaty, "smartcity", form, "roadmap", item, {"indicators": chosen}
    )
    assert response.status_code == 302, bound_form(response).errors
    assert sorted(str(pk) for pk in item.indicators.values_list("pk", flat=True)) == sorted(chosen)
    event = AuditEvent.objects.filter(event_type="content.updated").order_by("-pk").first()
    assert "indicators" in event.extra["changes"]

    elsewhere = Indicator.objects.filter(direction__strategy=almaty, direction__kind=3).first()
    form = shown_form(editor_client, almaty, "smartcity", "roadmap", item)
    response = post_form(
        editor_client,
        almaty,
        "smartcity",
        form,
        "roadmap",
        item,
        {"indicators": [str(elsewhere.pk)]},
    )
    assert response.status_code == 400
    assert "indicators" in bound_form(response).errors
    assert sorted(str(pk) for pk in item.indicators.values_list("pk", flat=True)) == sorted(chosen)


def test_documents_show_the_indicators_and_the_diff_compares_them(almaty, almaty_editor):
    item = almaty.roadmap.exclude(status="not_planned").order_by("pk").first()
    item.indicators.clear()
    old = document_dump(strategy_document(almaty.pk))
    first = smartcity_indicators(almaty).first()
    item.indicators.set([first])
    new = document_dump(strategy_document(almaty.pk))
    view = document_view(new, "ru", charts=False)
    row = next(r for r in view["smartcity"]["roadmap"] if r["uid"] == str(item.uid))
    assert row["indicators"] == [first.name_ru]
    with translation.override("ru"):
        page = render_to_string("strategies/_document.html", {"view": view, "draft": True})
    assert "Показатели, на которые влияет" in page and first.name_ru in page
    smartcity = next(s for s in snapshot_diff(old, new, "ru") if s.slug == "smartcity")
    [change] = smartcity.changes
    assert change.kind == "added" and first.name_ru in change.html


# --- the yearly monitoring page ------------------------------------------------------------------


def page_url(strategy, lang="en"):
    with translation.override(lang):
        return reverse("strategies:roadmap_monitoring", args=[strategy.pk])


def item_of(strategy):
    return strategy.roadmap.get(initiative__code="gov-open-data")


def test_anyone_reads_the_road_map_monitoring_of_an_approved_edition(client, almaty_approved):
    response = client.get(page_url(almaty_approved, "ru"))
    assert response.status_code == 200
    assert item_of(almaty_approved).title_ru in response.content.decode()
    # The demo's records (the seed records them through the audited service).
    kindergartens = almaty_approved.roadmap.get(initiative__code="soc-e-queue-kindergarten")
    row = response.content.decode().split(f'id="item-{kindergartens.uid}"')[1].split("</tr>")[0]
    assert "2025:" in row and "95" in row and "демонстрационная оценка" in row
    assert AuditEvent.objects.filter(
        event_type="monitoring.roadmap_created", extra__item=str(kindergartens.uid)
    ).exists()
    assert 'name="spent"' not in response.content.decode()  # no form for a reader


def test_the_record_form_opens_at_an_item_this_year_and_refuses_a_made_up_one(
    editor_client, almaty_approved
):
    item = item_of(almaty_approved)
    page = editor_client.get(f"{page_url(almaty_approved)}?item={item.uid}")
    assert page.status_code == 200
    assert page.context["form"].initial == {"item": str(item.uid), "year": THIS_YEAR}
    made_up = editor_client.get(f"{page_url(almaty_approved)}?item=nothing&year=99999")
    assert made_up.status_code == 400
    assert made_up.context["form"].initial == {}


def test_a_draft_has_no_road_map_monitoring_page(editor_client, almaty):
    assert editor_client.get(page_url(almaty)).status_code == 404


def data(item, **values):
    return {"item": str(item.uid), "year": str(THIS_YEAR), "status": "in_progress",
            "spent": "300,5", "note_kk": "Порталдың бірінші кезегі", "note_ru": "Первая очередь портала",
            **values}  # fmt: skip


def test_the_city_editor_records_a_year_without_changing_the_approved_snapshot(
    editor_client, almaty_approved, almaty_editor
):
    snapshot = Snapshot.objects.filter(strategy=almaty_approved).order_by("-number").first()
    frozen = (snapshot.content, snapshot.content_hash)
    item = item_of(almaty_approved)
    response = editor_client.post(page_url(almaty_approved, "ru"), data(item))
    assert response.status_code == 302
    record = RoadmapProgress.objects.get(item_uid=item.uid, year=THIS_YEAR)
    assert (record.status, record.spent, record.note_ru, record.recorded_by) == (
        "in_progress", Decimal("300.5"), "Первая очередь портала", almaty_editor,
    )  # fmt: skip
    event = AuditEvent.objects.get(
        event_type="monitoring.roadmap_created", extra__item=str(item.uid)
    )
    assert event.actor == almaty_editor and event.extra["spent"] == "300.5"
    snapshot.refresh_from_db()
    assert (snapshot.content, snapshot.content_hash) == frozen

    page = editor_client.get(f"{page_url(almaty_approved, 'ru')}?item={item.uid}&year={THIS_YEAR}")
    assert page.context["form"].initial["version"] == 1
    assert "300,5" in page.content.decode()
    changed = editor_client.post(page_url(almaty_approved), data(item, status="done", version="1"))
    assert changed.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.version) == ("done", 2)
    event = AuditEvent.objects.get(
        event_type="monitoring.roadmap_changed", extra__item=str(item.uid)
    )
    assert event.extra["old"] == {"status": "in_progress", "spent": "300.5"}
    with translation.override("en"):
        history = editor_client.get(reverse("strategies:history", args=[almaty_approved.pk]))
    assert f"Changed the road map monitoring of {THIS_YEAR}" in history.content.decode()


WORDS = {
    "kk": ("2025", "теріс"),
    "ru": ("2025", "отрицател"),
    "en": ("2025", "negative"),
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_year_before_the_standard_and_a_negative_cost_are_refused_at_the_field(
    editor_client, almaty_approved, lang
):
    item = item_of(almaty_approved)
    response = editor_client.post(
        page_url(almaty_approved, lang), data(item, year="2024", spent="-5")
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"year", "spent"}
    year_word, cost_word = WORDS[lang]
    assert year_word in errors["year"][0]
    assert cost_word in errors["spent"][0].lower() or "0" in errors["spent"][0]
    assert "constraint" not in str(errors) and "roadmap_" not in str(errors)
    assert not RoadmapProgress.objects.filter(item_uid=item.uid).exists()


def test_an_item_not_on_the_approved_road_map_is_refused(editor_client, almaty_approved, almaty):
    other = almaty.roadmap.create(title="Новое", sphere="governance")  # only in the draft
    before = RoadmapProgress.objects.count()
    response = editor_client.post(page_url(almaty_approved), data(other))
    assert response.status_code == 400
    assert "item" in response.context["form"].errors
    assert RoadmapProgress.objects.count() == before


@pytest.mark.parametrize("who", ["anonymous", "karaganda.editor", "ministry.reviewer"])
def test_anyone_but_the_city_editor_is_refused_with_403(client, almaty_approved, who):
    if who != "anonymous":
        client.force_login(User.objects.get(username=who))
    response = client.post(page_url(almaty_approved), data(item_of(almaty_approved)))
    assert response.status_code == 403
    assert not RoadmapProgress.objects.filter(item_uid=item_of(almaty_approved).uid).exists()


def test_a_year_recorded_meanwhile_is_a_409(editor_client, almaty_approved, almaty_editor):
    item = item_of(almaty_approved)
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=THIS_YEAR,
        status="planned", spent=None,
    )  # fmt: skip
    response = editor_client.post(page_url(almaty_approved), data(item))  # the page showed none
    assert response.status_code == 409
    assert RoadmapProgress.objects.get(item_uid=item.uid).status == "planned"


def test_the_monitoring_page_links_to_the_road_map_monitoring(client, almaty_approved):
    with translation.override("en"):
        page = client.get(reverse("indicators:monitoring", args=[almaty_approved.pk]))
    assert page_url(almaty_approved) in page.content.decode()


# --- the latest year beside the approved edition: page, PDF, API ---------------------------------


@pytest.fixture
def recorded(almaty_approved, almaty_editor):
    item = item_of(almaty_approved)
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=THIS_YEAR - 1,
        status="in_progress", spent=Decimal("100"), note={"kk": "Басталды", "ru": "Начато"},
    )  # fmt: skip
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=THIS_YEAR,
        status="done", spent=Decimal("1250.5"), note={"kk": "Іске қосылды", "ru": "Запущен"},
    )  # fmt: skip
    return item


def test_the_public_edition_shows_the_latest_year_of_the_road_map(
    client, recorded, almaty_approved, almaty_editor
):
    with translation.override("ru"):
        url = reverse("approvals:edition", args=[almaty_approved.pk])
    page = client.get(f"{url}?lang=ru").content.decode()
    block = page[page.index('id="roadmap-monitoring"') :]
    assert recorded.title_ru in block and "Запущен" in block and "1\u00a0250,5" in block
    assert "Начато" not in block  # only the latest year
    # The anonymous page is cached: a year recorded since is shown at once all the same.
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=recorded.uid, year=THIS_YEAR,
        status="done", spent=Decimal("1300"), note={"ru": "Запущен полностью"}, expected_version=1,
    )  # fmt: skip
    assert "Запущен полностью" in client.get(f"{url}?lang=ru").content.decode()


def test_the_pdf_of_the_approved_edition_shows_the_latest_year(recorded, almaty_approved):
    from publishing.pdf import print_html
    from publishing.selectors import render_context

    snapshot = Snapshot.objects.filter(strategy=almaty_approved).order_by("-number").first()
    context = render_context(almaty_approved, snapshot, "kk")
    assert context["roadmap"][str(recorded.uid)]["year"] == THIS_YEAR
    html = print_html(snapshot.content, context, "kk")
    assert "Іске қосылды" in html and "1\u00a0250,5" in html


def test_the_api_edition_carries_the_latest_year_and_a_new_etag(
    client, recorded, almaty_approved, almaty_editor, django_assert_max_num_queries
):
    url = f"/api/v1/strategies/{almaty_approved.pk}/"
    with django_assert_max_num_queries(12):
        response = client.get(url, {"lang": "ru"})
    assert response.status_code == 200
    latest = response.json()["roadmap_monitoring"][str(recorded.uid)]
    assert latest == {
        "year": THIS_YEAR,
        "status": "done",
        "spent": "1250.5",
        "explanation": "Запущен",
    }
    roadmap = response.json()["document"]["smartcity"]["roadmap"]
    assert all("indicators" in item for item in roadmap)
    tag = response["ETag"]
    assert client.get(url, {"lang": "ru"}, HTTP_IF_NONE_MATCH=tag).status_code == 304
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=recorded.uid, year=THIS_YEAR,
        status="done", spent=Decimal("1300"), note={"ru": "Запущен полностью"}, expected_version=1,
    )  # fmt: skip
    again = client.get(url, {"lang": "ru"}, HTTP_IF_NONE_MATCH=tag)
    assert again.status_code == 200
    assert again.json()["roadmap_monitoring"][str(recorded.uid)]["spent"] == "1300"


def test_the_submitted_snapshot_freezes_the_indicators_and_the_hearing_page_shows_them(
    client, almaty
):
    from tests.approvals.conftest import bring

    bring(almaty, "hearings")
    snapshot = Snapshot.objects.filter(strategy=almaty).order_by("-number").first()
    frozen = {item["uid"]: item["indicators"] for item in snapshot.content["smartcity"]["roadmap"]}
    live = {
        str(item.uid): sorted(str(i.uid) for i in item.indicators.all())
        for item in almaty.roadmap.prefetch_related("indicators")
    }
    assert frozen == live and any(frozen.values())
    with translation.override("ru"):
        url = reverse("approvals:public_hearing", args=[almaty.pk])
    page = client.get(f"{url}?lang=ru").content.decode()
    block = page[page.index('id="smartcity"') :]
    assert "Показатели, на которые влияет" in block
    assert smartcity_indicators(almaty).last().name_ru in block


def test_the_road_map_monitoring_page_runs_a_fixed_number_of_queries(
    client, almaty_approved, almaty_editor, django_assert_max_num_queries
):
    url = page_url(almaty_approved, "ru")
    with django_assert_max_num_queries(6):  # strategy, items, their indicators, uids, records
        client.get(url)
    client.force_login(almaty_editor)
    with django_assert_max_num_queries(12):  # and the session, the user, the memberships
        assert client.get(url).status_code == 200
