"""Browser views of core."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from strategies import selectors


def home(request: HttpRequest) -> HttpResponse:
    """Approved strategies and those in preparation for everyone; a member's own working copies."""
    user = request.user
    return render(
        request,
        "core/home.html",
        {
            "mine": selectors.strategy_list_for_user(user) if user.is_authenticated else [],
            "approved": selectors.strategy_list_approved(),
            "in_preparation": selectors.strategy_list_in_preparation(),
        },
    )
