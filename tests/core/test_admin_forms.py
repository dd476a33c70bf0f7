"""The Django admin beyond the strategy document: numbers typed as kk/ru readers write them
(`76,5` is 76.5, never 765), a value a database constraint would refuse refused at its field in
the reader's language (never the constraint's name), and the hearing protocol linked through the
view that checks who may read it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from approvals.models import Hearing, Route
from core.models import City, Organisation
from indicators.models import Indicator, SdgGoal
from tests.strategies.pages import submitted

pytestmark = pytest.mark.django_db


def url(name, *args, lang="en"):
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args)


def page_data(response, **changes) -> dict:
    """What the browser submits for an admin change page as shown (its inlines included), with
    some inputs (by their full name) changed."""
    data = submitted(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(submitted(formset.management_form))
        for form in formset.forms:
            data.update(submitted(form))
    return {**data, **changes}


@pytest.mark.parametrize(
    "page",
    [
        lambda: url("indicators_indicator_change", Indicator.objects.first().pk),
        lambda: url("indicators_sdggoal_change", SdgGoal.objects.first().pk),
        lambda: url("indicators_sdggoal_add"),
        lambda: url("approvals_route_change", Route.objects.first().pk),
    ],
    ids=["indicator", "sdg-goal", "new-sdg-goal", "route"],
)
def test_admin_pages_of_indicators_and_the_route_have_no_number_input(admin_client, almaty, page):
    html = admin_client.get(page()).content.decode()
    assert 'type="number"' not in html
    assert 'inputmode="numeric"' in html or 'inputmode="decimal"' in html


@pytest.mark.parametrize(("lang", "typed"), [("ru", "76,5"), ("kk", "76,5"), ("en", "76.5")])
def test_a_decimal_comma_in_the_indicator_admin_is_a_decimal_point(
    admin_client, almaty, lang, typed
):
    indicator = Indicator.objects.filter(direction__strategy=almaty).first()
    milestone = indicator.milestones.get(year=2030)
    change = url("indicators_indicator_change", indicator.pk, lang=lang)
    shown = admin_client.get(change)
    formset = next(
        i.formset
        for i in shown.context["inline_admin_formsets"]
        if i.formset.prefix == "milestones"
    )
    row = next(f for f in formset.forms if f.instance.pk == milestone.pk)
    response = admin_client.post(
        change,
        page_data(shown, baseline_value=typed, **{row.add_prefix("value"): typed}),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator.refresh_from_db()
    milestone.refresh_from_db()
    assert indicator.baseline_value == Decimal("76.5")
    assert milestone.value == Decimal("76.5")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "before the first milestone"),
        ("ru", "базов"),
        ("kk", "баз"),
    ],
)
def test_a_baseline_year_after_the_first_milestone_is_refused_at_the_field(
    admin_client, almaty, lang, words
):
    indicator = Indicator.objects.filter(direction__strategy=almaty).first()
    change = url("indicators_indicator_change", indicator.pk, lang=lang)
    response = admin_client.post(change, page_data(admin_client.get(change), baseline_year="2031"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["baseline_year"]
    [message] = form.errors["baseline_year"]
    assert words in message.lower() and "indicator_baseline" not in message
    indicator.refresh_from_db()
    assert indicator.baseline_year != 2031


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_second_akimat_of_a_city_is_refused_at_the_field(admin_client, lang):
    existing = Organisation.objects.filter(kind="city_akimat").first()
    response = admin_client.post(
        url("core_organisation_add", lang=lang),
        {"code": "second-akimat", "name_kk": "Әкімдік", "name_ru": "Акимат", "name_en": "Akimat",
         "kind": "city_akimat", "city": existing.city_id},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["kind"]
    assert "one_organisation" not in errors["kind"][0]
    assert not Organisation.objects.filter(code="second-akimat").exists()


def test_a_regional_centre_without_its_region_is_refused_at_the_field(admin_client):
    response = admin_client.post(
        url("core_city_add", lang="ru"),
        {"code": "new-city", "name_kk": "Қала", "name_ru": "Город", "name_en": "City",
         "category": "regional_centre", "settlements-TOTAL_FORMS": "0",
         "settlements-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "region" in errors and "city_region" not in errors["region"][0]
    assert not City.objects.filter(code="new-city").exists()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_second_stage_at_a_position_of_the_route_is_refused_at_the_field(admin_client, lang):
    route = Route.objects.first()
    change = url("approvals_route_change", route.pk, lang=lang)
    shown = admin_client.get(change)
    formset = shown.context["inline_admin_formsets"][0].formset
    first, second = formset.forms[0], formset.forms[1]
    response = admin_client.post(
        change, page_data(shown, **{second.add_prefix("position"): str(first.instance.position)})
    )
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    errors = [f.errors for f in formset.forms if f.errors]
    assert errors and all("one_stage" not in str(e) for e in errors)
    assert any("position" in e for e in errors)


def test_the_hearing_protocol_links_to_the_protected_view_not_to_media(admin_client):
    hearing = Hearing.objects.exclude(protocol="").first()
    assert hearing is not None
    html = admin_client.get(url("approvals_hearing_change", hearing.pk)).content.decode()
    strategy = hearing.stage_run.process.strategy_id
    with translation.override("en"):
        protected = reverse("approvals:protocol", args=[strategy, hearing.pk])
    assert f'href="{protected}"' in html
    assert "/media/" not in html and hearing.protocol.name not in html
    assert admin_client.get(protected).status_code == 200
