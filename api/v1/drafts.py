"""The working copies of a city's strategy, for API keys of the city's akimat: the document as
it is now, its snapshots, the process through the route with what the organisation may do now,
the remarks and their answers, and the Methodology compliance report.

Any other client, anonymous or with another organisation's key, gets 404 for a draft, as if it
did not exist (api.selectors.draft_visibility).
"""

import django_filters
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from api.drafts import compliance_data, route_data
from api.editions import ordered_document
from api.languages import localize
from api.representations import (
    cached_bytes,
    etag,
    finish,
    json_response,
    language_key,
    not_modified,
)
from api.route import local_time
from api.schema import IF_NONE_MATCH, NOT_MODIFIED, errors
from api.selectors import draft_get, draft_list, frozen_content
from api.v1.base import LanguageMixin, TextField, TrueFalseFilter
from api.v1.schemas import COMPLIANCE, DRAFT, ROUTE, SNAPSHOT
from api.v1.strategies import CitySummarySerializer
from approvals.models import Remark, Snapshot, StageKind
from approvals.selectors import remarks_of
from approvals.snapshots import content_hash
from core.exceptions import NotFound
from strategies.document_json import document_dump
from strategies.models import Strategy
from strategies.selectors import strategy_document

ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The strategy's id.")
NUMBER = OpenApiParameter(
    "number", int, OpenApiParameter.PATH, description="The snapshot's number (from 1)."
)


class DraftSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    title = TextField()
    state = serializers.ChoiceField(choices=[s.value for s in Strategy.OPEN_STATES])
    stage = serializers.ChoiceField(
        choices=StageKind.choices,
        allow_null=True,
        help_text="The stage of the route the draft is at; null while it is not in approval.",
    )
    snapshots = serializers.IntegerField(source="snapshots_count")
    city = CitySummarySerializer()

    class Meta:
        model = Strategy
        fields = [
            "id",
            "url",
            "title",
            "state",
            "stage",
            "snapshots",
            "city",
            "version",
            "updated_at",
        ]

    def get_url(self, strategy) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(reverse("api:v1:draft-detail", args=[strategy.pk]))


class DraftSnapshotSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    sha256 = serializers.CharField(source="content_hash")
    frozen_at = serializers.DateTimeField(source="created_at")


class RemarkSerializer(serializers.ModelSerializer):
    indicator = serializers.IntegerField(source="indicator_id", allow_null=True)
    points_at = serializers.CharField(source="target_label")
    stage = serializers.ChoiceField(
        choices=StageKind.choices, source="decision.stage_run.stage.kind"
    )
    organisation = serializers.CharField(
        source="decision.organisation.code", help_text="Code of the organisation that returned."
    )
    snapshot = serializers.IntegerField(
        source="decision.snapshot.number", help_text="The snapshot the remark was made on."
    )
    made_at = serializers.DateTimeField(source="decision.created_at")
    open = serializers.BooleanField(source="is_open")

    class Meta:
        model = Remark
        fields = [
            "id",
            "section",
            "indicator",
            "points_at",
            "text",
            "stage",
            "organisation",
            "snapshot",
            "made_at",
            "open",
            "response",
            "answer",
            "answered_at",
        ]


class RemarkFilter(django_filters.FilterSet):
    open = TrueFalseFilter(
        method="only_open", help_text="true: remarks not answered yet; false: answered ones."
    )
    section = django_filters.CharFilter(help_text="Section slug, e.g. vision.")

    class Meta:
        model = Remark
        fields = ["open", "section"]

    def only_open(self, queryset, name, value):
        answered = queryset.exclude(response="")
        return queryset.filter(response="") if value == "true" else answered


@extend_schema_view(
    list=extend_schema(
        summary="The organisation's drafts",
        responses={200: DraftSummarySerializer(many=True), **errors()},
    ),
    retrieve=extend_schema(
        summary="A draft's document as it is now",
        parameters=[ID, IF_NONE_MATCH],
        responses={200: DRAFT, **NOT_MODIFIED, **errors()},
    ),
)
class DraftViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Drafts and strategies in approval of the key's city (keys of a city's akimat only)."""

    serializer_class = DraftSummarySerializer
    ordering_fields = ["id", "updated_at"]
    ordering = ["-updated_at"]
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return draft_list(self.request.user)

    def list(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        return super().list(request, *args, **kwargs)

    def strategy(self) -> Strategy:
        return draft_get(self.request.user, self.kwargs["pk"])

    def retrieve(self, request, pk=None):
        strategy = self.strategy()
        content = document_dump(strategy_document(strategy.pk))
        tag = etag(
            content_hash(content),
            strategy.state,
            strategy.version,
            strategy.updated_at.timestamp(),
            language_key(self.lang),
        )
        response = not_modified(request, tag) or Response(
            localize(
                {
                    "id": strategy.pk,
                    "state": strategy.state,
                    "version": strategy.version,
                    "updated_at": local_time(strategy.updated_at),
                    "title": content["title"],
                    "document": ordered_document(content),
                },
                self.lang,
            )
        )
        return finish(response, tag=tag, lang=self.lang, public=False)

    @extend_schema(
        summary="The draft's process through the route, and what the organisation may do now",
        parameters=[ID],
        responses={200: ROUTE, **errors()},
    )
    @action(detail=True)
    def process(self, request, pk=None):
        strategy = self.strategy()
        return Response(localize(route_data(strategy, request.user.organisation), self.lang))

    @extend_schema(
        summary="The draft's Methodology compliance report",
        parameters=[ID],
        responses={200: COMPLIANCE, **errors()},
    )
    @action(detail=True)
    def compliance(self, request, pk=None):
        return Response(compliance_data(self.strategy(), self.lang))


@extend_schema_view(
    get=extend_schema(
        summary="Remarks of the reviewers and the akimat's answers",
        parameters=[ID],
        responses={200: RemarkSerializer(many=True), **errors()},
    )
)
class DraftRemarkList(LanguageMixin, ListAPIView):
    """Every remark made on the draft's submissions, with the akimat's answer; an open remark
    travels to the next submission."""

    serializer_class = RemarkSerializer
    filterset_class = RemarkFilter
    ordering_fields = ["id", "section"]
    ordering = ["id"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator's dry run
            return Remark.objects.none()
        return remarks_of(draft_get(self.request.user, self.kwargs["pk"]))


@extend_schema_view(
    get=extend_schema(
        summary="The draft's snapshots (one per submission)",
        parameters=[ID],
        responses={200: DraftSnapshotSerializer(many=True), **errors()},
    )
)
class DraftSnapshotList(LanguageMixin, ListAPIView):
    """The snapshots frozen at each submission, newest first."""

    serializer_class = DraftSnapshotSerializer
    ordering_fields = ["number"]
    ordering = ["-number"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Snapshot.objects.none()
        strategy = draft_get(self.request.user, self.kwargs["pk"])
        return strategy.snapshots.defer("content")


@extend_schema(
    summary="A snapshot of a draft, whole",
    parameters=[ID, NUMBER, IF_NONE_MATCH],
    responses={200: SNAPSHOT, **NOT_MODIFIED, **errors()},
)
class DraftSnapshotDetail(LanguageMixin, GenericAPIView):
    """A frozen snapshot: never changes, so it is served as cached bytes with an ETag from its
    SHA-256."""

    def get(self, request, pk: int, number: int):
        strategy = draft_get(request.user, pk)
        snapshot = strategy.snapshots.defer("content").filter(number=number).first()
        if snapshot is None:
            raise NotFound()
        tag = etag(snapshot.content_hash, language_key(self.lang))

        def build() -> dict:
            return localize(
                {
                    "number": snapshot.number,
                    "sha256": snapshot.content_hash,
                    "frozen_at": local_time(snapshot.created_at),
                    "document": ordered_document(frozen_content(snapshot.pk)),
                },
                self.lang,
            )

        response = not_modified(request, tag) or json_response(
            cached_bytes(f"snapshot:{snapshot.pk}:{tag}", build)
        )
        return finish(response, tag=tag, lang=self.lang, public=False)
