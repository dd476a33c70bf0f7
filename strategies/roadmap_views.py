"""The road map's yearly monitoring page of an approved edition (2025 smart-city reference
standard): every item with the years recorded so far, public as the edition is; the city's
editors record a year of an item (status, cost spent, explanation) through
strategies.roadmap_monitoring, which audits it and never changes the approved snapshot."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exceptions import ApplicationError, InvalidInput, NotFound
from indicators.permissions import can_record_monitoring, ensure_can_record_monitoring
from strategies.models import RoadmapItem, Strategy
from strategies.permissions import ensure_can_view
from strategies.roadmap_forms import RoadmapProgressChoiceForm, RoadmapProgressForm
from strategies.roadmap_monitoring import roadmap_progress_of, roadmap_progress_record

PUBLISHED = (Strategy.State.APPROVED, Strategy.State.SUPERSEDED)


def _edition(request: HttpRequest, pk: int) -> Strategy:
    """An approved (or superseded) edition whoever may read it: 404 otherwise (a draft's road
    map is content, not monitoring)."""
    strategy = get_object_or_404(Strategy.objects.select_related("city"), pk=pk)
    if strategy.state not in PUBLISHED:
        raise Http404
    ensure_can_view(request.user, strategy)
    return strategy


def _prefill(request: HttpRequest, items, progress) -> tuple[dict, bool]:
    """The form's initial values for ?item=&year= (this year when none is given; the record of
    that year when there is one), and whether those parameters were valid."""
    if not request.GET:
        return {}, True
    asked = RoadmapProgressChoiceForm(
        request.GET, items=[(str(item.uid), item.title) for item in items]
    )
    if not asked.is_valid():
        return {}, False
    uid = asked.cleaned_data["item"]
    year = asked.cleaned_data["year"] or timezone.localdate().year
    initial = {"item": uid, "year": year}
    for record in progress.get(uid, []):
        if record.year == year:
            initial.update(
                status=record.status, spent=record.spent, note_kk=record.note_kk or "",
                note_ru=record.note_ru or "", version=record.version,
            )  # fmt: skip
    return initial, True


@require_http_methods(["GET", "POST"])
def roadmap_monitoring(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the items and their yearly records (a form for the city's editors). POST: record one
    year of one item; a refused value is shown at its field (400), a year recorded by someone
    else since the page was shown is a 409, anyone but the city's editors gets a 403."""
    strategy = _edition(request, pk)
    items = list(RoadmapItem.objects.filter(strategy=strategy).prefetch_related("indicators"))
    choices = [(str(item.uid), item.title) for item in items]
    progress = {str(uid): rows for uid, rows in roadmap_progress_of(strategy).items()}
    can_record = can_record_monitoring(request.user, strategy)
    status = 200
    if request.method == "POST":
        ensure_can_record_monitoring(request.user, strategy)
        form = RoadmapProgressForm(request.POST, items=choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                roadmap_progress_record(
                    actor=request.user, strategy=strategy, item_uid=data["item"],
                    year=data["year"], status=data["status"], spent=data["spent"],
                    note={"kk": data["note_kk"], "ru": data["note_ru"]},
                    expected_version=data["version"],
                )  # fmt: skip
            except NotFound:
                raise Http404 from None
            except InvalidInput as error:
                for field, errors in (error.details or {}).items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
                status = 400
            except ApplicationError as error:
                messages.error(request, str(error.message))
                status = error.status
            else:
                messages.success(
                    request,
                    _("Saved: the road map monitoring of %(year)s.") % {"year": data["year"]},
                )
                url = reverse("strategies:roadmap_monitoring", args=[strategy.pk])
                return redirect(f"{url}#item-{data['item']}")
        else:
            status = 400
    else:
        initial, valid = _prefill(request, items, progress)
        form = RoadmapProgressForm(initial=initial, items=choices)
        status = 200 if valid else 400
    rows = [(item, progress.get(str(item.uid), [])) for item in items]
    return render(
        request,
        "strategies/roadmap_monitoring.html",
        {"strategy": strategy, "rows": rows, "form": form, "can_record": can_record},
        status=status,
    )
