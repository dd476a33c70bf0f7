"""URLs of the API (under /api/): the OpenAPI schema, its interactive documentation (assets
served from here: drf-spectacular-sidecar), version 1, and a JSON 404 for anything else."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import not_found

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include("api.v1.urls")),
    re_path(r"^", not_found),
]
