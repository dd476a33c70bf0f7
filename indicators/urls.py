"""Browser URLs of monitoring (under /<lang>/strategies/<pk>/monitoring/)."""

from django.urls import path

from indicators import report_views, views

app_name = "indicators"
urlpatterns = [
    path("strategies/<int:pk>/monitoring/", views.monitoring, name="monitoring"),
    path(
        "strategies/<int:pk>/monitoring/indicators/<int:indicator_pk>/",
        views.indicator_years,
        name="indicator",
    ),
    path("strategies/<int:pk>/monitoring/import/", views.import_start, name="import"),
    path(
        "strategies/<int:pk>/monitoring/import/<int:import_pk>/",
        views.import_preview,
        name="import_preview",
    ),
    path("strategies/<int:pk>/monitoring/report/", report_views.report, name="report"),
    path("indicators/comparison/", report_views.comparison, name="comparison"),
    path("indicators/comparison.csv", report_views.comparison_csv, name="comparison_csv"),
    path(
        "strategies/<int:pk>/monitoring/export.<str:layout>",
        views.export,
        name="export",
    ),
]
