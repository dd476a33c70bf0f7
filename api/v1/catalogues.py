"""Catalogues indicators draw on: the UN Sustainable Development Goals and their targets, and
the target indicators the Methodology recommends for each direction (p.26)."""

import django_filters
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from api.schema import SDG_GOAL, errors
from api.v1.base import LabelField, LanguageMixin, TextField
from indicators.models import GoodDirection, RecommendedIndicator, SdgGoal, SdgTarget
from strategies.models import DirectionKind


class SdgGoalSerializer(serializers.ModelSerializer):
    title = TextField()

    class Meta:
        model = SdgGoal
        fields = ["number", "title"]


class SdgTargetSerializer(serializers.ModelSerializer):
    goal = serializers.IntegerField(source="goal.number")
    title = TextField()

    class Meta:
        model = SdgTarget
        fields = ["code", "goal", "title"]


class RecommendedIndicatorSerializer(serializers.ModelSerializer):
    direction = serializers.SerializerMethodField()
    direction_title = LabelField(DirectionKind.choices, source="direction_kind")
    name = TextField()
    unit = TextField()
    good_direction = serializers.ChoiceField(choices=GoodDirection.choices)

    class Meta:
        model = RecommendedIndicator
        fields = ["code", "direction", "direction_title", "name", "unit", "good_direction"]

    def get_direction(self, row) -> str:
        return DirectionKind(row.direction_kind).slug


class SdgTargetFilter(django_filters.FilterSet):
    goal = django_filters.NumberFilter(
        method="of_goal", min_value=1, max_value=17, help_text="SDG number (1-17)."
    )

    class Meta:
        model = SdgTarget
        fields = ["goal"]

    @extend_schema_field(SDG_GOAL)
    def of_goal(self, queryset, name, value):
        return queryset.filter(goal__number=value)


class RecommendedIndicatorFilter(django_filters.FilterSet):
    direction = django_filters.ChoiceFilter(
        method="in_direction",
        choices=[(kind.slug, kind.slug) for kind in DirectionKind],
        help_text="Strategic direction (p.17).",
    )

    class Meta:
        model = RecommendedIndicator
        fields = ["direction"]

    def in_direction(self, queryset, name, value):
        return queryset.filter(direction_kind=DirectionKind.from_slug(value))


GOAL = OpenApiParameter("number", SDG_GOAL, OpenApiParameter.PATH, description="SDG number.")
TARGET = OpenApiParameter("code", str, OpenApiParameter.PATH, description="Target code, e.g. 11.6.")


@extend_schema_view(
    list=extend_schema(
        summary="UN Sustainable Development Goals",
        responses={200: SdgGoalSerializer(many=True), **errors()},
    ),
    retrieve=extend_schema(
        summary="A goal", parameters=[GOAL], responses={200: SdgGoalSerializer, **errors()}
    ),
)
class SdgGoalViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """The 17 UN Sustainable Development Goals."""

    serializer_class = SdgGoalSerializer
    lookup_field = "number"
    lookup_value_regex = "[0-9]{1,2}"
    ordering_fields = ["number"]
    ordering = ["number"]

    def get_queryset(self):
        return SdgGoal.objects.all()


@extend_schema_view(
    list=extend_schema(
        summary="Targets of the SDGs",
        responses={200: SdgTargetSerializer(many=True), **errors()},
    ),
    retrieve=extend_schema(
        summary="A target", parameters=[TARGET], responses={200: SdgTargetSerializer, **errors()}
    ),
)
class SdgTargetViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """The targets of each goal, e.g. 11.6 (the indicators of a strategy name the one they
    serve)."""

    serializer_class = SdgTargetSerializer
    filterset_class = SdgTargetFilter
    lookup_field = "code"
    lookup_value_regex = "[0-9]{1,2}\\.[0-9a-z]{1,3}"
    ordering_fields = ["code", "goal__number", "position"]
    ordering = ["goal__number", "position"]

    def get_queryset(self):
        return SdgTarget.objects.select_related("goal")


@extend_schema_view(
    list=extend_schema(
        summary="Recommended target indicators (p.26)",
        responses={200: RecommendedIndicatorSerializer(many=True), **errors()},
    ),
    retrieve=extend_schema(
        summary="A recommended indicator",
        responses={200: RecommendedIndicatorSerializer, **errors()},
    ),
)
class RecommendedIndicatorViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """The target indicators the Methodology recommends for each direction (p.26)."""

    serializer_class = RecommendedIndicatorSerializer
    filterset_class = RecommendedIndicatorFilter
    lookup_field = "code"
    ordering_fields = ["code", "direction_kind", "position"]
    ordering = ["direction_kind", "position"]

    def get_queryset(self):
        return RecommendedIndicator.objects.all()
