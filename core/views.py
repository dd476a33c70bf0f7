"""Browser views of core."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from strategies import selectors
from strategies.compliance import compliance_check
from strategies.permissions import editor_cities


def home(request: HttpRequest) -> HttpResponse:
    """Everyone sees approved strategies and who is preparing one; a member also sees the working
    copies that are theirs to see, with their readiness, and an editor may start one."""
    user = request.user
    mine = []
    creatable = []
    if user.is_authenticated:
        mine = [
            (strategy, compliance_check(selectors.strategy_document(strategy.pk)).readiness)
            for strategy in selectors.strategy_list_for_user(user)
        ]
        busy = {strategy.city_id for strategy, _readiness in mine}
        creatable = [city for city in editor_cities(user) if city.pk not in busy]
    return render(
        request,
        "core/home.html",
        {
            "mine": mine,
            "creatable": creatable,
            "approved": selectors.strategy_list_approved(),
            "in_preparation": selectors.strategy_list_in_preparation(),
        },
    )
