"""The demo content: Almaty (complete; its SDG 11 indicators carry the real plan and actual values
of the 2023 Voluntary Local Review, almaty-sdg11-plan-fact.csv) and the Karaganda draft, in the
layout of strategies.document_json."""

import csv
import json
from pathlib import Path

from indicators.numbers import parse_printed_number

DEMO_DIR = Path(__file__).resolve().parent
PLAN_FACT_CSV = DEMO_DIR / "almaty-sdg11-plan-fact.csv"


def read_plan_fact(path: Path = PLAN_FACT_CSV) -> dict[str, list[dict]]:
    """Yearly plan/actual values of the long-layout table, grouped by indicator name."""
    grouped: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            plan, actual = parse_printed_number(row["plan"]), parse_printed_number(row["fact"])
            if plan.value is None and actual.value is None:
                continue
            grouped.setdefault(row["indicator"], []).append(
                {
                    "year": int(row["year"]),
                    "plan": plan.value,
                    "plan_bound": plan.bound,
                    "actual": actual.value,
                    "actual_bound": actual.bound,
                }
            )
    return grouped


def demo_documents() -> list[dict]:
    """The demo strategies' documents, Almaty's indicators joined to their real yearly values."""
    almaty = json.loads((DEMO_DIR / "almaty" / "document.json").read_text(encoding="utf-8"))
    almaty["directions"] = json.loads(
        (DEMO_DIR / "almaty" / "directions.json").read_text(encoding="utf-8")
    )
    plan_fact = read_plan_fact()
    for direction in almaty["directions"].values():
        for indicator in direction["indicators"]:
            indicator["yearly"] = plan_fact.get(indicator.pop("plan_fact", None) or "", [])
    karaganda = json.loads((DEMO_DIR / "karaganda.json").read_text(encoding="utf-8"))
    return [almaty, karaganda]
