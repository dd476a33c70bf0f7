"""Published editions: the strategies approved by their maslikhat (p.16), listed from the
database and each served whole from its frozen snapshot, as bytes with an ETag."""

import django_filters
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from api.editions import edition_bytes, edition_tag
from api.representations import finish, json_response, not_modified
from api.schema import IF_NONE_MATCH, NOT_MODIFIED, SDG_GOAL, errors
from api.selectors import edition_head_current, edition_list, edition_list_with_sdg_goal
from api.v1.base import LanguageMixin, TextField, TrueFalseFilter
from api.v1.schemas import EDITION
from core.models import City
from strategies.models import Strategy

ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The strategy's id.")


class CitySummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = TextField()
    category = serializers.ChoiceField(choices=City.Category.choices)
    region = serializers.CharField(
        source="region.code", allow_null=True, help_text="Region code (a regional centre's)."
    )


class ApprovedSnapshotSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="snapshot_number")
    sha256 = serializers.CharField(source="snapshot_sha256")


class SessionSerializer(serializers.Serializer):
    session_on = serializers.DateField(allow_null=True)
    decision_number = serializers.CharField(allow_null=True)


class EditionSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    title = TextField()
    state = serializers.ChoiceField(
        choices=[Strategy.State.APPROVED.value, Strategy.State.SUPERSEDED.value]
    )
    in_force = serializers.SerializerMethodField()
    amends = serializers.IntegerField(source="amends_id", allow_null=True)
    city = CitySummarySerializer()
    snapshot = ApprovedSnapshotSerializer(source="*", help_text="The approved snapshot.")
    approved_at = serializers.DateTimeField()
    maslikhat = SessionSerializer(source="*", help_text="The maslikhat's session (p.16).")

    def get_url(self, strategy) -> str:
        request = self.context["request"]
        return request.build_absolute_uri(reverse("api:v1:strategy-detail", args=[strategy.pk]))

    def get_in_force(self, strategy) -> bool:
        return strategy.state == Strategy.State.APPROVED


class EditionFilter(django_filters.FilterSet):
    city = django_filters.CharFilter(field_name="city__code", help_text="City code.")
    region = django_filters.CharFilter(
        field_name="city__region__code", help_text="Region code (of a regional centre)."
    )
    category = django_filters.ChoiceFilter(
        field_name="city__category", choices=City.Category.choices
    )
    sdg_goal = django_filters.NumberFilter(
        method="with_sdg_goal",
        min_value=1,
        max_value=17,
        help_text="Editions with an indicator serving this UN SDG (1-17).",
    )
    in_force = TrueFalseFilter(
        method="with_in_force", help_text="true: in force; false: superseded by an amendment."
    )

    class Meta:
        model = Strategy
        fields = ["city", "region", "category", "sdg_goal", "in_force"]

    @extend_schema_field(SDG_GOAL)
    def with_sdg_goal(self, queryset, name, value):
        return edition_list_with_sdg_goal(queryset, int(value))

    def with_in_force(self, queryset, name, value):
        state = Strategy.State.APPROVED if value == "true" else Strategy.State.SUPERSEDED
        return queryset.filter(state=state)


@extend_schema_view(
    list=extend_schema(
        summary="Published editions",
        responses={200: EditionSummarySerializer(many=True), **errors()},
    ),
    retrieve=extend_schema(
        summary="A published edition, whole",
        parameters=[ID, IF_NONE_MATCH],
        responses={200: EDITION, **NOT_MODIFIED, **errors()},
    ),
)
class StrategyViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Approved strategies, in force or superseded by an approved amendment. An edition is
    served as its snapshot froze it, with the approval details; it never changes, so its ETag
    (from the snapshot's SHA-256) answers conditional requests with 304."""

    serializer_class = EditionSummarySerializer
    filterset_class = EditionFilter
    ordering_fields = ["id", "approved_at", "city__code"]
    ordering = ["city__code", "-approved_at"]
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return edition_list()

    def retrieve(self, request, pk=None):
        head = edition_head_current(int(pk))
        tag = edition_tag(head, self.lang)
        response = not_modified(request, tag) or json_response(edition_bytes(head, self.lang))
        return finish(response, tag=tag, lang=self.lang, public=True)
