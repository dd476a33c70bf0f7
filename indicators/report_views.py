"""Browser views of the monitoring reports: the yearly report of an approved edition (a Voluntary
Local Review) and the ministry's comparison of cities on the p.26 catalogue indicators, with its
CSV. Thin: a form reads every request value with its bounds, a selector reads, a template shows."""

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from approvals.services import published_snapshot
from core.exceptions import PermissionDenied
from indicators import charts
from indicators.comparison import Comparison, Source, city_comparison, sees_submitted
from indicators.forms import ComparisonForm, ReportForm
from indicators.imports.table import looks_like_formula
from indicators.models import RecommendedIndicator, SdgGoal
from indicators.numbers import format_printed_number
from indicators.reports import (
    REPORT_STATES,
    default_report_year,
    monitoring_report,
    report_with_charts,
    report_years,
)
from indicators.views import _strategy
from strategies.models import DirectionKind


@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The yearly monitoring report of an approved edition (public as the edition is): a year
    chosen among the years with recorded values (400 for any other), the summary, then each SDG
    goal's indicators with their plan / actual table, status, explanation and chart."""
    strategy = _strategy(request, pk)
    if strategy.state not in REPORT_STATES:
        raise Http404
    snapshot = published_snapshot(strategy)
    if snapshot is None:
        raise Http404
    years = report_years(strategy)
    year = default_report_year(years, strategy)
    form = ReportForm(request.GET or None, years=years, initial={"year": year})
    status = 200
    if request.GET:
        if form.is_valid():
            year = form.cleaned_data["year"]
        else:
            status = 400  # the error at the field; the report of the default year below it
    lang = translation.get_language()
    data = report_with_charts(monitoring_report(strategy, year, lang), lang) if year else None
    return render(
        request,
        "indicators/report.html",
        {
            "strategy": strategy,
            "snapshot": snapshot,
            "form": form,
            "year": year,
            "report": data,
        },
        status=status,
    )


def _comparison(request: HttpRequest) -> tuple[ComparisonForm, Comparison | None, bool]:
    """The comparison the request asks for, and whether the user may see submitted drafts:
    PermissionDenied (403) when it asks for submitted drafts without being a ministry reviewer;
    None with the form's errors for invalid choices."""
    catalogue = list(RecommendedIndicator.objects.all())
    may_see_submitted = sees_submitted(request.user)
    default_source = "all" if may_see_submitted else "approved"
    data = None
    if request.GET:
        data = request.GET.copy()  # the form shows the editions it was given, or the default
        if not data.get("source"):
            data["source"] = default_source
    form = ComparisonForm(
        data, goals=SdgGoal.objects.all(), catalogue=catalogue, initial={"source": default_source}
    )
    if data is not None and not form.is_valid():
        return form, None, may_see_submitted
    chosen = form.cleaned_data if data is not None else {}
    source = chosen.get("source") or default_source
    if source == "all" and not may_see_submitted:
        raise PermissionDenied(
            _("Only ministry reviewers compare the drafts submitted for approval.")
        )
    result = city_comparison(
        request.user,
        lang=translation.get_language(),
        direction=chosen.get("direction"),
        goal=chosen.get("goal"),
        indicator=chosen.get("indicator") or None,
        sort=chosen.get("sort") or "city",
        descending=chosen.get("order") == "desc",
        with_submitted=source == "all",
    )
    return form, result, may_see_submitted


@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    """The comparison of cities on the p.26 catalogue indicators used by several cities: public
    for approved editions; ministry reviewers also see each city's latest submitted draft."""
    form, result, may_see_submitted = _comparison(request)
    lang = translation.get_language()
    return render(
        request,
        "indicators/comparison.html",
        {
            "form": form,
            "comparison": result,
            "may_see_submitted": may_see_submitted,
            "directions": DirectionKind,
            "comparison_charts": {
                group.recommended.code: _cities_chart(group, lang)
                for group in (result.indicators if result else [])
            },
            "query": request.GET.urlencode(),
        },
        status=200 if result is not None else 400,
    )


def city_label(row) -> str:
    """A city as the chart names it; a submitted draft's row says so."""
    if row.source == Source.SUBMITTED:
        return _("%(city)s (submitted draft)") % {"city": row.city}
    return row.city


def _cities_chart(group, lang: str):
    """The chart of one compared indicator, its cities in the table's order."""
    return charts.cities_chart(
        capfirst(group.recommended.name),
        group.recommended.unit,
        [
            {
                "city": city_label(row),
                "baseline": row.baseline_value,
                "latest": row.latest_value,
                "milestone": row.milestone,
            }
            for row in group.rows
        ],
        lang=lang,
    )


CSV_COLUMNS = (
    "indicator_code",
    "indicator",
    "direction",
    "city",
    "edition",
    "snapshot",
    "city_indicator",
    "unit",
    "sdg_target",
    "good_direction",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_actual",
    "milestone_2030",
    "status",
)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if looks_like_formula(text) else text


@require_GET
def comparison_csv(request: HttpRequest) -> HttpResponse:
    """The comparison as shown (same filters and order) as CSV, UTF-8 with a byte-order mark;
    numbers as the reader's language prints them; texts that a spreadsheet would run as a
    formula start with an apostrophe (OWASP, CSV injection)."""
    form, result, _may_see_submitted = _comparison(request)
    if result is None:
        return HttpResponse(
            "\n".join(f"{name}: {' '.join(errors)}" for name, errors in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    separator = formats.get_format("DECIMAL_SEPARATOR")

    def num(value) -> str:
        return (
            "" if value is None else format_printed_number(value, decimal=separator, thousands="")
        )

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for group in result.indicators:
        for row in group.rows:
            writer.writerow(
                [
                    group.recommended.code,
                    _cell(group.recommended.name),
                    group.direction.slug,
                    _cell(row.city),
                    row.source,
                    row.snapshot_number if row.source == Source.SUBMITTED else "",
                    _cell(row.name),
                    _cell(row.unit),
                    row.sdg_target or "",
                    row.good_direction,
                    row.baseline_year or "",
                    num(row.baseline_value),
                    row.latest_year or "",
                    num(row.latest_value),
                    num(row.milestone),
                    row.status,
                ]
            )
    response = HttpResponse(
        ("\ufeff" + out.getvalue()).encode(), content_type="text/csv; charset=utf-8"
    )
    lang = translation.get_language()
    response["Content-Disposition"] = f'attachment; filename="cities-comparison-{lang}.csv"'
    return response
