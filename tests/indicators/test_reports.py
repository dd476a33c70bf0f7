"""The yearly monitoring report of an approved edition (a Voluntary Local Review, Almaty's 2023 VLR
the model): the year bounded to the years with values, the summary, the SDG goals with each
indicator's table, status, explanation and chart, numbers in the reader's format, who reads it,
and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from approvals.services import published_snapshot
from core.models import User
from indicators.models import Indicator, YearlyValue
from indicators.numbers import PrintedNumber
from indicators.reports import monitoring_report, report_years
from indicators.services import YearInput, yearly_values_save

pytestmark = pytest.mark.django_db
RECYCLING = "Доля переработки и утилизации ТБО"
NBSP = "\u00a0"


def report_url(strategy, lang="ru", year=None) -> str:
    with translation.override(lang):
        url = reverse("indicators:report", args=[strategy.pk])
    return url if year is None else f"{url}?year={year}"


def article(html: str, name: str) -> str:
    """The report's article of the indicator whose heading starts with `name`."""
    for part in html.split('<article class="report-indicator"')[1:]:
        if f"<h3>{name}" in part:
            return part.split("</article>", 1)[0]
    raise AssertionError(f"no article for {name}")


def test_the_report_shows_sdg11_with_tables_statuses_explanations_and_charts(
    client, almaty_approved
):
    response = client.get(report_url(almaty_approved, year=2022))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Отчёт о мониторинге за 2022 год" in html
    sdg11 = html.split('id="goal-11"', 1)[1].split("</section>", 1)[0]
    assert "ЦУР 11. " in sdg11
    recycling = article(sdg11, RECYCLING)
    # The VLR's values up to the year, with the year's status and the missing explanation.
    assert 'data-year="2022" data-row="actual">18<' in recycling
    assert 'data-year="2023"' not in recycling  # the report of 2022 stops at 2022
    assert 'data-kind="year">отстаёт от плана<' in recycling
    assert 'data-kind="progress">в графике<' in recycling
    assert "План 2022 года не выполнен, а пояснение не внесено." in recycling
    # Its chart: an accessible SVG with the Russian labels and the numbers in Russian format.
    chart = recycling.split('<figure class="chart-figure">', 1)[1]
    assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
    assert "факт" in chart.lower() and "9,96" in chart
    housing = article(sdg11, "Общая площадь введённых в эксплуатацию жилых зданий")
    assert f"2{NBSP}631,7" in housing  # decimal comma, no-break thousands
    assert 'data-kind="year">выполнено<' in housing


def test_the_summary_counts_every_indicator_by_status_direction_and_goal(client, almaty_approved):
    report = monitoring_report(almaty_approved, 2022, "ru")
    total = Indicator.objects.filter(direction__strategy=almaty_approved).count()
    assert report["summary"]["total"] == total == 33
    assert sum(report["summary"]["year"].values()) == total
    assert sum(report["summary"]["progress"].values()) == total
    assert sum(d["counts"]["total"] for d in report["directions"]) == total
    assert sum(g["counts"]["total"] for g in report["goals"]) == total
    sdg11 = next(g for g in report["goals"] if g["number"] == 11)
    statuses = {i["name"]: i["status"] for i in sdg11["indicators"]}
    assert statuses[next(n for n in statuses if n.startswith(RECYCLING))] == "off_track"
    html = client.get(report_url(almaty_approved, year=2022)).content.decode()
    summary = html.split('data-summary="year"', 1)[1].split("</ul>", 1)[0]
    for status, count in report["summary"]["year"].items():
        assert f'data-status="{status}">' in summary
        assert f'<span class="count">{count}</span>' in summary
        assert f'<td data-status="{status}">{sdg11["counts"]["year"][status]}</td>' in html
    assert report["goals"][-1]["number"] == 0  # indicators without a goal come last


def test_the_year_is_one_with_values_and_opens_on_the_last_actual(client, almaty_approved):
    assert report_years(almaty_approved) == list(range(2019, 2026))
    html = client.get(report_url(almaty_approved)).content.decode()
    assert '<option value="2022" selected>' in html  # the last year with an actual value
    assert '<option value="2025">' in html and '<option value="2018"' not in html
    for wrong in ("2018", "2026", "abc", "2022.5", "<script>"):
        response = client.get(report_url(almaty_approved) + f"?year={wrong}")
        assert response.status_code == 400, wrong
        assert 'role="alert"' in response.content.decode()


def test_numbers_follow_the_readers_language(client, almaty_approved):
    kk = client.get(report_url(almaty_approved, "kk", 2022)).content.decode()
    en = client.get(report_url(almaty_approved, "en", 2022)).content.decode()
    assert "2022 жылғы мониторинг есебі" in kk and "ТДМ 11. " in kk
    assert f"2{NBSP}631,7" in kk
    assert "Monitoring report 2022" in en and "SDG 11. " in en
    assert "2,631.7" in en


def test_the_report_of_an_earlier_year_judges_that_year(client, almaty_approved):
    report = monitoring_report(almaty_approved, 2020, "ru")
    sdg11 = next(g for g in report["goals"] if g["number"] == 11)
    for item in sdg11["indicators"]:
        assert all(row["year"] <= 2020 for row in item["years"])
        assert item["progress"]["current_year"] in (None, 2019, 2020)


def test_only_an_approved_edition_has_a_report(client, almaty, almaty_editor, karaganda):
    # The amendment's working copy and Karaganda's draft: no report, for anyone (404).
    assert client.get(report_url(almaty)).status_code == 404
    assert client.get(report_url(karaganda)).status_code == 404
    client.force_login(almaty_editor)
    assert client.get(report_url(almaty)).status_code == 404
    assert client.get(report_url(almaty) + "?year=2022").status_code == 404


def test_the_report_is_linked_from_the_monitoring_page_and_the_public_edition(
    client, almaty_approved
):
    report = report_url(almaty_approved)
    with translation.override("ru"):
        monitoring = reverse("indicators:monitoring", args=[almaty_approved.pk])
        edition = reverse("approvals:edition", args=[almaty_approved.pk])
    assert f'href="{report}" data-link="report"' in client.get(monitoring).content.decode()
    assert f'href="{report}" data-link="report"' in client.get(edition).content.decode()


def test_the_report_reads_in_a_fixed_number_of_queries(almaty_approved):
    with CaptureQueriesContext(connection) as queries:
        monitoring_report(almaty_approved, 2022, "kk")
    assert len(queries) <= 4, [q["sql"][:100] for q in queries]


def test_the_page_offers_the_report_as_pdf_in_kazakh_and_russian(client, almaty_approved):
    html = client.get(report_url(almaty_approved, year=2021)).content.decode()
    assert 'name="report_year" value="2021"' in html
    assert "PDF (қазақша)" in html and "PDF (русский)" in html
    assert published_snapshot(almaty_approved) is not None


def test_without_recorded_values_there_is_no_report_to_choose(client, almaty_approved):
    YearlyValue.objects.filter(city=almaty_approved.city).delete()
    response = client.get(report_url(almaty_approved))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-empty" in html and 'name="report_year"' not in html
    assert client.get(report_url(almaty_approved, year=2022)).status_code == 400


def test_the_page_reads_in_a_bounded_number_of_queries(client, almaty_approved):
    client.get(report_url(almaty_approved, year=2022))  # the charts drawn once, then cached
    with CaptureQueriesContext(connection) as queries:
        response = client.get(report_url(almaty_approved, year=2021))
    assert response.status_code == 200
    # The strategy, its visibility, its approving process and snapshot, the years, the default
    # year, the indicators, their milestones and their values: none per indicator or year.
    assert len(queries) <= 10, [q["sql"][:100] for q in queries]


def test_an_explanation_reads_in_the_readers_language_or_its_fallback(client, almaty_approved):
    editor = User.objects.get(username="almaty.editor")
    recycling = Indicator.objects.get(
        direction__strategy=almaty_approved, name_ru__startswith=RECYCLING
    )
    stored = YearlyValue.objects.get(indicator_uid=recycling.uid, year=2022)
    yearly_values_save(
        actor=editor, strategy=almaty_approved, indicator=recycling,
        rows=[YearInput(year=2022, plan=PrintedNumber(stored.plan), actual=PrintedNumber(stored.actual),
                        explanation={"kk": "Сұрыптау кешендері 2023 жылы іске қосылады.",
                                     "ru": "Сортировочные комплексы вводятся в 2023 году."},
                        version=stored.version)],
    )  # fmt: skip
    kk = client.get(report_url(almaty_approved, "kk", 2022)).content.decode()
    en = client.get(report_url(almaty_approved, "en", 2022)).content.decode()
    assert "Сұрыптау кешендері 2023 жылы іске қосылады." in kk
    assert "Сортировочные комплексы вводятся в 2023 году." in en  # English falls back on Russian
    assert "no explanation has been recorded" not in en  # the one plan missed in 2022
