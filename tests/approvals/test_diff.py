"""The diff of two snapshots compares block by block and cell by cell: paragraphs, list items,
table cells, series cells and milestones each alone, each labelled with where it is."""

import copy
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from approvals.diff import html_blocks, snapshot_diff, word_diff
from approvals.snapshots import snapshot_content
from strategies.services import content_update
from tests.approvals.conftest import bring, through_hearings, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(almaty) -> dict:
    """Almaty's document as a snapshot freezes it."""
    return snapshot_content(almaty)


def changes(old: dict, new: dict, lang: str = "ru") -> dict[str, list]:
    return {s.slug: s.changes for s in snapshot_diff(old, new, lang) if s.changed}


def text(change) -> str:
    return strip_tags(change.html).replace("\xa0", " ")  # thousands are grouped by a no-break space


def test_paragraphs_are_compared_apart_and_words_never_run_across_them(content):
    old, new = copy.deepcopy(content), copy.deepcopy(content)
    old["analysis"]["narrative"]["ru"] = (
        "<p>Алматы — крупнейший мегаполис города.</p><p>Второй абзац.</p>"
    )
    new["analysis"]["narrative"]["ru"] = (
        "<p>Алматы — крупнейший мегаполис города.</p><p>Второй абзац дополнен.</p>"
    )
    [change] = changes(old, new)["analysis"]
    assert change.kind == "changed" and change.label.endswith("абзац 2")  # read in ru
    assert "города.Второй" not in text(change) and "города" not in text(change)
    assert str(change.html) == "Второй <del>абзац.</del> <ins>абзац дополнен.</ins>"


def test_list_items_and_table_cells_are_units_of_their_own(content):
    old, new = copy.deepcopy(content), copy.deepcopy(content)
    old["vision"]["priorities"]["ru"] = (
        "<ul><li>10</li><li>20</li></ul><table><tr><td>2023</td><td>2 401,4</td></tr></table>"
    )
    new["vision"]["priorities"]["ru"] = (
        "<ul><li>10</li><li>25</li></ul><table><tr><td>2023</td><td>2 405,0</td></tr></table>"
    )
    found = changes(old, new)["vision"]
    assert [(c.label.split(" · ")[-1], text(c)) for c in found] == [
        ("пункт 2", "20 → 25"),
        ("строка 1, столбец 2", "2 401,4 → 2 405,0"),
    ]
    assert all("1020" not in text(c) and "20232" not in text(c) for c in found)


def test_a_milestone_change_reads_with_its_year(content):
    old, new = copy.deepcopy(content), copy.deepcopy(content)
    indicator = new["directions"]["environment"]["indicators"][0]
    indicator["milestones"]["2030"] = "4"
    old["directions"]["environment"]["indicators"][0]["milestones"]["2030"] = "4.5"
    [change] = changes(old, new)["indicators-environment"]
    assert change.label == f"{indicator['name']['ru']} · 2030"
    assert text(change) == "4,5 → 4"  # the reader's decimal comma, never "5 / 4.5 / 4"


def test_a_series_cell_is_compared_by_its_year(content):
    old, new = copy.deepcopy(content), copy.deepcopy(content)
    series = new["series"][0]
    first_year = sorted(series["values"])[0]
    series["values"][first_year] = "2401.4"
    old["series"][0]["values"][first_year] = "2023"
    [change] = changes(old, new)["series"]
    assert change.label.endswith(f" · {first_year}")
    assert text(change) == "2 023 → 2 401,4"


def test_indicators_are_matched_by_identity_whatever_their_order(content):
    old, new = copy.deepcopy(content), copy.deepcopy(content)
    indicators = new["directions"]["environment"]["indicators"]
    indicators.reverse()  # moved, unchanged
    removed = indicators.pop()
    added = copy.deepcopy(indicators[0]) | {"uid": "a-new-one", "id": None}
    added["name"] = {"kk": "Жаңа", "ru": "Новый показатель", "en": "New"}
    indicators.append(added)
    found = changes(old, new)["indicators-environment"]
    kinds = {(c.kind, c.label.split(" · ")[0]) for c in found}
    assert ("removed", removed["name"]["ru"]) in kinds
    assert ("added", "Новый показатель") in kinds
    assert {c.label.split(" · ")[0] for c in found} == {removed["name"]["ru"], "Новый показатель"}


def test_unchanged_snapshots_have_no_changes_and_the_sections_keep_the_document_order(content):
    diff = snapshot_diff(content, copy.deepcopy(content), "kk")
    assert not any(section.changed for section in diff)
    slugs = [section.slug for section in diff]
    assert slugs.index("direction-creative_economy") < slugs.index("direction-human_development")
    assert slugs.index("direction-human_development") < slugs.index("direction-environment")
    assert slugs.index("direction-smartcity") < slugs.index("direction-urban_planning")


def test_the_blocks_of_rich_text_are_read_in_order_with_their_place():
    with translation.override("en"):
        blocks = html_blocks("<p>а<br>б</p>текст<ol><li>1</li></ol><h3>Итог</h3>")
    assert blocks == [
        ("paragraph 1", "а б"),
        ("paragraph 2", "текст"),
        ("item 1", "1"),
        ("paragraph 3", "Итог"),
    ]


def test_a_word_diff_escapes_what_it_shows():
    assert (
        str(word_diff("<b>a</b> x", "<b>a</b> y"))
        == "&lt;b&gt;a&lt;/b&gt; <del>x</del> <ins>y</ins>"
    )


def test_the_diff_page_shows_each_change_with_its_label(client, almaty):
    bring(almaty, "returned")
    vision = almaty.vision
    content_update(
        actor=user("almaty.editor"), row=vision, expected_version=vision.version,
        changes={"text_ru": vision.text_ru + "<p>Новый абзац о связи с «Казахстан-2050».</p>"},
    )  # fmt: skip
    through_hearings(almaty, user("almaty.editor"))
    client.force_login(user("ministry.reviewer"))
    with translation.override("en"):
        url = reverse("approvals:diff", args=[almaty.pk])
    html = client.get(url + "?from=1&to=2&lang=ru").content.decode()
    assert 'data-changed="true"' in html and "Новый абзац о связи" in html
    assert re.search(r"<dt>[^<]*абзац \d+", html)  # labels in the document's language
