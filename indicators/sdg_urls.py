"""Browser URLs of the SDG pages (public)."""

from django.urls import path

from indicators import sdg_views

app_name = "sdg"
urlpatterns = [
    path("sdg/", sdg_views.goals, name="goals"),
    path("sdg/<int:number>/", sdg_views.goal, name="goal"),
]
