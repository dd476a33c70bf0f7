"""The demo content: Almaty's strategy (complete), Astana's (complete, a draft ready to submit)
and the Karaganda draft, in the layout of strategies.document_json, and the real data behind
Almaty's demo, as printed in Almaty's 2023 Voluntary Local Review (VLR): the plan and actual
values of its SDG 11 indicators (almaty-sdg11-plan-fact.csv, imported as monitoring data by
seed_demo) and the city's yearly values of UN SDG indicators (almaty-vlr-series.csv), used for
the p.18 series they measure."""

import csv
import json
from decimal import Decimal
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
PLAN_FACT_CSV = DEMO_DIR / "almaty-sdg11-plan-fact.csv"
# The yearly road map monitoring of Almaty's approved edition (2025 smart-city reference
# standard): illustrative estimates, and their explanations say so.
ROADMAP_MONITORING_JSON = DEMO_DIR / "almaty" / "roadmap-monitoring.json"
VLR_SERIES_CSV = DEMO_DIR / "almaty-vlr-series.csv"

# p.18 series measured by an SDG indicator of the VLR's annex: maternal mortality ratio (3.1.1)
# and the NEET share of youth aged 15-28 (8.6.1). The annex has no infant (under one year)
# mortality, only neonatal (3.2.2) and under-five (3.2.1) mortality, so the infant mortality
# series is not taken from it.
VLR_SERIES = {"maternal_mortality": "3.1.1", "neet_share": "8.6.1"}
VLR_SOURCE = {
    "kk": "Алматының 2023 жылғы Ерікті жергілікті шолуы (VLR), статистикалық қосымша (ҚР СЖРА "
    "Ұлттық статистика бюросының деректері), %(first)s–%(last)s жж.; кейінгі жылдар — әкімдіктің "
    "бағалауы",
    "ru": "Добровольный локальный обзор Алматы 2023 (VLR), статистическое приложение (данные БНС "
    "АСПиР РК), %(first)s–%(last)s гг.; последующие годы — оценка акимата",
    "en": "Almaty Voluntary Local Review 2023 (VLR), statistical annex (data of the Bureau of "
    "National Statistics), %(first)s–%(last)s; later years: the akimat's estimate",
}


def read_vlr_series(path: Path = VLR_SERIES_CSV) -> dict[str, dict[int, Decimal]]:
    """The VLR annex's values by SDG indicator code and year."""
    series: dict[str, dict[int, Decimal]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            series.setdefault(row["sdg_indicator"], {})[int(row["year"])] = Decimal(row["value"])
    return series


def _with_vlr_values(document: dict) -> None:
    vlr = read_vlr_series()
    for item in document["series"]:
        code = VLR_SERIES.get(item["kind"])
        if code is None:
            continue
        values = vlr[code]
        item["values"].update({str(year): str(value) for year, value in values.items()})
        years = {"first": min(values), "last": max(values)}
        item["source"] = {lang: text % years for lang, text in VLR_SOURCE.items()}


def _complete_document(city_code: str) -> dict:
    """A complete demo document: its folder's document.json with the directions of
    directions.json."""
    folder = DEMO_DIR / city_code
    document = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    document["directions"] = json.loads((folder / "directions.json").read_text(encoding="utf-8"))
    return document


def demo_documents() -> list[dict]:
    """The demo strategies' documents: Almaty's with the VLR's values in its p.18 series, Astana's
    (its figures are the developer's estimates where no official table is cited, as its sources
    say) and Karaganda's."""
    almaty = _complete_document("almaty")
    _with_vlr_values(almaty)
    astana = _complete_document("astana")
    karaganda = json.loads((DEMO_DIR / "karaganda.json").read_text(encoding="utf-8"))
    return [almaty, astana, karaganda]


def record_demo_roadmap_monitoring(strategy, editor) -> int:
    """Record the demo's road map monitoring of an approved edition (its items named by their
    base-list initiative; null: the city's own first item) through the audited service, as an
    editor would on the road map monitoring page. Returns how many records were made."""
    from decimal import Decimal

    from strategies.roadmap_monitoring import roadmap_progress_record

    records = json.loads(ROADMAP_MONITORING_JSON.read_text(encoding="utf-8"))
    items = list(strategy.roadmap.select_related("initiative").order_by("position", "pk"))
    by_code = {
        item.initiative.code if item.initiative_id else None: item for item in reversed(items)
    }
    for record in records:
        item = by_code[record["initiative"]]
        roadmap_progress_record(
            actor=editor,
            strategy=strategy,
            item_uid=item.uid,
            year=record["year"],
            status=record["status"],
            spent=Decimal(record["spent"]) if record.get("spent") else None,
            note=record["note"],
        )
    return len(records)
