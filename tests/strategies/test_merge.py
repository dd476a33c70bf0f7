"""The three-way merge of a stale save, for every kind of field an editor page holds: what the
later editor did not touch keeps the earlier editor's value; a field both changed is a clash
shown to the later editor; saving the merged form as shown keeps both changes."""

from datetime import date
from decimal import Decimal

import pytest

from core.models import Membership, Organisation, User
from indicators.models import Indicator, SdgTarget
from strategies import forms as editor_forms
from strategies.editor import PAGES
from strategies.models import HigherLevelDocument, SmartCityInitiative
from strategies.services import EditConflict, conflict_merge, content_move, content_update
from tests.strategies.pages import bound_form, post_form, shown_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy(db):
    """A second city editor of Almaty."""
    user = User.objects.create_user("almaty.deputy", first_name="Айгерім", last_name="Сәрсенова")
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(code="city-akimat-almaty"),
        role=Membership.Role.CITY_EDITOR,
    )
    return user


@pytest.fixture
def clients(client, django_user_model, almaty_editor, deputy):
    """The first editor (A) and the deputy (B), each signed in on their own client."""
    from django.test import Client

    first, second = client, Client()
    first.force_login(almaty_editor)
    second.force_login(deputy)
    return first, second


def _indicator(s):
    return Indicator.objects.filter(direction__strategy=s, direction__kind=3).first()


def _unticked_initiative(row):
    return str(SmartCityInitiative.objects.filter(active=True).exclude(pk=row.initiative_id)[0].pk)


def _other_sdg(row):
    return SdgTarget.objects.exclude(pk=row.sdg_target_id).first().code


# (page, part, row of the list or None for the section, field A changes, what A types (a
# function of the row for choices), how the stored value reads back).
CASES = {
    "many-to-many choices": (
        "vision", "vision", None, "documents",
        lambda row: [str(d.pk) for d in HigherLevelDocument.objects.all()][:2],
        lambda row: sorted(row.documents.values_list("pk", flat=True)),
    ),
    "many-to-many settlements": (
        "general", "strategy", None, "settlements",
        lambda row: [str(row.city.settlements.order_by("pk").first().pk)],
        lambda row: list(row.settlements.values_list("pk", flat=True)),
    ),
    "milestone": (
        "indicators-environment", "indicators", _indicator, "year_2030", lambda row: "3,5",
        lambda row: row.milestones.get(year=2030).value,
    ),
    "series cell": (
        "series", "series", lambda s: s.series.order_by("pk").first(), "year_2020",
        lambda row: "7,2", lambda row: row.values.get(year=2020).value,
    ),
    "decimal": (
        "indicators-environment", "indicators", _indicator, "baseline_value",
        lambda row: "2 401,4", lambda row: row.baseline_value,
    ),
    "year": (
        "indicators-environment", "indicators", _indicator, "baseline_year",
        lambda row: "2019", lambda row: row.baseline_year,
    ),
    "boolean": (
        "indicators-environment", "indicators", _indicator, "comparable",
        lambda row: "" if row.comparable else "on", lambda row: row.comparable,
    ),
    "select": (
        "indicators-environment", "indicators", _indicator, "good_direction",
        lambda row: "down" if row.good_direction == "up" else "up",
        lambda row: row.good_direction,
    ),
    "catalogue code": (
        "indicators-environment", "indicators", _indicator, "sdg_target", _other_sdg,
        lambda row: row.sdg_target.code,
    ),
    "whole number": (
        "institutions", "institutions", lambda s: s.institutions.order_by("pk").first(),
        "students", lambda row: "12 345", lambda row: row.students,
    ),
    "date": (
        "evidence", "evidence", lambda s: s.evidence.order_by("pk").first(), "held_on",
        lambda row: "2024-02-29", lambda row: row.held_on.isoformat(),
    ),
    "select of a section": (
        "mechanism", "mechanism", None, "reporting_frequency",
        lambda row: "quarterly" if row.reporting_frequency != "quarterly" else "annual",
        lambda row: row.reporting_frequency,
    ),
    "level": (
        "smartcity", "assessments", lambda s: s.sphere_assessments.order_by("pk").first(),
        "level", lambda row: str(row.level % 5 + 1), lambda row: str(row.level),
    ),
    "foreign key select": (
        "smartcity", "roadmap", lambda s: s.roadmap.order_by("pk").first(), "initiative",
        _unticked_initiative, lambda row: row.initiative_id,
    ),
    "money": (
        "smartcity", "roadmap", lambda s: s.roadmap.order_by("pk").first(), "cost",
        lambda row: "1 234,5", lambda row: row.cost,
    ),
    "deadline": (
        "smartcity", "roadmap", lambda s: s.roadmap.order_by("pk").first(), "deadline",
        lambda row: "2031-12-31", lambda row: row.deadline.isoformat(),
    ),
    "many-to-many indicators an item moves": (
        "smartcity", "roadmap", lambda s: s.roadmap.exclude(status="not_planned").order_by("pk").first(),
        "indicators",
        lambda row: [
            str(i.pk)
            for i in Indicator.objects.filter(direction__strategy=row.strategy, direction__kind=4)
            .exclude(pk__in=row.indicators.all())[:1]
        ],
        lambda row: sorted(row.indicators.values_list("pk", flat=True)),
    ),
    "many-to-many problems": (
        "direction-environment", "solutions",
        lambda s: s.directions.get(kind=3).solutions.order_by("pk").first(), "problems",
        lambda row: [str(row.direction.problems.order_by("pk").last().pk)],
        lambda row: list(row.problems.values_list("pk", flat=True)),
    ),
    "rich text": (
        "direction-environment", "direction", None, "current_situation_ru",
        lambda row: "<p>Правка первого редактора</p>", lambda row: row.current_situation_ru,
    ),
    "quadrant": (
        "swot", "swot", lambda s: s.swot_items.filter(quadrant="threat").first(), "quadrant",
        lambda row: "weakness", lambda row: row.quadrant,
    ),
}  # fmt: skip


def _row(strategy, slug, part_name, select):
    if select is not None:
        return select(strategy)
    part = next(p for p in PAGES[slug] if p.name == part_name)
    return part.owner(strategy)


def _english_field(form) -> str:
    """A field B changes instead: the first English text of the form."""
    return next(name for name in form.fields if name.endswith("_en"))


@pytest.mark.parametrize("kind", list(CASES))
def test_a_stale_save_keeps_the_others_value_of_every_kind_of_field(almaty, clients, kind):
    slug, part_name, select, field, typed, stored = CASES[kind]
    first, second = clients
    row = _row(almaty, slug, part_name, select)
    many = select is not None
    seen_by_b = shown_form(second, almaty, slug, part_name, row if many else None)
    before = stored(row)

    # A changes the field and saves.
    seen_by_a = shown_form(first, almaty, slug, part_name, row if many else None)
    response = post_form(first, almaty, slug, seen_by_a, part_name, row, {field: typed(row)})
    assert response.status_code == 302, bound_form(response).errors
    row.refresh_from_db()
    after_a = stored(row)
    assert after_a != before

    # B, from the older page, changes only an English text: refused, merged, shown again.
    english = _english_field(seen_by_b)
    refused = post_form(second, almaty, slug, seen_by_b, part_name, row, {english: "B's words"})
    assert refused.status_code == 409
    merged = bound_form(refused)
    assert merged[english].value() == "B's words"
    taken = refused.context["conflict"]["taken"]
    assert field in {merged.field_of(shown.key) for shown in taken}

    # B saves the form as shown: A's value and B's text are both kept.
    saved = post_form(second, almaty, slug, merged, part_name, row)
    assert saved.status_code == 302, bound_form(saved).errors
    row.refresh_from_db()
    assert stored(row) == after_a
    assert getattr(row, english) == "B's words"


def test_every_kind_of_field_on_an_editor_page_is_covered_by_the_merge_test(almaty):
    """A new kind of input on an editor page needs its case above."""
    kinds = set()
    for parts in PAGES.values():
        for part in parts:
            choices = {name: source(almaty) for name, (_how, source) in part.choices.items()}
            form = part.form_class()(choices=choices, years=(2030,) if part.year_related else ())
            kinds |= {type(f) for name, f in form.fields.items() if name != "version"}
    covered = set()
    for slug, part_name, _select, field, _typed, _stored in CASES.values():
        part = next(p for p in PAGES[slug] if p.name == part_name)
        choices = {name: source(almaty) for name, (_how, source) in part.choices.items()}
        form = part.form_class()(choices=choices, years=(2020, 2030) if part.year_related else ())
        covered.add(type(form.fields[field]))
        covered.add(type(form.fields[_english_field(form)]))
    assert kinds - covered == set()
    assert editor_forms.DecimalNumberField in covered and editor_forms.YearField in covered


def test_a_move_by_one_editor_survives_a_stale_save_by_the_other(almaty, clients):
    _first, second = clients
    item = almaty.swot_items.filter(quadrant="threat").order_by("position", "id")[1]
    seen_by_b = shown_form(second, almaty, "swot", "swot", item)
    content_move(actor=User.objects.get(username="almaty.editor"), row=item, offset=-1)
    order = list(almaty.swot_items.filter(quadrant="threat").order_by("position", "id"))
    assert order[0] == item
    response = post_form(second, almaty, "swot", seen_by_b, "swot", item, {"text_en": "B"})
    assert response.status_code == 302
    assert list(almaty.swot_items.filter(quadrant="threat").order_by("position", "id")) == order


@pytest.mark.parametrize(
    ("slug", "part_name", "select", "field", "a_typed", "b_typed", "theirs_shown"),
    [
        ("indicators-environment", "indicators", _indicator, "year_2030", "3,5", "4", "3,5"),
        ("vision", "vision", None, "text_en", "<p>A</p>", "<p>B</p>", "A"),
        ("evidence", "evidence", lambda s: s.evidence.order_by("pk").first(), "held_on",
         "2024-01-10", "2024-01-11", "10.01.2024"),
    ],
)  # fmt: skip
def test_a_field_both_changed_is_a_clash_shown_with_the_others_value(
    almaty, clients, slug, part_name, select, field, a_typed, b_typed, theirs_shown
):
    first, second = clients
    row = _row(almaty, slug, part_name, select)
    many = select is not None
    seen_by_b = shown_form(second, almaty, slug, part_name, row if many else None)
    seen_by_a = shown_form(first, almaty, slug, part_name, row if many else None)
    assert post_form(first, almaty, slug, seen_by_a, part_name, row, {field: a_typed}).status_code == 302  # fmt: skip
    refused = post_form(second, almaty, slug, seen_by_b, part_name, row, {field: b_typed})
    assert refused.status_code == 409
    assert bound_form(refused)[field].value() == b_typed  # B's own value stays in the form
    [clash] = refused.context["conflict"]["clashes"]
    assert clash.text == theirs_shown
    assert 'data-merge="clashes"' in refused.content.decode()


def test_the_scenario_of_the_issue_documents_and_milestone_survive_an_english_edit(
    karaganda, karaganda_editor
):
    """Issue 7 item 2: A ticks two higher-level documents and raises a 2030 milestone from 3.0
    to 3.5; B, from the older version, changes only the English text; B's merge keeps both."""
    vision = karaganda.vision
    opened = vision.version
    two = list(HigherLevelDocument.objects.all()[:2])
    content_update(actor=karaganda_editor, row=vision, expected_version=opened, changes={},
                   m2m={"documents": two})  # fmt: skip
    with pytest.raises(EditConflict) as conflict:
        content_update(actor=karaganda_editor, row=vision, expected_version=opened,
                       changes={"text_en": "<p>Karaganda in 2050</p>"}, m2m={"documents": []})  # fmt: skip
    merge = conflict_merge(
        conflict.value, changes={"text_en": "<p>Karaganda in 2050</p>"}, m2m={"documents": []}
    )
    assert merge.values["documents"] == sorted(d.pk for d in two)
    assert merge.taken == {"documents": sorted(d.pk for d in two)} and not merge.clashes

    indicator = Indicator.objects.filter(direction__strategy=karaganda).first()
    content_update(actor=karaganda_editor, row=indicator, expected_version=indicator.version,
                   changes={}, year_values=("milestones", {2030: Decimal("3.0")}))  # fmt: skip
    indicator.refresh_from_db()
    opened = indicator.version
    content_update(actor=karaganda_editor, row=indicator, expected_version=opened, changes={},
                   year_values=("milestones", {2030: Decimal("3.5")}))  # fmt: skip
    inputs = {"changes": {"name_en": "Air quality"},
              "year_values": ("milestones", {2030: Decimal("3.0")})}  # fmt: skip
    with pytest.raises(EditConflict) as conflict:
        content_update(actor=karaganda_editor, row=indicator, expected_version=opened, **inputs)
    merge = conflict_merge(conflict.value, **inputs)
    assert merge.values["milestones.2030"] == "3.5" and merge.values["name_en"] == "Air quality"
    saved = content_update(
        actor=karaganda_editor,
        row=indicator,
        expected_version=conflict.value.current.version,
        changes={"name_en": "Air quality"},
        year_values=("milestones", {2030: Decimal(merge.values["milestones.2030"])}),
    )
    assert saved.milestones.get(year=2030).value == Decimal("3.5")
    assert saved.name_en == "Air quality"


def test_older_audit_values_with_trailing_zeros_merge_as_numbers(almaty, almaty_editor):
    """Events written before decimals were kept without trailing zeros ("3.0000") still read as
    the same number as what the form submits (3.0)."""
    from core.models import AuditEvent

    indicator = _indicator(almaty)
    opened = indicator.version
    content_update(actor=almaty_editor, row=indicator, expected_version=opened, changes={},
                   year_values=("milestones", {2030: Decimal("3.5")}))  # fmt: skip
    event = AuditEvent.objects.filter(target_id=indicator.pk, event_type="content.updated").get()
    old = event.extra["changes"]["milestones.2030"][0]
    event.extra["changes"]["milestones.2030"][0] = f"{Decimal(old):.4f}"
    AuditEvent.objects.filter(pk=event.pk).update(extra=event.extra)
    inputs = {"changes": {}, "year_values": ("milestones", {2030: Decimal(old)})}
    with pytest.raises(EditConflict) as conflict:
        content_update(actor=almaty_editor, row=indicator, expected_version=opened, **inputs)
    assert conflict_merge(conflict.value, **inputs).taken == {"milestones.2030": "3.5"}


def test_dates_of_the_merge_are_iso_in_the_audit_trail(almaty, almaty_editor):
    item = almaty.evidence.order_by("pk").first()
    saved = content_update(actor=almaty_editor, row=item, expected_version=item.version,
                           changes={"held_on": date(2024, 2, 29)})  # fmt: skip
    from core.models import AuditEvent

    event = AuditEvent.objects.get(target_id=saved.pk, event_type="content.updated")
    assert event.extra["changes"]["held_on"][1] == "2024-02-29"


def test_a_change_the_other_editor_undid_is_no_clash(almaty, almaty_editor):
    item = almaty.swot_items.first()
    opened, original = item.version, item.text_ru
    for text in ("Временная правка", original):
        item = content_update(actor=almaty_editor, row=item, expected_version=item.version,
                              changes={"text_ru": text})  # fmt: skip
    inputs = {"changes": {"text_ru": "Моя правка", "text_kk": item.text_kk}}
    with pytest.raises(EditConflict) as conflict:
        content_update(actor=almaty_editor, row=item, expected_version=opened, **inputs)
    merge = conflict_merge(conflict.value, **inputs)
    assert merge.values["text_ru"] == "Моя правка" and not merge.clashes and not merge.taken
