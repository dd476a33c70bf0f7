"""Reference data: regions and cities (p.3, 15, 16), with names in kk, ru and en."""

import django_filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from api.schema import errors
from api.v1.base import LabelField, LanguageMixin, TextField
from core.models import City, Region


class RegionSerializer(serializers.ModelSerializer):
    name = TextField()

    class Meta:
        model = Region
        fields = ["code", "name"]


class SettlementSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.CharField()
    name = TextField()


class OrganisationRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = TextField()


class CitySerializer(serializers.ModelSerializer):
    name = TextField()
    category_label = LabelField(City.Category.choices, source="category")
    region = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text="The region whose centre the city is; null for the capital and cities of "
        "republican significance.",
    )
    adjacent_regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    maslikhat = OrganisationRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The maslikhat that approves the city's strategy (p.16).",
    )
    settlements = SettlementSerializer(
        many=True, read_only=True, help_text="Settlements of the functional urban area (p.11)."
    )

    class Meta:
        model = City
        fields = [
            "code",
            "name",
            "category",
            "category_label",
            "region",
            "adjacent_regions",
            "maslikhat",
            "settlements",
        ]


class CityFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=City.Category.choices)
    region = django_filters.CharFilter(field_name="region__code", help_text="Region code.")

    class Meta:
        model = City
        fields = ["category", "region"]


@extend_schema_view(
    list=extend_schema(summary="Regions", responses={200: RegionSerializer(many=True), **errors()}),
    retrieve=extend_schema(summary="A region", responses={200: RegionSerializer, **errors()}),
)
class RegionViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """The 17 regions of Kazakhstan."""

    serializer_class = RegionSerializer
    lookup_field = "code"
    ordering_fields = ["code"]
    ordering = ["code"]

    def get_queryset(self):
        return Region.objects.all()


@extend_schema_view(
    list=extend_schema(summary="Cities", responses={200: CitySerializer(many=True), **errors()}),
    retrieve=extend_schema(summary="A city", responses={200: CitySerializer, **errors()}),
)
class CityViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Cities that develop a strategy: the capital, cities of republican significance and
    regional centres (p.3), with the regions whose akimats agree their drafts (p.15)."""

    serializer_class = CitySerializer
    lookup_field = "code"
    filterset_class = CityFilter
    ordering_fields = ["code", "category"]
    ordering = ["code"]

    def get_queryset(self):
        return City.objects.select_related("region", "maslikhat").prefetch_related(
            "adjacent_regions", "settlements"
        )
