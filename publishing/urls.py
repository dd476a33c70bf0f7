"""URLs of publishing (under /<lang>/): asking for a PDF, its status, the file, a retry."""

from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("strategies/<int:pk>/pdf/", views.pdf_request, name="request"),
    path("pdf/<int:render_id>/", views.render_page, name="render"),
    path("pdf/<int:render_id>/status/", views.render_status, name="status"),
    path("pdf/<int:render_id>/download/", views.render_download, name="download"),
    path("pdf/<int:render_id>/retry/", views.render_retry, name="retry"),
]
