"""URLs of version 1 of the API (under /api/v1/)."""

from django.urls import path, register_converter
from rest_framework.routers import SimpleRouter

from api.v1 import catalogues, drafts, indicators, open_data, reference, strategies


class IdConverter:
    """A database id: digits, at most 18 (a longer number is no id, and a 404)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "v1"
router = SimpleRouter()
router.register("regions", reference.RegionViewSet, basename="region")
router.register("cities", reference.CityViewSet, basename="city")
router.register("sdg/goals", catalogues.SdgGoalViewSet, basename="sdg-goal")
router.register("sdg/targets", catalogues.SdgTargetViewSet, basename="sdg-target")
router.register(
    "recommended-indicators",
    catalogues.RecommendedIndicatorViewSet,
    basename="recommended-indicator",
)
router.register("strategies", strategies.StrategyViewSet, basename="strategy")
router.register("drafts", drafts.DraftViewSet, basename="draft")

urlpatterns = [
    path(
        "strategies/<id:pk>/indicators/",
        indicators.EditionIndicatorList.as_view(),
        name="strategy-indicators",
    ),
    path(
        "strategies/<id:pk>/indicators.csv",
        open_data.EditionIndicatorsCSV.as_view(),
        name="strategy-indicators-csv",
    ),
    path(
        "strategies/<id:pk>/indicators.json",
        open_data.EditionIndicatorsJSON.as_view(),
        name="strategy-indicators-json",
    ),
    path("drafts/<id:pk>/remarks/", drafts.DraftRemarkList.as_view(), name="draft-remarks"),
    path("drafts/<id:pk>/snapshots/", drafts.DraftSnapshotList.as_view(), name="draft-snapshots"),
    path(
        "drafts/<id:pk>/snapshots/<id:number>/",
        drafts.DraftSnapshotDetail.as_view(),
        name="draft-snapshot",
    ),
    path("open-data/editions.zip", open_data.EditionsArchive.as_view(), name="editions-archive"),
    *router.urls,
]
