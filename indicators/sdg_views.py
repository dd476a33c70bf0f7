"""The SDG pages, public without sign-in: the 17 goals, and each goal with its targets and the
approved strategies' indicators that serve them (indicators.sdg)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from indicators.models import MILESTONE_YEARS, SdgGoal
from indicators.sdg import sdg_goal_cities, sdg_goal_page, sdg_goals
from indicators.sdg_forms import SdgCityForm


@require_safe
def goals(request: HttpRequest) -> HttpResponse:
    """The 17 goals with how many indicators of approved strategies serve each."""
    return render(request, "indicators/sdg_goals.html", {"goals": sdg_goals()})


@require_safe
def goal(request: HttpRequest, number: int) -> HttpResponse:
    """One goal: its targets, each with the indicators that serve it, filterable by city."""
    sdg_goal = get_object_or_404(SdgGoal, number=number)
    form = SdgCityForm(request.GET or None, cities=sdg_goal_cities(sdg_goal))
    valid = form.is_valid() if request.GET else True
    city = form.cleaned_data.get("city") if request.GET and valid else None
    return render(
        request,
        "indicators/sdg_goal.html",
        {
            "goal": sdg_goal,
            "targets": sdg_goal_page(sdg_goal, city=city or None),
            "form": form,
            "first_milestone": MILESTONE_YEARS[0],
        },
        status=200 if valid else 400,
    )
