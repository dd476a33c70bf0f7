"""The yearly monitoring report as PDF, read back with pdftotext: made through the same render
records, worker and storage as the strategy PDF, in Kazakh and in Russian, from the approved
edition only; asked for on its page's buttons by anyone who may read the report."""

import logging

import pytest
from django.urls import reverse
from django.utils import translation

from approvals.services import published_snapshot
from indicators.monitoring import YearStatus
from publishing import services
from publishing.models import Render
from publishing.pdf import build_report_pdf, report_html
from publishing.selectors import report_render_context
from tests.publishing.conftest import assert_fonts_declared_and_embedded, pdf_pages, stored_pdf

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return " ".join(text.split())


def report_pdf(django_capture_on_commit_callbacks, strategy, lang: str, year=2022) -> Render:
    with django_capture_on_commit_callbacks(execute=True):
        render = services.render_request(
            actor=None,
            strategy=strategy,
            snapshot=published_snapshot(strategy),
            language=lang,
            report_year=year,
        )
    render.refresh_from_db()
    return render


@pytest.mark.parametrize(
    ("lang", "title", "goal", "missed", "off_track"),
    [
        ("ru", "Отчёт о мониторинге за 2022 год", "ЦУР 11.", "План 2022 года не выполнен",
         "отстаёт от плана"),
        ("kk", "2022 жылғы мониторинг есебі", "ТДМ 11.", "2022 жылғы жоспар орындалмады",
         "жоспардан қалып отыр"),
    ],
)  # fmt: skip
def test_the_report_pdf_reads_as_its_page_in_kazakh_and_russian(
    almaty_approved, django_capture_on_commit_callbacks, files_on_disk, lang, title, goal, missed,
    off_track,
):  # fmt: skip
    render = report_pdf(django_capture_on_commit_callbacks, almaty_approved, lang)
    assert (render.kind, render.year, render.edition) == ("report", 2022, "approved")
    data = stored_pdf(render)
    pages = pdf_pages(data)
    text = flat(" ".join(pages))
    cover = flat(pages[0])
    assert title in cover and "45/312-VIII" in cover  # the approval it reports on
    assert published_snapshot(almaty_approved).content_hash in cover.replace(" ", "")
    assert goal in text and off_track in text and missed in text
    assert "ПРОЕКТ" not in text and "ЖОБА" not in text  # an approved edition's report
    # The VLR's numbers with a decimal comma (the housing built in 2021: 2 631,7 thousand m²).
    assert "631,7" in text and "631.7" not in text
    # The charts are in the HTML the PDF is made from, as the page shows them: the summary's two
    # and one per indicator with values up to the year.
    html = report_html(render.context, lang)
    reported = sum(
        1 for goal in render.context["report"]["goals"] for i in goal["indicators"] if i["years"]
    )
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == reported + 2 >= 13
    assert 'style="max-width: 100%; height: auto"' not in html  # print: charts at their size
    # The statuses in their order, after the context's round trip through the JSON column.
    summary = html.split('data-summary="year"', 1)[1].split("</ul>", 1)[0]
    order = [summary.index(f'data-status="{s}"') for s in YearStatus.values]
    assert order == sorted(order)
    assert_fonts_declared_and_embedded(data)


def test_the_same_report_is_made_once_and_another_year_is_another_pdf(
    almaty_approved, django_capture_on_commit_callbacks, files_on_disk
):
    first = report_pdf(django_capture_on_commit_callbacks, almaty_approved, "ru")
    again = report_pdf(django_capture_on_commit_callbacks, almaty_approved, "ru")
    other = report_pdf(django_capture_on_commit_callbacks, almaty_approved, "ru", year=2021)
    assert first.pk == again.pk and other.pk != first.pk
    assert "Отчёт о мониторинге за 2021 год" in flat(pdf_pages(stored_pdf(other))[0])


def ask(client, strategy, **data):
    with translation.override("ru"):
        url = reverse("publishing:request", args=[strategy.pk])
    return client.post(url, {"lang": "ru", **data}, HTTP_ACCEPT="application/json")


def test_anyone_asks_for_the_report_of_an_approved_edition_and_nothing_else(
    client,
    almaty_approved,
    almaty,
    almaty_editor,
    files_on_disk,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, almaty_approved, report_year=2022)
    assert response.status_code in (200, 202), response.content
    render = Render.objects.get(pk=response.json()["id"])
    assert render.kind == "report" and render.year == 2022
    download = client.get(response.json().get("download_url") or reverse(
        "publishing:download", args=[render.pk]
    ))  # fmt: skip
    assert download.status_code == 200
    assert "almaty-monitoring-report-2022-ru.pdf" in download["Content-Disposition"]

    # A year without values, a year out of bounds, a snapshot named with it: 400 at the field.
    for data, field in (
        ({"report_year": 2030}, "report_year"),
        ({"report_year": 1700}, "report_year"),
        ({"report_year": "abc"}, "report_year"),
        ({"report_year": 2022, "snapshot": 1}, "__all__"),
    ):
        response = ask(client, almaty_approved, **data)
        assert response.status_code == 400, data
        assert field in response.json()["details"], response.json()
    # A working copy has no report, for the public (it does not see it) or its editor: 404.
    assert ask(client, almaty, report_year=2022).status_code == 404
    client.force_login(almaty_editor)
    assert ask(client, almaty, report_year=2022).status_code == 404
    assert Render.objects.filter(kind="report").count() == 1


def test_the_charts_leave_the_workers_log_quiet(almaty_approved, caplog):
    """WeasyPrint warned once per SVG presentation property of each chart (thousands of lines per
    report, enough to block a worker whose log is a pipe); other warnings still pass."""
    context = report_render_context(
        almaty_approved, published_snapshot(almaty_approved), "ru", 2022
    )
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        build_report_pdf(context, "ru")
        logging.getLogger("weasyprint").warning("Ignored `colour: red` at 1:1, unknown property.")
    messages = [record.getMessage() for record in caplog.records]
    assert messages == ["Ignored `colour: red` at 1:1, unknown property."]
