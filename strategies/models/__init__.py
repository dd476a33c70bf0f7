"""Models of the strategy document (p.17): re-exported from one module per part."""

from strategies.models.analysis import (
    AnalysisSeries,
    EducationInstitution,
    EvidenceItem,
    SeriesValue,
    SwotItem,
)
from strategies.models.catalogues import (
    HigherLevelDocument,
    SmartCityGroup,
    SmartCityInitiative,
    SmartCitySphere,
)
from strategies.models.directions import Direction, DirectionKind, Problem, Solution
from strategies.models.document import (
    Analysis,
    ImplementationMechanism,
    InternationalCase,
    Strategy,
    Vision,
)
from strategies.models.smartcity import (
    RoadmapItem,
    RoadmapProgress,
    SphereAssessment,
    smartcity_group,
)

__all__ = [
    "Analysis",
    "AnalysisSeries",
    "Direction",
    "DirectionKind",
    "EducationInstitution",
    "EvidenceItem",
    "HigherLevelDocument",
    "ImplementationMechanism",
    "InternationalCase",
    "Problem",
    "RoadmapItem",
    "RoadmapProgress",
    "SeriesValue",
    "SmartCityGroup",
    "SmartCityInitiative",
    "SmartCitySphere",
    "Solution",
    "SphereAssessment",
    "Strategy",
    "SwotItem",
    "Vision",
    "smartcity_group",
]
