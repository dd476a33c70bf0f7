"""Browser views of monitoring: thin — fetch through the permission rules, call one service or
selector, render or redirect. Errors of a service come back on the same page with their status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.exceptions import ApplicationError, InvalidInput
from core.http import id_or_404
from indicators import exports
from indicators.forms import FilterForm, ImportForm, YearFormSet
from indicators.imports.service import import_apply, import_plan, import_upload, read_table
from indicators.models import Indicator, IndicatorImport
from indicators.numbers import PrintedNumber
from indicators.permissions import can_record_monitoring, ensure_can_record_monitoring
from indicators.selectors import (
    indicator_monitoring,
    monitoring_charts,
    monitoring_goals,
    monitoring_overview,
    monitoring_page_key,
    values_by_identity,
)
from indicators.services import ImplausibleValues, YearInput, yearly_values_save
from strategies.models import Strategy
from strategies.permissions import ensure_can_view, ensure_can_view_draft

PUBLISHED = (Strategy.State.APPROVED, Strategy.State.SUPERSEDED)
MONITORING_CACHE_SECONDS = 24 * 3600


def _strategy(request: HttpRequest, pk: int) -> Strategy:
    """An approved (or superseded) edition is public; a working copy's monitoring values are its
    city editors' (as its live content is)."""
    strategy = get_object_or_404(Strategy.objects.select_related("city"), pk=pk)
    if strategy.state in PUBLISHED:
        ensure_can_view(request.user, strategy)
    else:
        ensure_can_view_draft(request.user, strategy)
    return strategy


def _strategy_to_record(request: HttpRequest, pk: int) -> Strategy:
    """A strategy whose monitoring values the user records (its city's editor): 404 / 403."""
    strategy = _strategy(request, pk)
    ensure_can_record_monitoring(request.user, strategy)
    return strategy


def _error_messages(error: ApplicationError) -> list[str]:
    details = error.details if isinstance(error.details, dict) else {}
    return [
        str(m)
        for values in details.values()
        for m in (values if isinstance(values, list) else [values])
    ]


@require_GET
def monitoring(request: HttpRequest, pk: int) -> HttpResponse:
    """The monitoring page: by direction, filterable by SDG goal and status, with a summary."""
    strategy = _strategy(request, pk)
    goals = monitoring_goals(strategy)
    filters = FilterForm(request.GET or None, goals=goals)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    can_record = can_record_monitoring(request.user, strategy)
    lang = translation.get_language()

    def overview():
        return monitoring_charts(
            monitoring_overview(
                strategy,
                goal=chosen.get("goal"),
                progress=chosen.get("progress") or None,
                year_status=chosen.get("year_status") or None,
            ),
            lang=lang,
        )

    return render(
        request,
        "indicators/monitoring.html",
        {
            "strategy": strategy,
            # Computed only when the page's cached parts are not there (their key: page_key).
            "overview": SimpleLazyObject(overview),
            "page_key": monitoring_page_key(strategy, filters=chosen, can_record=can_record),
            "cache_seconds": MONITORING_CACHE_SECONDS,
            "filters": filters,
            "can_record": can_record,
        },
        status=200 if not request.GET or filters.is_valid() else 400,
    )


def _indicator(strategy: Strategy, indicator_pk) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("direction", "sdg_target").prefetch_related("milestones"),
        pk=id_or_404(indicator_pk),
        direction__strategy=strategy,
    )


def _initial(item) -> list[dict]:
    return [
        {
            "year": row.year,
            "plan": _printed(row.value.plan, row.value.plan_bound),
            "actual": _printed(row.value.actual, row.value.actual_bound),
            "explanation_kk": row.value.explanation_kk or "",
            "explanation_ru": row.value.explanation_ru or "",
            "version": row.value.version,
        }
        for row in item.years
    ]


def _printed(value, bound) -> PrintedNumber:
    return PrintedNumber(value, bound or "")


@login_required
@require_http_methods(["GET", "POST"])
def indicator_years(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    """The grid of one indicator's years: plan, actual (with bounds), explanation."""
    strategy = _strategy_to_record(request, pk)
    indicator = _indicator(strategy, indicator_pk)
    item = indicator_monitoring(indicator, values_by_identity(strategy).get(indicator.uid, []))
    initial = _initial(item)
    status = 200
    if request.method == "POST":
        formset = YearFormSet(request.POST, initial=initial, prefix="years")
        if formset.is_valid():
            rows = [
                YearInput(
                    year=data["year"],
                    plan=data["plan"],
                    actual=data["actual"],
                    explanation={"kk": data["explanation_kk"], "ru": data["explanation_ru"]},
                    version=data.get("version"),
                    remove=data.get("remove", False),
                    confirmed=data.get("confirm", False),
                )
                for form in formset.forms
                if (data := form.cleaned_data) and (form.has_changed() or data.get("version"))
            ]
            try:
                counts = yearly_values_save(
                    actor=request.user, strategy=strategy, indicator=indicator, rows=rows
                )
            except ImplausibleValues as error:
                # A warning at the field and the row's "save anyway" box; nothing was saved.
                for form in formset.forms:
                    form.warnings = error.details.get(f"year_{form.cleaned_data.get('year')}", {})
                messages.warning(request, str(error.message))
                status = 400
            except InvalidInput as error:
                for form in formset.forms:
                    year = form.cleaned_data.get("year")
                    for message in error.details.get(f"year_{year}", []):
                        form.add_error(None, message)
                status = 400
            except ApplicationError as error:
                messages.error(request, str(error.message))
                status = error.status
            else:
                messages.success(
                    request,
                    _("Saved: %(created)s added, %(changed)s changed, %(removed)s removed.")
                    % counts,
                )
                return redirect("indicators:indicator", pk=strategy.pk, indicator_pk=indicator.pk)
        else:
            status = 400
    else:
        formset = YearFormSet(initial=initial, prefix="years")
    for form in formset.forms:
        if form.initial.get("version"):  # a stored year keeps its year; remove it instead
            form.fields["year"].widget.attrs["readonly"] = True
    return render(
        request,
        "indicators/indicator_years.html",
        {"strategy": strategy, "item": item, "formset": formset},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a table: it is read and checked, and its preview shown; nothing is written yet."""
    strategy = _strategy_to_record(request, pk)
    drafting = strategy.state == Strategy.State.DRAFT
    form = ImportForm(request.POST or None, request.FILES or None, drafting=drafting)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                record, _plan = import_upload(
                    actor=request.user,
                    strategy=strategy,
                    data=upload.read(),
                    filename=upload.name or "",
                    direction_kind=form.cleaned_data.get("direction"),
                )
            except InvalidInput as error:
                for message in _error_messages(error) or [str(error.message)]:
                    form.add_error("file", message)
            else:
                return redirect("indicators:import_preview", pk=strategy.pk, import_pk=record.pk)
        status = 400
    return render(
        request,
        "indicators/import.html",
        {"strategy": strategy, "form": form, "drafting": drafting},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int, import_pk: int) -> HttpResponse:
    """What the import will create, change and leave as is, and every error; confirm to apply."""
    strategy = _strategy_to_record(request, pk)
    record = get_object_or_404(
        IndicatorImport.objects.defer("content"),
        pk=id_or_404(import_pk),
        strategy=strategy,
        uploaded_by=request.user,
    )
    status = 200
    if request.method == "POST":
        if record.state != IndicatorImport.State.PREVIEWED:
            raise Http404
        try:
            plan = import_apply(actor=request.user, upload=record)
        except ApplicationError as error:
            messages.error(request, " ".join([str(error.message), *_error_messages(error)]))
            status = error.status
        else:
            counts = plan.counts()
            messages.success(
                request,
                _(
                    "Imported: %(created)s years added, %(changed)s changed, %(unchanged)s left as they were."
                )
                % counts,
            )
            return redirect("indicators:monitoring", pk=strategy.pk)
    record = IndicatorImport.objects.get(pk=record.pk)
    plan = import_plan(
        strategy=strategy,
        table=read_table(bytes(record.content)),
        direction_kind=record.direction_kind,
    )
    return render(
        request,
        "indicators/import_preview.html",
        {"strategy": strategy, "record": record, "plan": plan, "counts": plan.counts()},
        status=status,
    )


@require_GET
def export(request: HttpRequest, pk: int, layout: str) -> HttpResponse:
    """The yearly values in the long CSV or the wide XLSX layout (re-importable as they are)."""
    if layout not in ("csv", "xlsx"):
        raise Http404
    strategy = _strategy(request, pk)
    name = f"{strategy.city.code}-indicators-{strategy.pk}"
    if layout == "csv":
        response = HttpResponse(
            exports.export_csv(strategy), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    lang = translation.get_language() if translation.get_language() in ("kk", "ru") else "ru"
    response = HttpResponse(
        exports.export_xlsx(strategy, lang=lang), content_type=exports.XLSX_CONTENT_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{name}-{lang}.xlsx"'
    return response
