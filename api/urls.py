"""URLs of the API (under /api/): the OpenAPI schema, its interactive documentation (assets
served from here: drf-spectacular-sidecar), version 1, and a JSON 404 for anything else."""

from django.urls import include, path, re_path
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.errors import not_found


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema in English, the language of its descriptions (?lang= asks for
    another)."""

    schema = None  # not an operation of the API itself

    def get(self, request, *args, **kwargs):
        with translation.override("en"):
            return super().get(request, *args, **kwargs)


app_name = "api"
urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("v1/", include("api.v1.urls")),
    re_path(r"^", not_found),
]
