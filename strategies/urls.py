"""Browser URLs of the strategy editor."""

from django.urls import path

from strategies import roadmap_views, views

app_name = "strategies"
urlpatterns = [
    path("new/", views.strategy_create, name="create"),
    path("<int:pk>/", views.strategy_overview, name="overview"),
    path("<int:pk>/edit/<slug:section>/", views.strategy_section, name="section"),
    path("<int:pk>/preview/", views.strategy_preview, name="preview"),
    path("<int:pk>/history/", views.strategy_history_view, name="history"),
    path(
        "<int:pk>/monitoring/roadmap/",
        roadmap_views.roadmap_monitoring,
        name="roadmap_monitoring",
    ),
]
