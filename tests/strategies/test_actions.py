"""Only what an editor page offers can be done through it: every part of every page, with every
action name, as the city editor. A crafted POST of an action the page does not show is a 400 that
changes nothing; the sections and the five directions are never removed."""

import re

import pytest
from django.apps import apps
from django.urls import reverse

from core.models import AuditEvent
from strategies.editor import PAGES
from strategies.models import Direction, Strategy, Vision
from tests.strategies.pages import forms_of, section_url, submitted

pytestmark = pytest.mark.django_db

ACTIONS = ("delete", "up", "down", "add", "save", "from_catalogue", "frobnicate")


@pytest.fixture
def editor_client(client, almaty_editor):
    client.force_login(almaty_editor)
    return client


def fingerprint(strategy) -> dict:
    """Every content row of the document with its version and place, and the audit trail."""
    rows = {}
    for model in [
        *apps.get_app_config("strategies").get_models(),
        *apps.get_app_config("indicators").get_models(),
    ]:
        names = {f.name for f in model._meta.concrete_fields}
        columns = ["pk", *(name for name in ("version", "position") if name in names)]
        rows[model.__name__] = sorted(model.objects.values_list(*columns))
    return {
        "rows": rows,
        "events": AuditEvent.objects.count(),
        "strategy": Strategy.objects.filter(pk=strategy.pk).exists(),
    }


def offered_on_page(html: str, form_id: str) -> set[str]:
    """The action buttons inside one form of a rendered page."""
    match = re.search(rf'<form[^>]*id="{re.escape(form_id)}".*?</form>', html, re.S)
    assert match, form_id
    return set(re.findall(r'name="action" value="(\w+)"', match.group(0)))


@pytest.mark.parametrize("slug", list(PAGES))
def test_every_part_accepts_only_the_actions_its_page_offers(editor_client, almaty, slug):
    url = section_url(almaty, slug)
    for part in PAGES[slug]:
        first = part.items(almaty).first() if part.many else part.owner(almaty)
        query = f"?open={part.name}-{first.pk}" if part.many and first else ""
        page = editor_client.get(url + query)
        html = page.content.decode()
        shown = {
            (row.pk if row else None): form
            for p, row, form in forms_of(page.context["parts"])
            if p.name == part.name
        }
        rows = [first, None] if part.many else [first]
        for row in rows:
            offered = part.actions(row)
            form_id = f"{part.name}-{row.pk if row else 'new'}"
            if row is None and part.group_by:  # a board: a new-item form per column
                form_id += f"-{part.model._meta.get_field(part.group_by).choices[0][0]}"
            on_page = offered_on_page(html, form_id)
            if part.from_catalogue and row is None:
                on_page.add("from_catalogue")  # the catalogue's own form beside the list
                assert 'name="action" value="from_catalogue"' in html
            # The first (last) of an ordered group shows no ↑ (↓): it would stay in place.
            moves = getattr(shown[row.pk if row else None], "moves", None) or (True, True)
            edges = {action for action, can in zip(("up", "down"), moves, strict=True) if not can}
            assert on_page == offered - edges, (slug, part.name, row)
            data = submitted(shown[row.pk if row else None], part=part.name)
            data["row"] = row.pk if row else "new"
            for action in ACTIONS:
                if action in offered:
                    continue
                before = fingerprint(almaty)
                response = editor_client.post(url, {**data, "action": action})
                assert response.status_code == 400, (slug, part.name, row, action)
                assert fingerprint(almaty) == before, (slug, part.name, row, action)
            # What is offered works, and never with a 5xx.
            response = editor_client.post(url, {**data, "action": "save"})
            assert response.status_code in (302, 400), (slug, part.name, row)
            if row is not None and part.ordered:
                for action in ("down", "up"):
                    assert editor_client.post(url, {**data, "action": action}).status_code == 302
            if row is not None and "delete" in offered:
                row.refresh_from_db()
                data[f"{part.name}-{row.pk}-version"] = row.version
                assert editor_client.post(url, {**data, "action": "delete"}).status_code == 302
                assert not part.model.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    ("slug", "data"),
    [
        ("vision", {"part": "vision", "action": "delete", "version": "1"}),
        ("direction-environment", {"part": "direction", "action": "delete", "version": "1"}),
        ("general", {"part": "strategy", "action": "delete", "version": "1"}),
        ("vision", {"part": "vision", "action": "up"}),
        ("direction-environment", {"part": "direction", "action": "down"}),
        ("general", {"part": "strategy", "action": "up"}),
    ],
)
def test_the_crafted_posts_of_the_issue_are_refused_and_every_page_still_opens(
    editor_client, almaty, slug, data
):
    before = fingerprint(almaty)
    response = editor_client.post(section_url(almaty, slug), data)
    assert response.status_code == 400
    assert response.context["error"].code == "invalid"
    assert fingerprint(almaty) == before
    assert Vision.objects.filter(strategy=almaty).exists()
    assert Direction.objects.filter(strategy=almaty).count() == 5
    for page in (
        reverse("strategies:overview", args=[almaty.pk]),
        reverse("strategies:preview", args=[almaty.pk]),
        section_url(almaty, "vision"),
        section_url(almaty, "direction-environment"),
    ):
        assert editor_client.get(page).status_code == 200


def test_the_services_refuse_to_remove_or_move_the_frame_of_a_strategy(almaty, almaty_editor):
    from core.exceptions import InvalidInput
    from strategies.services import content_delete, content_move

    for row in (
        almaty,
        almaty.vision,
        almaty.analysis,
        almaty.mechanism,
        almaty.directions.first(),
    ):
        with pytest.raises(InvalidInput):
            content_delete(actor=almaty_editor, row=row, expected_version=row.version)
        with pytest.raises(InvalidInput):
            content_move(actor=almaty_editor, row=row, offset=1)
    assessment = almaty.sphere_assessments.first()
    with pytest.raises(InvalidInput):  # the assessments keep the order of the spheres
        content_move(actor=almaty_editor, row=assessment, offset=1)
    assert Strategy.objects.filter(pk=almaty.pk).exists()


def test_removing_an_item_checks_the_version_the_page_showed(editor_client, almaty):
    item = almaty.swot_items.filter(quadrant="threat").first()
    url = section_url(almaty, "swot")
    base = {"part": "swot", "row": item.pk, "action": "delete"}
    stale = editor_client.post(url, {**base, f"swot-{item.pk}-version": item.version - 1})
    assert stale.status_code == 409
    garbage = editor_client.post(url, {**base, f"swot-{item.pk}-version": "9" * 20})
    assert garbage.status_code == 400
    assert almaty.swot_items.filter(pk=item.pk).exists()
    removed = editor_client.post(url, {**base, f"swot-{item.pk}-version": item.version})
    assert removed.status_code == 302
    assert not almaty.swot_items.filter(pk=item.pk).exists()


def test_moving_keeps_each_group_apart(almaty, almaty_editor):
    """Series are ordered within their kind, SWOT items within their quadrant."""
    from strategies.services import content_move

    series = list(almaty.series.filter(kind="population_by_education").order_by("position", "id"))
    others = list(
        almaty.series.exclude(kind="population_by_education").values_list("pk", "position")
    )
    content_move(actor=almaty_editor, row=series[1], offset=-1)
    moved = list(almaty.series.filter(kind="population_by_education").order_by("position", "id"))
    assert moved[:2] == [series[1], series[0]]
    assert (
        list(almaty.series.exclude(kind="population_by_education").values_list("pk", "position"))
        == others
    )


@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
@pytest.mark.parametrize(
    "page",
    ["overview", "preview", "history", *(f"section:{slug}" for slug in PAGES)],
)
def test_other_methods_on_the_overview_and_every_editor_page_are_405(
    editor_client, almaty, method, page
):
    if page.startswith("section:"):
        url = section_url(almaty, page.split(":")[1])
    else:
        url = reverse(f"strategies:{page}", args=[almaty.pk])
    before = fingerprint(almaty)
    assert getattr(editor_client, method)(url).status_code == 405
    assert fingerprint(almaty) == before
