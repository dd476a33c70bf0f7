"""Browser views of the workspace: the home page (what waits for a signed-in person first, then
what anyone may read) and the public index of strategies by region and city."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from strategies import selectors
from strategies.panels import document_panels
from strategies.permissions import editor_cities
from workspace.queues import is_editor, work_queue
from workspace.selectors import drafts_in_hearing, strategies_by_region


def home(request: HttpRequest) -> HttpResponse:
    """Everyone sees the approved editions and the drafts in public hearing (each one click
    away) and who is preparing a strategy; a signed-in person first sees what waits for them
    (workspace.queues); an editor also their working copies with their readiness, and may start
    one, or an amendment where their city has a strategy in force."""
    user = request.user
    editor = is_editor(user)
    mine, creatable, amendable = [], [], []
    approved = list(selectors.strategy_list_approved())
    if editor:
        # Each readiness from the checklist of the document's saved version (strategies.panels).
        strategies = list(selectors.strategy_list_for_user(user))
        mine = [
            (strategy, report.readiness)
            for strategy, (report, _meters) in zip(
                strategies, document_panels(strategies), strict=True
            )
        ]
        busy = {strategy.city_id for strategy, _readiness in mine}
        cities = editor_cities(user)
        creatable = selectors.startable_cities(cities)
        # A city with a strategy in force changes it by an amendment, never a new draft.
        without_copy = {city.pk for city in cities} - busy
        amendable = [strategy for strategy in approved if strategy.city_id in without_copy]
    return render(
        request,
        "workspace/home.html",
        {
            "tasks": work_queue(user),
            "is_editor": editor,
            "mine": mine,
            "creatable": creatable,
            "amendable": amendable,
            "approved": approved,
            "in_hearing": drafts_in_hearing(),
            "in_preparation": selectors.strategy_list_in_preparation(),
        },
    )


def public_index(request: HttpRequest) -> HttpResponse:
    """Every city by region with its approved edition and its draft in public hearing."""
    return render(request, "workspace/public_index.html", {"regions": strategies_by_region()})
