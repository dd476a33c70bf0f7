"""URL configuration: browser pages under a language prefix (/kk/, /ru/, /en/), API and admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("strategies/", include("strategies.urls")),
    path("", include("approvals.urls")),
    path("", include("publishing.urls")),
    path("", include("indicators.urls")),
    path("", include("indicators.sdg_urls")),
    path("", include("workspace.urls")),
    path("", include("core.urls")),
)

# Uploads have no public address, in development as in production: each is served by a view that
# checks who may read it (the protocol of a hearing: approvals.views.protocol).
