"""What each editor page holds: its parts (one form for a section, or a list of items) with the
fields shown, the choices offered and where new items attach. Views stay generic over these."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.utils import timezone

from indicators.models import (
    MILESTONE_YEARS,
    BenchmarkValue,
    Indicator,
    RecommendedIndicator,
    SdgTarget,
)
from strategies import models as m
from strategies.forms import CodeChoiceField, ContentForm, content_form
from strategies.models.smartcity import base_list_year
from strategies.sections import SECTIONS_BY_SLUG
from strategies.services import is_ordered


@dataclass(frozen=True)
class Part:
    """One form (single) or a list of item forms (many) on an editor page."""

    name: str
    model: type[models.Model]
    fields: tuple[str, ...]
    many: bool = False
    # The object (single) or the parent of the items (many), from the strategy.
    owner: Callable[[m.Strategy], models.Model] = lambda s: s
    parent_field: str = "strategy"
    # Relation fields offered as choices: name → (how, options from the strategy), where how is
    # "one" (a select), "many" (checkboxes) or "code" (typed, with a shared datalist).
    choices: dict[str, tuple[str, Callable[[m.Strategy], list]]] = field(default_factory=dict)
    year_related: str = ""  # "values" of a series, "milestones" of an indicator
    group_by: str = ""  # SWOT: items are shown in one column per quadrant
    # Large items (indicators) are listed by name; the form of one opens at a time (?open=).
    one_at_a_time: bool = False
    # Items may also be added from a catalogue (the p.26 recommended indicators).
    from_catalogue: bool = False
    # Lists kept inside each open item, as items of their own (an indicator's benchmark-city
    # values): their `parent_field` names this part's item; see sub_part.
    sub_parts: tuple["Part", ...] = ()

    @property
    def title(self) -> str:
        return self.model._meta.verbose_name_plural

    @property
    def item_title(self) -> str:
        return self.model._meta.verbose_name

    @property
    def ordered(self) -> bool:
        """Whether the page offers moving items up and down."""
        return self.many and is_ordered(self.model)

    def actions(self, row: models.Model | None) -> frozenset[str]:
        """The actions the page offers on a row of this part (None: a new item): the buttons
        shown and the only ones the view accepts. A section or a direction is saved, never
        removed or moved; an item of a list is also removed, and moved if the list is ordered
        (the first of its group shows no ↑ and the last no ↓: views._group_edges; sent anyway,
        the item stays in place and the page says so)."""
        if not self.many:
            return frozenset({"save"})
        if row is None:
            return frozenset({"save", "from_catalogue"} if self.from_catalogue else {"save"})
        return frozenset({"save", "delete", *(("up", "down") if self.ordered else ())})

    def form_class(self) -> type[ContentForm]:
        choice_fields = {}
        for name, (how, _options) in self.choices.items():
            if how == "code":
                choice_fields[name] = CodeChoiceField(self.datalist_id(name))
            elif how == "many":
                choice_fields[name] = forms.TypedMultipleChoiceField(
                    coerce=int, required=False, widget=forms.CheckboxSelectMultiple
                )
            else:
                choice_fields[name] = forms.TypedChoiceField(
                    coerce=int, required=False, empty_value=None
                )
        return content_form(self.model, self.fields, choice_fields=choice_fields)

    def datalist_id(self, name: str) -> str:
        return f"list-{self.name}-{name}"

    def items(self, strategy: m.Strategy) -> models.QuerySet:
        owner = self.owner(strategy)
        qs = self.model.objects.filter(**{self.parent_field: owner})
        prefetch = [name for name, (how, _options) in self.choices.items() if how == "many"]
        if self.year_related:
            prefetch.append(self.year_related)
        return qs.prefetch_related(*prefetch)

    def years(self, rows) -> tuple[int, ...]:
        if self.year_related == "milestones":
            return MILESTONE_YEARS
        if self.year_related == "values":
            this_year = timezone.now().year
            known = {v.year for row in rows for v in row.values.all()}
            first = min([this_year - 10, *known])
            last = max([this_year - 1, *known])
            return tuple(range(first, last + 1))
        return ()


def _direction(kind: m.DirectionKind) -> Callable[[m.Strategy], m.Direction]:
    return lambda s: s.directions.get(kind=kind)


def _labelled(qs) -> list[tuple[int, str]]:
    return [(obj.pk, str(obj)) for obj in qs]


def _settlements(s: m.Strategy):
    return _labelled(s.city.settlements.all())


def _documents(_s: m.Strategy):
    return _labelled(m.HigherLevelDocument.objects.all())


def _problems_of(kind):
    return lambda s: _labelled(
        m.Problem.objects.filter(direction__strategy=s, direction__kind=kind)
    )


def _recommended_of(kind):
    return lambda _s: [
        ("", "—"),
        *_labelled(RecommendedIndicator.objects.filter(direction_kind=kind)),
    ]


def _sdg_targets(_s):
    return [(t.pk, t.code, t.title) for t in SdgTarget.objects.all()]


def _initiatives(s: m.Strategy):
    """The base list the strategy is drafted against: the list of its year (the year it was
    created), meant for the city's group, and any initiative its road map already cites."""
    listed = m.SmartCityInitiative.objects.of_year(base_list_year(s)).for_group(
        s.smartcity_group
    ) | m.SmartCityInitiative.objects.filter(roadmap_items__strategy=s)
    return [("", "—"), *_labelled(listed.distinct())]


def _smartcity_indicators(s: m.Strategy):
    """The target indicators of the strategy's smartcity direction: those a road map item may
    say it moves."""
    return _labelled(
        Indicator.objects.filter(direction__strategy=s, direction__kind=m.DirectionKind.SMARTCITY)
    )


# p.10: the target indicators are compared with those of the best cities. Each value is an item of
# its own inside the open indicator (a city named in kk and ru, the year it was measured, the
# value), so that adding, changing and removing one is checked, merged and audited as any item.
BENCHMARKS = Part(
    "benchmarks",
    BenchmarkValue,
    ("city_name", "year", "value"),
    many=True,
    parent_field="indicator",
)


def sub_part(page: str, name: str) -> tuple[Part, Part] | None:
    """(outer part, sub-part) of a page whose items keep a list called `name`, or None."""
    for part in PAGES[page]:
        for sub in part.sub_parts:
            if sub.name == name:
                return part, sub
    return None


PAGES: dict[str, list[Part]] = {
    "general": [
        Part("strategy", m.Strategy, ("title",), choices={"settlements": ("many", _settlements)})
    ],
    "analysis": [
        Part(
            "analysis",
            m.Analysis,
            ("narrative", "institutions_summary"),
            owner=lambda s: s.analysis,
        )
    ],
    "series": [
        Part(
            "series",
            m.AnalysisSeries,
            ("kind", "label", "unit", "source"),
            many=True,
            year_related="values",
        )
    ],
    "institutions": [
        Part(
            "institutions",
            m.EducationInstitution,
            ("kind", "name", "description", "rankings", "students"),
            many=True,
        )
    ],
    "evidence": [
        Part(
            "evidence",
            m.EvidenceItem,
            ("kind", "title", "held_on", "participants", "summary"),
            many=True,
        )
    ],
    "swot": [Part("swot", m.SwotItem, ("quadrant", "text"), many=True, group_by="quadrant")],
    "cases": [
        Part(
            "cases",
            m.InternationalCase,
            ("city_name", "country", "practice", "conclusion"),
            many=True,
        )
    ],
    "vision": [
        Part(
            "vision",
            m.Vision,
            ("text", "desired_results", "priorities"),
            owner=lambda s: s.vision,
            choices={"documents": ("many", _documents)},
        )
    ],
    "mechanism": [
        Part(
            "mechanism",
            m.ImplementationMechanism,
            ("responsible_bodies", "reporting_frequency", "procedure"),
            owner=lambda s: s.mechanism,
        )
    ],
    "smartcity": [
        Part("assessments", m.SphereAssessment, ("year", "sphere", "level", "comment"), many=True),
        Part(
            "roadmap",
            m.RoadmapItem,
            ("title", "sphere", "responsible", "deadline", "cost", "status", "reason"),
            many=True,
            choices={
                "initiative": ("one", _initiatives),
                "indicators": ("many", _smartcity_indicators),
            },
        ),
    ],
}
for kind in m.DirectionKind:
    PAGES[f"direction-{kind.slug}"] = [
        Part("direction", m.Direction, ("current_situation",), owner=_direction(kind)),
        Part(
            "problems",
            m.Problem,
            ("factor", "text"),
            many=True,
            owner=_direction(kind),
            parent_field="direction",
        ),
        Part(
            "solutions",
            m.Solution,
            ("text",),
            many=True,
            owner=_direction(kind),
            parent_field="direction",
            choices={"problems": ("many", _problems_of(kind))},
        ),
    ]
    PAGES[f"indicators-{kind.slug}"] = [
        Part(
            "indicators",
            Indicator,
            (
                "name", "unit", "good_direction", "baseline_year", "baseline_value", "source",
                "collection_tool", "comparable", "sufficient_data", "complete",
                "attainable_measurable",
            ),
            many=True,
            owner=_direction(kind),
            parent_field="direction",
            choices={"recommended": ("one", _recommended_of(kind)), "sdg_target": ("code", _sdg_targets)},
            year_related="milestones",
            one_at_a_time=True,
            from_catalogue=True,
            sub_parts=(BENCHMARKS,),
        )
    ]  # fmt: skip

assert PAGES.keys() == SECTIONS_BY_SLUG.keys()
