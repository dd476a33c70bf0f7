"""Browser views of publishing: thin — check the right through the selectors, call one service,
answer with the render's status (JSON for the page's script, a page otherwise)."""

from functools import wraps

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import ApplicationError, InvalidInput, NotFound
from publishing import services
from publishing.forms import PdfRequestForm
from publishing.models import Render
from publishing.selectors import (
    pdf_source,
    render_for_user,
    renders_waiting_before,
    report_source,
)
from strategies.models import Strategy


def _wants_json(request: HttpRequest) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _json_errors(view):
    """For the page's script, errors are JSON {"code", "message", "details"} with their status;
    a browser without the script gets the error page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (ApplicationError, Http404) as error:
            if not _wants_json(request):
                raise
            if isinstance(error, Http404):
                error = NotFound()
            return JsonResponse(
                {"code": error.code, "message": str(error.message), "details": error.details},
                status=error.status,
            )

    return wrapper


def status_message(render: Render) -> str:
    """Where the render stands, in one sentence of the interface language."""
    if render.status == Render.Status.PENDING:
        ahead = renders_waiting_before(render)
        if ahead:
            return _("Waiting in the queue (%(count)s ahead)…") % {"count": ahead}
        return _("Waiting in the queue…")
    if render.status == Render.Status.RENDERING:
        if render.pages_done:
            return _("Rendering: %(pages)s pages laid out…") % {"pages": render.pages_done}
        return _("Rendering…")
    if render.status == Render.Status.READY:
        return _("Ready: %(pages)s pages, %(size)s.") % {
            "pages": render.pages,
            "size": filesizeformat(render.size),
        }
    return _("The PDF could not be made: %(reason)s.") % {"reason": render.get_failure_display()}


def status_payload(render: Render) -> dict:
    """The render's status as the page's script reads it."""
    urls = {
        "status_url": reverse("publishing:status", args=[render.pk]),
        "page_url": reverse("publishing:render", args=[render.pk]),
    }
    if render.status == Render.Status.READY:
        urls["download_url"] = reverse("publishing:download", args=[render.pk])
    if render.status == Render.Status.FAILED:
        urls["retry_url"] = reverse("publishing:retry", args=[render.pk])
    return {
        "id": render.pk,
        "status": render.status,
        "status_label": render.get_status_display(),
        "message": status_message(render),
        "language": render.language,
        "pages_done": render.pages_done,
        "pages": render.pages,
        "size": render.size,
        **urls,
    }


def _answer(request: HttpRequest, render: Render) -> HttpResponse:
    """The render's status (200 when the PDF is there, 202 while it is on its way), or its page."""
    if _wants_json(request):
        ready = render.status == Render.Status.READY
        return JsonResponse(status_payload(render), status=200 if ready else 202)
    return redirect("publishing:render", render_id=render.pk)


@require_POST
@_json_errors
def pdf_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the PDF of a strategy in a language (a snapshot's, or the strategy as it stands,
    or the yearly monitoring report of a year): the stored file when it exists, otherwise a
    render is queued (202)."""
    strategy = get_object_or_404(Strategy.objects.select_related("city__maslikhat"), pk=pk)
    form = PdfRequestForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(details=form.errors.get_json_data())
    year = form.cleaned_data["report_year"]
    if year:
        snapshot = report_source(request.user, strategy, year)
    else:
        snapshot = pdf_source(request.user, strategy, form.cleaned_data["snapshot"])
    render = services.render_request(
        actor=request.user,
        strategy=strategy,
        snapshot=snapshot,
        language=form.cleaned_data["lang"],
        report_year=year or None,
    )
    return _answer(request, render)


@require_GET
@_json_errors
def render_status(request: HttpRequest, render_id: int) -> JsonResponse:
    """The render's status, polled by the page; a stalled render is sent again or failed here."""
    render = services.render_recover(render_for_user(request.user, render_id))
    return JsonResponse(status_payload(render))


@require_GET
def render_page(request: HttpRequest, render_id: int) -> HttpResponse:
    """The render's page: progress, then the download link, or the failure and a retry."""
    pdf = services.render_recover(render_for_user(request.user, render_id))
    return render(
        request,
        "publishing/render.html",
        {"render": pdf, "strategy": pdf.strategy, "message": status_message(pdf)},
    )


@require_GET
def render_download(request: HttpRequest, render_id: int) -> HttpResponse:
    """The PDF file (an attachment named after the city, the edition and the language)."""
    render = render_for_user(request.user, render_id)
    if render.status != Render.Status.READY:
        return redirect("publishing:render", render_id=render.pk)
    try:
        handle = default_storage.open(render.file.name, "rb")
    except FileNotFoundError:
        services.render_file_lost(render=render)
        return redirect("publishing:render", render_id=render.pk)
    source = f"snapshot-{render.snapshot.number}" if render.snapshot_id else "draft"
    if render.edition == Render.Edition.APPROVED:
        source = "approved"
    name = f"{render.strategy.city.code}-strategy-2050-{source}-{render.language}.pdf"
    if render.kind == Render.Kind.REPORT:
        name = f"{render.strategy.city.code}-monitoring-report-{render.year}-{render.language}.pdf"
    response = FileResponse(
        handle, as_attachment=True, filename=name, content_type="application/pdf"
    )
    if render.edition == Render.Edition.APPROVED:
        response["Cache-Control"] = "public, max-age=86400"
    return response


@require_POST
@_json_errors
def render_retry(request: HttpRequest, render_id: int) -> HttpResponse:
    """Render a failed PDF again."""
    render = services.render_retry(
        actor=request.user, render=render_for_user(request.user, render_id)
    )
    return _answer(request, render)
