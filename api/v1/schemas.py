"""OpenAPI schemas of what is served from snapshots (a published edition, a draft's document,
an edition's indicators): these are JSON built once and served as bytes, not serializer output,
so their shape is written here. Layout of the document: strategies.document_json."""

from approvals.models import Decision, Process, StageKind, StageRun
from approvals.rules import Action
from core.models import City
from indicators.models import Bound, GoodDirection
from indicators.monitoring import ProgressStatus, YearStatus
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    EducationInstitution,
    EvidenceItem,
    ImplementationMechanism,
    Problem,
    RoadmapItem,
    SmartCitySphere,
    Strategy,
    SwotItem,
)


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, *, required: tuple[str, ...] = (), description: str = "") -> dict:
    schema = {"type": "object", "properties": properties, "required": list(required or properties)}
    if description:
        schema["description"] = description
    return schema


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def enum(choices, *, nullable: bool = False) -> dict:
    schema = {"type": "string", "enum": [str(value) for value in choices.values]}
    if nullable:
        schema["nullable"] = True
    return schema


TEXT = ref("Text")
STRING = {"type": "string"}
NULLABLE_STRING = {"type": "string", "nullable": True}
INTEGER = {"type": "integer"}
NULLABLE_INTEGER = {"type": "integer", "nullable": True}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date", "nullable": True}
DATETIME = {"type": "string", "format": "date-time", "nullable": True}
DECIMAL = {
    "type": "string",
    "nullable": True,
    "description": 'A decimal number written exactly, with a point: "2401.4".',
}
DIRECTION_SLUG = {"type": "string", "enum": [kind.slug for kind in DirectionKind]}
HTML_TEXT = {"allOf": [TEXT], "description": "Rich text: HTML cleaned against an allow-list."}

DOCUMENT_INDICATOR = obj(
    {
        "id": INTEGER,
        "uid": {"type": "string", "description": "The indicator's identity across editions."},
        "name": TEXT,
        "unit": TEXT,
        "good_direction": enum(GoodDirection),
        "recommended": {**NULLABLE_STRING, "description": "Code of a p.26 recommended indicator."},
        "baseline_year": NULLABLE_INTEGER,
        "baseline_value": DECIMAL,
        "milestones": {
            "type": "object",
            "description": "Target values at the 5-year steps (p.26), by year.",
            "additionalProperties": DECIMAL,
        },
        "source": TEXT,
        "collection_tool": TEXT,
        "criteria": {"type": "object", "additionalProperties": BOOLEAN},
        "sdg_target": {**NULLABLE_STRING, "description": "Code of a UN SDG target, e.g. 11.6."},
        "benchmarks": array(obj({"city": TEXT, "year": INTEGER, "value": DECIMAL})),
    },
    required=("id", "name", "unit", "good_direction", "milestones", "source", "collection_tool"),
)

DIRECTION = obj(
    {
        "current_situation": HTML_TEXT,
        "problems": array(obj({"key": STRING, "factor": enum(Problem.Factor), "text": TEXT})),
        "solutions": array(
            obj(
                {"text": TEXT, "answers": array(STRING)},
                description="A solution and the keys of the problems it answers (p.8).",
            )
        ),
        "indicators": array(ref("DocumentIndicator")),
    }
)

DOCUMENT = obj(
    {
        "city": {"type": "string", "description": "City code."},
        "title": TEXT,
        "horizon": INTEGER,
        "settlements": array(STRING),
        "analysis": obj({"narrative": HTML_TEXT, "institutions_summary": HTML_TEXT}),
        "series": array(
            obj(
                {
                    "kind": enum(AnalysisSeries.Kind),
                    "label": TEXT,
                    "unit": TEXT,
                    "source": TEXT,
                    "values": {"type": "object", "additionalProperties": DECIMAL},
                }
            )
        ),
        "institutions": array(
            obj(
                {
                    "kind": enum(EducationInstitution.Kind),
                    "name": TEXT,
                    "description": HTML_TEXT,
                    "rankings": TEXT,
                    "students": NULLABLE_INTEGER,
                }
            )
        ),
        "evidence": array(
            obj(
                {
                    "kind": enum(EvidenceItem.Kind),
                    "title": TEXT,
                    "held_on": DATE,
                    "participants": NULLABLE_INTEGER,
                    "summary": TEXT,
                }
            )
        ),
        "swot": obj({quadrant: array(TEXT) for quadrant in SwotItem.Quadrant.values}),
        "cases": array(
            obj({"city": TEXT, "country": TEXT, "practice": HTML_TEXT, "conclusion": HTML_TEXT})
        ),
        "vision": obj(
            {
                "text": HTML_TEXT,
                "desired_results": HTML_TEXT,
                "priorities": HTML_TEXT,
                "documents": array(STRING),
            }
        ),
        "mechanism": obj(
            {
                "responsible_bodies": HTML_TEXT,
                "reporting_frequency": enum(ImplementationMechanism.Frequency),
                "procedure": HTML_TEXT,
            }
        ),
        "smartcity": obj(
            {
                "group": STRING,
                "base_list_year": INTEGER,
                "assessments": array(
                    obj(
                        {
                            "year": INTEGER,
                            "sphere": enum(SmartCitySphere),
                            "level": INTEGER,
                            "comment": TEXT,
                        },
                        required=("sphere", "level", "comment"),
                    )
                ),
                "roadmap": array(
                    obj(
                        {
                            "title": TEXT,
                            "sphere": enum(SmartCitySphere),
                            "initiative": NULLABLE_STRING,
                            "responsible": TEXT,
                            "deadline": DATE,
                            "cost": DECIMAL,
                            "status": enum(RoadmapItem.Status),
                            "reason": TEXT,
                            "uid": STRING,
                            "indicators": {
                                **array(STRING),
                                "description": "The smartcity direction's indicators the item "
                                "moves, by their uid in this document.",
                            },
                        },
                        required=(
                            "title",
                            "sphere",
                            "initiative",
                            "responsible",
                            "deadline",
                            "cost",
                            "status",
                        ),
                    )
                ),
            },
            required=("group", "assessments", "roadmap"),
            description="The 2025 smart-city reference standard: the city's group, the base-list "
            "year, the self-assessment by year (1-5 per sphere) and the road map; documents "
            "frozen before a key existed lack it.",
        ),
        "directions": obj(
            {kind.slug: ref("Direction") for kind in DirectionKind},
            required=(),
            description="The five strategic directions (p.17), in the Methodology's order.",
        ),
        "references": {
            "type": "object",
            "description": "The names, in every language, of the reference rows the document "
            "cites by code, as they were when it was frozen (cities, settlements, "
            "higher_level_documents, recommended_indicators, sdg_targets, "
            "smartcity_initiatives).",
            "additionalProperties": {"type": "object"},
        },
    },
    required=("city", "title", "analysis", "vision", "directions"),
    description="The strategy document (p.17-26). Texts are Text; codes name reference rows.",
)

NAMED = obj({"code": STRING, "name": TEXT})

PROCESS = {
    "snapshot": obj({"number": INTEGER, "sha256": STRING, "frozen_at": DATETIME}),
    "submitted_at": DATETIME,
    "finished_at": DATETIME,
    "hearing": {
        **obj(
            {
                "published_from": DATE,
                "published_until": DATE,
                "held_on": DATE,
                "place": STRING,
                "public_council": STRING,
                "participants": NULLABLE_INTEGER,
            }
        ),
        "nullable": True,
        "description": "The public hearing (p.14).",
    },
    "stages": array(
        obj(
            {
                "stage": enum(StageKind),
                "title": TEXT,
                "state": enum(StageRun.State),
                "started_at": DATETIME,
                "finished_at": DATETIME,
                "decisions": array(
                    obj(
                        {
                            "organisation": NAMED,
                            "outcome": enum(Decision.Outcome),
                            "decided_at": DATETIME,
                        }
                    )
                ),
            }
        )
    ),
    "maslikhat": {
        **obj(
            {
                "recommended_on": DATE,
                "consulted_on": DATE,
                "consultation_reference": STRING,
                "session_on": DATE,
                "decision_number": STRING,
            }
        ),
        "nullable": True,
        "description": "The akimat's recommendation, the consultation with the Presidential "
        "Administration and the maslikhat's session (p.16).",
    },
}

APPROVAL = obj(
    {**PROCESS, "approved_at": DATETIME},
    description="How the edition was approved (p.14-16): its submission through the route.",
)

ROUTE = obj(
    {
        "strategy": INTEGER,
        "state": enum(Strategy.State),
        "allowed_actions": array(
            obj({"action": enum(Action), "title": TEXT}),
        ),
        "processes": array(
            obj(
                {
                    "state": enum(Process.State),
                    "current_stage": enum(StageKind, nullable=True),
                    **PROCESS,
                },
                description="A submission through the route (p.14-16), newest first.",
            )
        ),
    },
    description="The draft's state, what the key's organisation may do now (its members' "
    "actions: approvals.rules), and every submission through the route.",
)

COMPLIANCE = obj(
    {
        "passed": {**BOOLEAN, "description": "Whether every mandatory check passes."},
        "readiness": {**INTEGER, "description": "Share of mandatory checks passed, per cent."},
        "checks": array(
            obj(
                {
                    "code": STRING,
                    "paragraph": {"allOf": [TEXT], "description": "The rule's source (p.N)."},
                    "title": TEXT,
                    "section": STRING,
                    "mandatory": BOOLEAN,
                    "passed": BOOLEAN,
                    "findings": array(obj({"message": TEXT, "section": STRING, "anchor": STRING})),
                }
            )
        ),
    },
    description="The Methodology compliance check (strategies.compliance): one check per rule.",
)

CITY = obj(
    {
        "code": STRING,
        "name": TEXT,
        "category": enum(City.Category),
        "region": NULLABLE_STRING,
    }
)

EDITION_COMPONENT = obj(
    {
        "id": INTEGER,
        "state": {"type": "string", "enum": [Strategy.State.APPROVED, Strategy.State.SUPERSEDED]},
        "in_force": BOOLEAN,
        "amends": {**NULLABLE_INTEGER, "description": "The edition this one amends."},
        "superseded_by": {**NULLABLE_INTEGER, "description": "The amendment that replaced it."},
        "city": CITY,
        "title": TEXT,
        "approval": ref("Approval"),
        "document": ref("Document"),
        "roadmap_monitoring": {
            "type": "object",
            "additionalProperties": obj(
                {
                    "year": INTEGER,
                    "status": enum(RoadmapItem.Status),
                    "spent": {**DECIMAL, "nullable": True},
                    "explanation": TEXT,
                },
                required=("year", "status", "spent", "explanation"),
            ),
            "description": "The latest year of monitoring of each road map item, by the item's "
            "uid (monitoring data recorded after approval, never part of the frozen document; "
            "items with no year recorded are left out).",
        },
    },
    description="A published edition: the approved snapshot's document and how it was approved.",
)

YEARLY = obj(
    {
        "year": INTEGER,
        "plan": DECIMAL,
        "plan_bound": enum(Bound),
        "actual": DECIMAL,
        "actual_bound": enum(Bound),
        "deviation": {**DECIMAL, "description": "Actual minus plan, in the indicator's unit."},
        "deviation_percent": {**DECIMAL, "description": "The deviation in per cent of |plan|."},
        "status": {**enum(YearStatus), "description": "Whether the year's plan was met."},
        "explanation": TEXT,
    },
    description="A year's plan and actual value (monitoring, p.17 item 6).",
)

INDICATOR_COMPONENT = obj(
    {
        "id": INTEGER,
        "uid": NULLABLE_STRING,
        "direction": obj({"slug": DIRECTION_SLUG, "title": TEXT}),
        "name": TEXT,
        "unit": TEXT,
        "good_direction": enum(GoodDirection),
        "recommended": NULLABLE_STRING,
        "sdg_target": NULLABLE_STRING,
        "sdg_goal": NULLABLE_INTEGER,
        "baseline": obj({"year": NULLABLE_INTEGER, "value": DECIMAL}),
        "milestones": array(obj({"year": INTEGER, "value": DECIMAL})),
        "source": TEXT,
        "collection_tool": TEXT,
        "benchmarks": array(obj({"city": TEXT, "year": INTEGER, "value": DECIMAL})),
        "yearly": array(YEARLY),
        "progress": obj(
            {
                "status": enum(ProgressStatus),
                "milestone_year": NULLABLE_INTEGER,
                "milestone_value": DECIMAL,
                "current_year": NULLABLE_INTEGER,
                "current_value": DECIMAL,
                "ratio": {"type": "number", "nullable": True},
                "method": STRING,
            },
            description="The course toward the next milestone (Open SDG progress measure).",
        ),
    },
    description="A target indicator of the edition (p.9, 26) with its monitoring values.",
)


def paginated(items: dict) -> dict:
    return obj(
        {
            "count": INTEGER,
            "next": {**NULLABLE_STRING, "format": "uri"},
            "previous": {**NULLABLE_STRING, "format": "uri"},
            "results": array(items),
        }
    )


COMPONENTS = {
    "Document": DOCUMENT,
    "Direction": DIRECTION,
    "DocumentIndicator": DOCUMENT_INDICATOR,
    "Approval": APPROVAL,
    "Edition": EDITION_COMPONENT,
    "EditionIndicator": INDICATOR_COMPONENT,
}

EDITION = ref("Edition")
INDICATOR_PAGE = paginated(ref("EditionIndicator"))
INDICATORS_FILE = obj(
    {
        "strategy": INTEGER,
        "city": STRING,
        "snapshot": obj({"number": INTEGER, "sha256": STRING}),
        "indicators": array(ref("EditionIndicator")),
    }
)
DRAFT = obj(
    {
        "id": INTEGER,
        "state": {"type": "string", "enum": [s.value for s in Strategy.OPEN_STATES]},
        "version": INTEGER,
        "updated_at": DATETIME,
        "title": TEXT,
        "document": ref("Document"),
    },
    description="A working copy as it is now (it changes with every save).",
)
SNAPSHOT = obj(
    {"number": INTEGER, "sha256": STRING, "frozen_at": DATETIME, "document": ref("Document")},
    description="A snapshot frozen at a submission; it never changes.",
)
