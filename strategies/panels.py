"""What the editor shows of the whole document, computed once per saved version of it, not per
request (issue 14): the side panels of every editor page (the Methodology compliance checklist
and the language meters), and the preview's document.

The key names the strategy, the moment of its last change (every content write goes through
strategies.services, which stamps `Strategy.updated_at`; so does every change of state), the
interface language (the findings are sentences in it), today's date (the smart-city check asks
for this year's self-assessment) and the generation of the reference rows the checks and the
document read besides its own rows (higher-level documents, the smart-city base list, the SDG
targets, the p.26 catalogue, cities, regions and settlements), bumped whenever one is saved or
deleted. A save is therefore seen on the very next page: nothing stale is served.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from core.models import City, Region, Settlement
from indicators.models import RecommendedIndicator, SdgGoal, SdgTarget
from strategies.compliance import CHECKS, CheckResult, ComplianceReport, Finding, compliance_check
from strategies.models import HigherLevelDocument, SmartCityInitiative, Strategy
from strategies.sections import language_completeness
from strategies.selectors import strategy_document

CACHE_SECONDS = 24 * 3600
# Bump when the shape of what is cached changes.
PANELS_VERSION = 1
REFERENCE_GENERATION = "panels:reference-generation"
CHECKS_BY_CODE = {check.code: check for check in CHECKS}


def _key(strategy: Strategy, generation: int, kind: str = "panels") -> str:
    return ":".join(
        str(part)
        for part in (
            kind, PANELS_VERSION, strategy.pk, strategy.updated_at.timestamp(),
            strategy.state, translation.get_language(), timezone.localdate().isoformat(),
            generation,
        )
    )  # fmt: skip


def _pack(report: ComplianceReport, meters: dict) -> tuple:
    return (
        [
            (r.check.code, [(f.message, f.section, f.anchor) for f in r.findings])
            for r in report.results
        ],
        meters,
    )


def _unpack(packed: tuple) -> tuple[ComplianceReport, dict[str, dict[str, int]]]:
    results, meters = packed
    report = ComplianceReport(
        [
            CheckResult(CHECKS_BY_CODE[code], [Finding(*finding) for finding in findings])
            for code, findings in results
        ]
    )
    return report, meters


def _computed(strategy: Strategy) -> tuple:
    doc = strategy_document(strategy.pk)
    return _pack(compliance_check(doc), language_completeness(doc))


def document_panels(
    strategies: list[Strategy],
) -> list[tuple[ComplianceReport, dict[str, dict[str, int]]]]:
    """For each strategy (as loaded, with its `updated_at` and `state`): its compliance report and
    its language meters ({section slug: {lang: percent}}), from the shared cache when this
    version of the document and of its city's monitoring values was checked already (one query
    and one round trip for all), else computed (the whole document loaded:
    selectors.strategy_document) and kept."""
    from indicators.selectors import monitoring_versions

    generation = _generation()
    # The trajectory advice reads the city's recorded actual values (strategies.compliance).
    values = monitoring_versions(strategy.city_id for strategy in strategies)
    keys = [
        f"{_key(strategy, generation)}:{values.get(strategy.city_id, '0.0.0')}"
        for strategy in strategies
    ]
    found = cache.get_many(keys)
    fresh = {}
    panels = []
    for strategy, key in zip(strategies, keys, strict=True):
        packed = found.get(key)
        if packed is None or {code for code, _findings in packed[0]} != CHECKS_BY_CODE.keys():
            packed = fresh[key] = _computed(strategy)
        panels.append(_unpack(packed))
    if fresh:
        cache.set_many(fresh, CACHE_SECONDS)
    return panels


def strategy_panels(strategy: Strategy) -> tuple[ComplianceReport, dict[str, dict[str, int]]]:
    """The compliance report and the language meters of one strategy (see document_panels)."""
    return document_panels([strategy])[0]


def _new_generation() -> int:
    return int(timezone.now().timestamp() * 1_000_000)


def _generation() -> int:
    """The reference rows' generation (reference_changed bumps it). Never a default: a generation
    lost from the cache must not meet keys made before a change."""
    return cache.get_or_set(REFERENCE_GENERATION, _new_generation, None)


def page_key(strategy: Strategy, kind: str) -> str:
    """The cache key of a page (or part of one) of `kind` rendered from this saved version of the
    strategy (as loaded, with its `updated_at` and `state`), the reference rows' generation, the
    active language and today's date, with the current templates (core.page_sources)."""
    from core.page_sources import template_version

    return f"{_key(strategy, _generation(), kind)}:{template_version()}"


def preview_html(strategy: Strategy, lang: str) -> SafeString:
    """The working copy as one document in `lang` (strategies/_document.html with the draft
    mark), rendered once per saved version, language and template version."""
    from strategies.document_json import document_dump
    from strategies.rendering import document_view

    with translation.override(lang):
        key = page_key(strategy, "preview")
        html = cache.get(key)
        if html is None:
            content = document_dump(strategy_document(strategy.pk))
            html = render_to_string(
                "strategies/_document.html", {"view": document_view(content, lang), "draft": True}
            )
            cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - our template's output


def reference_changed(**_kwargs) -> None:
    """A reference row the checks or the document read changed: every cached panel and preview
    is computed again."""
    cache.set(REFERENCE_GENERATION, _new_generation(), None)


_REFERENCE_MODELS = (
    HigherLevelDocument, SmartCityInitiative, RecommendedIndicator, SdgGoal, SdgTarget, City,
    Region, Settlement,
)  # fmt: skip
for _model in _REFERENCE_MODELS:
    post_save.connect(reference_changed, sender=_model, dispatch_uid=f"panels-{_model.__name__}")
    post_delete.connect(reference_changed, sender=_model, dispatch_uid=f"panels-{_model.__name__}-")
