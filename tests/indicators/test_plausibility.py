"""The plausibility check of monitoring values: a value far outside what the indicator's
baseline, milestones and recorded years span, or a per cent outside 0-100, is a warning the
editor confirms (never a refusal): on the monitoring grid (re-shown at the field with a "save
anyway" box; saved with the confirmation, which the audit event records) and in the import's
preview (a warning per row, covered by confirming the import)."""

from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from core.audit_labels import describe_events
from core.models import AuditEvent
from indicators.imports.service import import_apply, import_upload
from indicators.models import Indicator, Milestone, YearlyValue
from indicators.numbers import PrintedNumber
from indicators.plausibility import References, check_year
from indicators.services import ImplausibleValues, YearInput, yearly_values_save

pytestmark = pytest.mark.django_db

INDEX = References({"ru": "индекс"}, (Decimal("-0.25"), Decimal(0)), {})


def test_a_value_ten_times_outside_the_references_is_implausible():
    found = check_year(INDEX, 2026, {"plan": Decimal("76.5"), "actual": Decimal(80)})
    assert [(w.field, w.value) for w in found] == [("plan", Decimal("76.5")), ("actual", 80)]
    # The scale is 0,25: from -2,75 to 2,5 passes.
    assert not check_year(INDEX, 2026, {"plan": Decimal("2.5"), "actual": Decimal("-2.75")})
    assert check_year(INDEX, 2026, {"plan": Decimal("2.51")})
    assert not check_year(INDEX, 2026, {"plan": None, "actual": None})


def test_recorded_years_widen_the_range_but_not_the_years_own_value():
    refs = References({}, (Decimal(100),), {2024: (Decimal(900),), 2026: (Decimal(1),)})
    assert not check_year(refs, 2026, {"actual": Decimal(9000)})  # 900 recorded in 2024
    assert check_year(refs, 2026, {"actual": Decimal(-9000)})


def test_a_per_cent_outside_0_to_100_is_implausible_whatever_the_references():
    refs = References({"kk": "%"}, (Decimal(40), Decimal(60)), {})
    (warning,) = check_year(refs, 2026, {"plan": Decimal(101), "actual": Decimal(100)})
    assert warning.field == "plan"
    assert check_year(References({"ru": "процент"}, (), {}), 2026, {"actual": Decimal(-1)})


def test_no_reference_or_only_zeros_gives_no_scale():
    assert not check_year(References({}, (), {}), 2026, {"plan": Decimal(10**9)})
    assert not check_year(References({}, (Decimal(0),), {}), 2026, {"plan": Decimal(10**9)})


@pytest.fixture
def index(almaty_approved) -> Indicator:
    """An index with a baseline of -0,25 and a 2030 milestone of 0, no year recorded."""
    indicator = Indicator.objects.filter(direction__strategy=almaty_approved).first()
    Indicator.objects.filter(pk=indicator.pk).update(
        baseline_value=Decimal("-0.25"), baseline_year=2023, unit_ru="индекс", unit_kk="индекс"
    )
    indicator.milestones.all().delete()
    Milestone.objects.create(indicator=indicator, year=2030, value=0)
    YearlyValue.objects.filter(indicator_uid=indicator.uid).delete()
    return Indicator.objects.get(pk=indicator.pk)


def grid_url(strategy, indicator, lang):
    with translation.override(lang):
        return reverse("indicators:indicator", args=[strategy.pk, indicator.pk])


def grid_post(client, strategy, indicator, lang="ru", **extra):
    data = {
        "years-TOTAL_FORMS": 1, "years-INITIAL_FORMS": 0,
        "years-0-year": "2026", "years-0-plan": "76,5", "years-0-actual": "80",
        **{f"years-0-{key}": value for key, value in extra.items()},
    }  # fmt: skip
    return client.post(grid_url(strategy, indicator, lang), data)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_grid_warns_at_the_field_and_saves_nothing_until_confirmed(
    client, almaty_editor, almaty_approved, index, lang
):
    client.force_login(almaty_editor)
    response = grid_post(client, almaty_approved, index, lang)
    assert response.status_code == 400
    assert not YearlyValue.objects.filter(indicator_uid=index.uid).exists()
    (form,) = response.context["formset"].forms
    assert set(form.warnings) == {"plan", "actual"}
    html = unescape(response.content.decode())
    assert form.warnings["plan"][0] in html and "data-plausibility" in html
    assert 'name="years-0-confirm"' in html  # the "save anyway" box
    with translation.override(lang):
        expected = check_year(INDEX, 2026, {"plan": Decimal("76.5")})[0].message
    assert form.warnings["plan"][0] == expected
    assert ("ten times" in expected) == (lang == "en")  # said in the reader's language


def test_the_grid_saves_a_confirmed_value_and_the_audit_says_so(
    client, almaty_editor, almaty_approved, index
):
    client.force_login(almaty_editor)
    response = grid_post(client, almaty_approved, index, confirm="on")
    assert response.status_code == 302
    value = YearlyValue.objects.get(indicator_uid=index.uid, year=2026)
    assert (value.plan, value.actual) == (Decimal("76.5"), Decimal(80))
    event = AuditEvent.objects.filter(event_type="monitoring.value_created").latest("created_at")
    assert event.extra["implausible_confirmed"] == ["plan", "actual"]
    # The history reads it in the reader's language.
    for lang, said in (
        ("en", "implausible values confirmed: plan, actual"),
        ("ru", "подтверждены"),
    ):
        with translation.override(lang):
            (described,) = describe_events([event])
        assert said in described.sentence


def test_a_plausible_value_needs_no_confirmation_and_records_none(
    client, almaty_editor, almaty_approved, index
):
    client.force_login(almaty_editor)
    response = grid_post(client, almaty_approved, index, plan="-0,1", actual="0,2")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(event_type="monitoring.value_created").latest("created_at")
    assert "implausible_confirmed" not in event.extra


def test_the_service_refuses_unconfirmed_implausible_values(almaty_editor, almaty_approved, index):
    # Plan 76,5 and actual 0 miss the plan: the deviation is explained, only the warning stays.
    row = YearInput(
        year=2026,
        plan=PrintedNumber(Decimal("76.5")),
        actual=PrintedNumber(Decimal(0)),
        explanation={"ru": "Оценка"},
    )
    with pytest.raises(ImplausibleValues) as refused:
        yearly_values_save(
            actor=almaty_editor, strategy=almaty_approved, indicator=index, rows=[row]
        )
    assert refused.value.code == "implausible"
    assert list(refused.value.details["year_2026"]) == ["plan"]
    assert not YearlyValue.objects.filter(indicator_uid=index.uid).exists()


def test_the_import_preview_warns_per_row_and_its_confirmation_covers_them(
    almaty_editor, almaty_approved, index
):
    csv = (
        "indicator,unit,sdg_target,year,plan,fact\n"
        f'{index.name_ru},индекс,,2026,"76,5",80\n'
        f'{index.name_ru},индекс,,2025,"-0,2","-0,1"\n'
    ).encode()
    with translation.override("ru"):
        upload, plan = import_upload(
            actor=almaty_editor, strategy=almaty_approved, data=csv, filename="t.csv"
        )
    assert not plan.errors, [str(p) for p in plan.errors]
    implausible = [p for p in plan.warnings if "76,5" in p.message or "80" in p.message]
    assert len(implausible) == 2 and all(p.where is not None for p in implausible)
    assert "2" in str(implausible[0].where)  # the file's row 2
    (entry,) = plan.indicators
    by_year = {value.year: value for value in entry.values}
    assert [w.field for w in by_year[2026].implausible] == ["plan", "actual"]
    assert not by_year[2025].implausible
    assert not YearlyValue.objects.filter(indicator_uid=index.uid).exists()  # a preview

    import_apply(actor=almaty_editor, upload=upload)
    assert YearlyValue.objects.get(indicator_uid=index.uid, year=2026).plan == Decimal("76.5")
    events = {
        e.extra["year"]: e.extra
        for e in AuditEvent.objects.filter(event_type="monitoring.value_created")
        if e.extra.get("indicator") == str(index.uid)
    }
    assert events[2026]["implausible_confirmed"] == ["plan", "actual"]
    assert "implausible_confirmed" not in events[2025]


def test_the_import_preview_page_shows_the_warning_at_its_row(
    client, almaty_editor, almaty_approved, index
):
    client.force_login(almaty_editor)
    csv = f'indicator,unit,sdg_target,year,plan,fact\n{index.name_ru},индекс,,2026,"76,5",\n'
    upload, _plan = import_upload(
        actor=almaty_editor, strategy=almaty_approved, data=csv.encode(), filename="t.csv"
    )
    with translation.override("kk"):
        path = reverse("indicators:import_preview", args=[almaty_approved.pk, upload.pk])
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    row = html.split('data-year="2026"', 1)[1].split("</tr>", 1)[0]
    assert "data-plausibility" in row
