"""The 2025 smart-city reference standard: the city's group, the base list by year, the advisory
checks, and out-of-range values refused at the field in kk, ru and en."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.models import City
from strategies.base_list import base_list_update, read_base_list_file
from strategies.compliance import compliance_check
from strategies.editor import PAGES
from strategies.models import RoadmapItem, SmartCityInitiative, SphereAssessment, smartcity_group
from strategies.selectors import strategy_document

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "group"),
    [("capital", "republican"), ("republican", "republican"), ("regional_centre", "regional")],
)
def test_the_group_follows_the_city_category(category, group):
    city = City.objects.filter(category=category).first()
    assert smartcity_group(city) == group


def test_a_settlement_of_no_methodology_category_is_of_district_significance():
    assert smartcity_group(City(category="district_centre")) == "district"


def test_the_group_is_shown_in_the_document(client, almaty_approved):
    with translation.override("ru"):
        from strategies.document_json import document_dump
        from strategies.rendering import document_view

        view = document_view(document_dump(almaty_approved), "ru")
    assert view["smartcity"]["group"] == "город республиканского значения"


CSV = (
    "code,sphere,groups,name_kk,name_ru,name_en\n"
    "gov-e-akimat,governance,republican regional district,e-әкімдік,e-акимат,e-akimat\n"
    "gov-ai-assistant,governance,republican,ЖИ көмекшісі,ИИ-ассистент акимата,AI assistant\n"
)


def test_a_yearly_update_keeps_the_earlier_year(almaty_editor):
    before = set(SmartCityInitiative.objects.of_year(2025).values_list("code", flat=True))
    assert len(before) == 30
    base_list_update(actor=almaty_editor, year=2026, rows=read_base_list_file(CSV.encode()))
    assert set(SmartCityInitiative.objects.of_year(2025).values_list("code", flat=True)) == before
    assert set(SmartCityInitiative.objects.of_year(2026).values_list("code", flat=True)) == {
        "gov-e-akimat",
        "gov-ai-assistant",
    }
    added = SmartCityInitiative.objects.get(code="gov-ai-assistant")
    assert (added.catalogue_year, added.groups, added.name_kk) == (
        2026,
        ["republican"],
        "ЖИ көмекшісі",
    )


def test_a_malformed_base_list_file_is_refused_with_nothing_written(almaty_editor):
    with pytest.raises(ValidationError):
        base_list_update(
            actor=almaty_editor,
            year=2026,
            rows=read_base_list_file(
                CSV.replace("governance,republican,", "space,republican,").encode()
            ),
        )
    assert not SmartCityInitiative.objects.filter(code="gov-ai-assistant").exists()


def results(strategy):
    report = compliance_check(strategy_document(strategy.pk))
    return {r.check.code: r for r in report.results if r.check.code.startswith("smartcity.")}


def test_the_demo_passes_the_advisory_checks(almaty):
    assert all(r.passed for r in results(almaty).values())


def test_an_initiative_not_planned_without_reason_or_missing_fails(almaty):
    almaty.roadmap.filter(initiative__code="infra-public-wifi").delete()
    findings = results(almaty)["smartcity.base_list"].findings
    assert (len(findings) == 1 and "Wi-Fi" in findings[0].message) or len(findings) == 1


def test_an_initiative_not_planned_needs_its_reason_in_both_languages(almaty):
    item = almaty.roadmap.filter(status="not_planned").first()
    assert results(almaty)["smartcity.base_list"].passed
    RoadmapItem.objects.filter(pk=item.pk).update(reason_kk="", reason_ru="", reason_en="")
    check = results(almaty)["smartcity.base_list"]
    assert not check.passed
    [finding] = check.findings
    assert finding.anchor == f"roadmap-{item.pk}"
    RoadmapItem.objects.filter(pk=item.pk).update(reason_kk="Қаржы жоқ", reason_ru="Нет средств")
    assert results(almaty)["smartcity.base_list"].passed


def test_an_initiative_of_the_base_list_missing_from_the_road_map_fails(almaty):
    almaty.roadmap.filter(initiative__code="infra-public-wifi").delete()
    with translation.override("en"):
        [finding] = results(almaty)["smartcity.base_list"].findings
    assert "Wi-Fi" in finding.message


def test_a_deadline_after_2050_or_no_responsible_body_fails(almaty):
    item = almaty.roadmap.filter(status="planned").first()
    RoadmapItem.objects.filter(pk=item.pk).update(deadline=date(2051, 1, 1))
    assert not results(almaty)["smartcity.roadmap"].passed
    RoadmapItem.objects.filter(pk=item.pk).update(
        deadline=date(2030, 1, 1), responsible_kk="", responsible_ru="", responsible_en=""
    )
    assert [f.anchor for f in results(almaty)["smartcity.roadmap"].findings] == [
        f"roadmap-{item.pk}"
    ]


def test_a_sphere_not_assessed_this_year_fails(almaty):
    SphereAssessment.objects.filter(strategy=almaty, sphere="safety", year__gt=2025).delete()
    assert not results(almaty)["smartcity.assessment"].passed


MESSAGES = {
    "kk": ("тандау", "0"),
    "ru": ("вариант", "0"),
    "en": ("choice", "0"),
}


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_level_9_and_cost_minus_5_are_refused_at_the_field(lang, almaty):
    assessments, roadmap = PAGES["smartcity"]
    with translation.override(lang):
        form = assessments.form_class()(
            {"a-year": "2026", "a-sphere": "ecology", "a-level": "9", "a-comment_kk": "x"},
            instance=SphereAssessment(strategy=almaty),
            prefix="a",
        )
        assert not form.is_valid()
        level_error = form.errors["level"][0]
        form = roadmap.form_class()(
            {"r-title_kk": "Жоба", "r-title_ru": "Проект", "r-sphere": "ecology",
             "r-status": "planned", "r-cost": "-5"},
            instance=RoadmapItem(strategy=almaty),
            prefix="r",
            choices={"initiative": [("", "—")]},
        )  # fmt: skip
        assert not form.is_valid()
        cost_error = form.errors["cost"][0]
    word, limit = MESSAGES[lang]
    assert "9" in level_error and word in level_error.lower()
    assert limit in cost_error and "constraint" not in cost_error.lower()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_second_assessment_of_a_sphere_for_a_year_is_refused_at_the_field(lang, almaty):
    assessments, _roadmap = PAGES["smartcity"]
    existing = almaty.sphere_assessments.order_by("-year").first()
    with translation.override(lang):
        form = assessments.form_class()(
            {"a-year": str(existing.year), "a-sphere": existing.sphere, "a-level": "3"},
            instance=SphereAssessment(strategy=almaty),
            prefix="a",
        )
        assert not form.is_valid()
    assert list(form.errors) == ["sphere"]
    assert "one_assessment" not in form.errors["sphere"][0]


def admin_url(name, lang="en"):
    from django.urls import reverse

    with translation.override(lang):
        return reverse(f"admin:strategies_smartcityinitiative_{name}")


def test_the_yearly_update_in_the_admin_shows_a_preview_then_saves_on_confirmation(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("list-2026.csv", CSV.encode(), content_type="text/csv")
    response = admin_client.post(admin_url("yearly_update"), {"year": "2026", "file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and "gov-ai-assistant" in page
    assert not SmartCityInitiative.objects.filter(code="gov-ai-assistant").exists()  # preview
    payload = response.context["payload"]
    response = admin_client.post(admin_url("yearly_update"), {"payload": payload, "confirm": "1"})
    assert response.status_code == 302
    assert SmartCityInitiative.objects.of_year(2026).count() == 2
    assert SmartCityInitiative.objects.of_year(2025).count() == 30
    forged = payload[:-3] + ("AAA" if not payload.endswith("AAA") else "BBB")
    response = admin_client.post(admin_url("yearly_update"), {"payload": forged, "confirm": "1"})
    assert response.status_code == 400


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_an_initiative_leaving_before_it_entered_is_refused_at_the_field(admin_client, lang):
    initiative = SmartCityInitiative.objects.get(code="gov-open-data")
    from django.urls import reverse

    with translation.override(lang):
        url = reverse("admin:strategies_smartcityinitiative_change", args=[initiative.pk])
        response = admin_client.post(
            url,
            {"code": initiative.code, "sphere": initiative.sphere, "name_kk": "а", "name_ru": "б",
             "name_en": "c", "catalogue_year": "2026", "year_left": "2026", "for_republican": "on"},
            HTTP_ACCEPT_LANGUAGE=lang,
        )  # fmt: skip
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["year_left"]
    assert "initiative_leaves" not in errors["year_left"][0]
    SmartCityInitiative.objects.get(pk=initiative.pk, year_left=None)


def test_road_map_monitoring_follows_the_item_into_the_amendment_and_leaves_the_snapshot(
    almaty_editor, almaty_approved, almaty
):
    from decimal import Decimal

    from approvals.models import Snapshot
    from core.exceptions import InvalidInput
    from strategies.roadmap_monitoring import roadmap_progress_of, roadmap_progress_record

    snapshot = Snapshot.objects.filter(strategy=almaty_approved).order_by("-number").first()
    content_before = snapshot.content
    item = almaty_approved.roadmap.get(initiative__code="gov-open-data")
    year = date.today().year
    roadmap_progress_record(
        actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=year,
        status="in_progress", spent=Decimal("300.5"),
    )  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        roadmap_progress_record(
            actor=almaty_editor, strategy=almaty_approved, item_uid=item.uid, year=year,
            status="done", spent=Decimal("-5"),
        )  # fmt: skip
    assert list(refused.value.details) == ["spent"]
    snapshot.refresh_from_db()
    assert snapshot.content == content_before
    amended = almaty.roadmap.get(initiative__code="gov-open-data")
    assert amended.uid == item.uid
    [recorded] = roadmap_progress_of(almaty)[amended.uid]
    assert (recorded.year, recorded.status, recorded.spent) == (
        year,
        "in_progress",
        Decimal("300.5"),
    )
