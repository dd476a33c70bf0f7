"""The Methodology compliance check: one check per machine-checkable rule of PRODUCT.md, each with
a stable code and the paragraph it enforces. The editor shows it live; submission for approval
is refused while a mandatory check fails."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.i18n import DRAFTING_LANGUAGES
from indicators.charts import indicator_data, series_data
from indicators.models import MILESTONE_YEARS, YearlyValue
from indicators.selectors import trajectory_history
from indicators.trajectory import check_trajectory
from strategies.models import (
    AnalysisSeries,
    DirectionKind,
    RoadmapItem,
    SmartCityInitiative,
    SmartCitySphere,
    Strategy,
    SwotItem,
)
from strategies.models.analysis import SERIES_YEARS
from strategies.models.document import HORIZON_YEAR
from strategies.models.smartcity import base_list_year
from strategies.sections import SECTIONS, expected_texts, has_text


@dataclass(frozen=True)
class Finding:
    """One place that breaks a rule: what is wrong, the section where it is fixed and the id of
    the field or form there that fixes it (the editor's ids: field-<input id> for a field,
    <part>-new for a new item's form, <part>-<pk> for an item's)."""

    message: str
    section: str
    anchor: str = ""


NARRATIVE = "field-id_analysis-narrative_kk"


@dataclass(frozen=True)
class Check:
    code: str
    paragraph: str
    title: Promise
    section: str
    run: Callable[[Strategy], list[Finding]]
    mandatory: bool = True


@dataclass
class CheckResult:
    check: Check
    findings: list[Finding] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.findings


@dataclass
class ComplianceReport:
    results: list[CheckResult]

    @property
    def mandatory(self) -> list[CheckResult]:
        return [r for r in self.results if r.check.mandatory]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.mandatory)

    @property
    def failing(self) -> list[CheckResult]:
        return [r for r in self.mandatory if not r.passed]

    @property
    def readiness(self) -> int:
        """Share of the mandatory checks that pass, in percent."""
        mandatory = self.mandatory
        return round(100 * sum(r.passed for r in mandatory) / len(mandatory))


CHECKS: list[Check] = []


def check(code: str, paragraph: str, title: Promise, section: str, *, mandatory: bool = True):
    def register(run: Callable[[Strategy], list[Finding]]):
        CHECKS.append(Check(code, paragraph, title, section, run, mandatory))
        return run

    return register


def texts_missing(row, fields: tuple[str, ...]) -> bool:
    """A required text is missing when it is empty in both drafting languages."""
    return any(not any(has_text(row, f, lang) for lang in DRAFTING_LANGUAGES) for f in fields)


@check(
    "analysis.narrative",
    "p.5, 17",
    _("The analysis of the current situation is written"),
    "analysis",
)
def _analysis_narrative(doc: Strategy) -> list[Finding]:
    if texts_missing(doc.analysis, ("narrative",)):
        return [Finding(str(_("The analysis narrative is empty.")), "analysis", NARRATIVE)]
    return []


@check(
    "analysis.series", "p.18", _("Every ten-year series of p.18 is given with its source"), "series"
)
def _analysis_series(doc: Strategy) -> list[Finding]:
    findings = []
    for kind in AnalysisSeries.Kind:
        rows = [s for s in doc.series.all() if s.kind == kind]
        if not rows:
            findings.append(
                Finding(
                    str(_("No series: %(kind)s.") % {"kind": kind.label}), "series", "series-new"
                )
            )
        for series in rows:
            years = sorted(v.year for v in series.values.all())
            if not _has_consecutive(years, SERIES_YEARS):
                findings.append(
                    Finding(
                        str(
                            _("%(series)s: fewer than %(n)s consecutive years.")
                            % {"series": series, "n": SERIES_YEARS}
                        ),
                        "series",
                        f"series-{series.pk}",
                    )
                )
            if texts_missing(series, ("source",)):
                findings.append(
                    Finding(
                        str(_("%(series)s: the source is missing.") % {"series": series}),
                        "series",
                        f"series-{series.pk}",
                    )
                )
    return findings


def _has_consecutive(years: list[int], length: int) -> bool:
    run = best = 0
    previous = None
    for year in years:
        run = run + 1 if previous is not None and year == previous + 1 else 1
        best, previous = max(best, run), year
    return best >= length


@check(
    "analysis.institutions", "p.18", _("Universities and colleges are described"), "institutions"
)
def _analysis_institutions(doc: Strategy) -> list[Finding]:
    kinds = {i.kind for i in doc.institutions.all()}
    findings = []
    if "university" not in kinds:
        findings.append(
            Finding(str(_("No university is described.")), "institutions", "institutions-new")
        )
    if "college" not in kinds:
        findings.append(
            Finding(
                str(_("No technical and vocational college is described.")),
                "institutions",
                "institutions-new",
            )
        )
    return findings


@check(
    "analysis.evidence",
    "p.6",
    _("The evidence base lists surveys, interviews, focus groups or consultations"),
    "evidence",
)
def _analysis_evidence(doc: Strategy) -> list[Finding]:
    if not doc.evidence.all():
        return [
            Finding(
                str(_("No survey, interview, focus group or consultation is recorded.")),
                "evidence",
                "evidence-new",
            )
        ]
    return []


@check("analysis.swot", "p.6", _("The SWOT matrix is filled"), "swot")
def _swot(doc: Strategy) -> list[Finding]:
    present = {item.quadrant for item in doc.swot_items.all()}
    return [
        Finding(
            str(_("The SWOT matrix has no %(quadrant)s.") % {"quadrant": q.label}),
            "swot",
            f"quadrant-{q.value}",
        )
        for q in SwotItem.Quadrant
        if q.value not in present
    ]


@check(
    "international.case",
    "p.19",
    _("At least one international case with its conclusion for the city"),
    "cases",
)
def _international_case(doc: Strategy) -> list[Finding]:
    cases = list(doc.international_cases.all())
    if not cases:
        return [Finding(str(_("No international case is described.")), "cases", "cases-new")]
    if all(texts_missing(case, ("conclusion",)) for case in cases):
        return [
            Finding(
                str(_("No international case has a conclusion for the city.")),
                "cases",
                f"cases-{cases[0].pk}",
            )
        ]
    return []


@check("vision.text", "p.20", _("The vision is written"), "vision")
def _vision_text(doc: Strategy) -> list[Finding]:
    if texts_missing(doc.vision, ("text",)):
        return [Finding(str(_("The vision is empty.")), "vision", "field-id_vision-text_kk")]
    return []


@check("vision.documents", "p.12", _("The vision serves Strategy Kazakhstan-2050"), "vision")
def _vision_documents(doc: Strategy) -> list[Finding]:
    from strategies.models import HigherLevelDocument

    linked = {d.pk for d in doc.vision.documents.all()}
    return [
        Finding(
            str(_("The vision is not linked to “%(document)s”.") % {"document": document}),
            "vision",
            "field-id_vision-documents",
        )
        for document in HigherLevelDocument.objects.filter(mandatory=True)
        if document.pk not in linked
    ]


@check(
    "directions.content",
    "p.8, 17",
    _("Each of the five directions has its situation, problems and solutions"),
    "direction-creative_economy",
)
def _directions(doc: Strategy) -> list[Finding]:
    findings = []
    directions = {d.kind: d for d in doc.directions.all()}
    for kind in DirectionKind:
        section = f"direction-{kind.slug}"
        direction = directions.get(kind)
        if direction is None:
            findings.append(
                Finding(
                    str(
                        _("%(direction)s: the direction is missing.")
                        % {"direction": capfirst(kind.label)}
                    ),
                    section,
                )
            )
            continue
        if texts_missing(direction, ("current_situation",)):
            findings.append(
                Finding(
                    str(
                        _("%(direction)s: the current situation is not described.")
                        % {"direction": capfirst(kind.label)}
                    ),
                    section,
                    "field-id_direction-current_situation_kk",
                )
            )
        if not direction.problems.all():
            findings.append(
                Finding(
                    str(
                        _("%(direction)s: no problem is named.")
                        % {"direction": capfirst(kind.label)}
                    ),
                    section,
                    "problems-new",
                )
            )
        if not direction.solutions.all():
            findings.append(
                Finding(
                    str(
                        _("%(direction)s: no solution is given.")
                        % {"direction": capfirst(kind.label)}
                    ),
                    section,
                    "solutions-new",
                )
            )
    return findings


@check(
    "directions.answers",
    "p.8",
    _("Every problem is answered by a solution"),
    "direction-creative_economy",
)
def _answers(doc: Strategy) -> list[Finding]:
    if not any(d.problems.all() for d in doc.directions.all()):
        return [
            Finding(
                str(_("No problem has been named yet.")),
                "direction-creative_economy",
                "problems-new",
            )
        ]
    findings = []
    for direction in doc.directions.all():
        answered = {p.pk for s in direction.solutions.all() for p in s.problems.all()}
        for problem in direction.problems.all():
            if problem.pk not in answered:
                findings.append(
                    Finding(
                        str(
                            _("%(direction)s: no solution answers “%(problem)s”.")
                            % {"direction": capfirst(str(direction)), "problem": problem}
                        ),
                        f"direction-{direction.slug}",
                        f"problems-{problem.pk}",
                    )
                )
    return findings


@check(
    "indicators.present",
    "p.9, 26",
    _("Each direction has at least one target indicator"),
    "indicators-creative_economy",
)
def _indicators_present(doc: Strategy) -> list[Finding]:
    return [
        Finding(
            str(_("%(direction)s: no target indicator.") % {"direction": capfirst(str(d))}),
            f"indicators-{d.slug}",
            "indicators-new",
        )
        for d in doc.directions.all()
        if not d.indicators.all()
    ]


def _no_indicator_yet(doc: Strategy) -> list[Finding]:
    """A rule about every indicator is not met while there is none (nothing to assess)."""
    if any(d.indicators.all() for d in doc.directions.all()):
        return []
    return [
        Finding(
            str(_("No target indicator has been set yet.")),
            "indicators-creative_economy",
            "indicators-new",
        )
    ]


@check(
    "indicators.complete",
    "p.26",
    _("Every indicator has unit, baseline, the five milestones, source and collection tool"),
    "indicators-creative_economy",
)
def _indicators_complete(doc: Strategy) -> list[Finding]:
    findings = _no_indicator_yet(doc)
    for direction in doc.directions.all():
        for indicator in direction.indicators.all():
            missing = []
            if texts_missing(indicator, ("unit",)):
                missing.append(str(_("unit")))
            if indicator.baseline_year is None or indicator.baseline_value is None:
                missing.append(str(_("baseline")))
            years = {m.year for m in indicator.milestones.all()}
            missing += [str(year) for year in MILESTONE_YEARS if year not in years]
            if texts_missing(indicator, ("source",)):
                missing.append(str(_("source of information")))
            if texts_missing(indicator, ("collection_tool",)):
                missing.append(str(_("data collection tool")))
            if missing:
                findings.append(
                    Finding(
                        str(
                            _("%(indicator)s: missing %(what)s.")
                            % {"indicator": indicator, "what": ", ".join(missing)}
                        ),
                        f"indicators-{direction.slug}",
                        f"indicators-{indicator.pk}",
                    )
                )
    return findings


@check(
    "indicators.criteria",
    "p.26",
    _("Every indicator meets the p.26 criteria"),
    "indicators-creative_economy",
)
def _indicators_criteria(doc: Strategy) -> list[Finding]:
    return _no_indicator_yet(doc) + [
        Finding(
            str(
                _("%(indicator)s: the p.26 criteria are not all confirmed.")
                % {"indicator": indicator}
            ),
            f"indicators-{direction.slug}",
            f"indicators-{indicator.pk}",
        )
        for direction in doc.directions.all()
        for indicator in direction.indicators.all()
        if not (
            indicator.comparable
            and indicator.sufficient_data
            and indicator.complete
            and indicator.attainable_measurable
        )
    ]


@check(
    "mechanism", "p.17", _("The implementation and monitoring mechanism is described"), "mechanism"
)
def _mechanism(doc: Strategy) -> list[Finding]:
    if texts_missing(doc.mechanism, ("responsible_bodies", "procedure")):
        return [
            Finding(
                str(
                    _("The responsible bodies and the monitoring procedure are not both described.")
                ),
                "mechanism",
                "field-id_mechanism-responsible_bodies_kk",
            )
        ]
    return []


@check(
    "languages",
    # Not a paragraph number: the law's name is read in the reader's language where shown.
    gettext_noop("Law “On languages”, art. 9"),
    _("Kazakh and Russian texts are both complete"),
    "general",
)
def _languages(doc: Strategy) -> list[Finding]:
    findings = []
    written = False
    for section in SECTIONS:
        for row in section.rows(doc):
            for name in expected_texts(row):
                missing = [lang for lang in DRAFTING_LANGUAGES if not has_text(row, name, lang)]
                # The title is set on creation: content starts with the analysis.
                written = written or (
                    section.slug != "general" and len(missing) < len(DRAFTING_LANGUAGES)
                )
                if missing and len(missing) < len(DRAFTING_LANGUAGES):
                    findings.append(
                        Finding(
                            str(
                                _("%(section)s: “%(field)s” is not written in %(languages)s.")
                                % {
                                    "section": section.title,
                                    "field": row._meta.get_field(name).verbose_name,
                                    "languages": ", ".join(lang.upper() for lang in missing),
                                }
                            ),
                            section.slug,
                        )
                    )
    if not written:
        findings.append(
            Finding(str(_("Nothing is written yet in Kazakh or Russian.")), "analysis", NARRATIVE)
        )
    return findings


@check(
    "functional_area",
    "p.11",
    _("The settlements of the functional urban area are named"),
    "general",
    mandatory=False,
)
def _functional_area(doc: Strategy) -> list[Finding]:
    if not doc.settlements.all():
        return [
            Finding(
                str(_("No settlement of the functional urban area is named.")),
                "general",
                "field-id_strategy-settlements",
            )
        ]
    return []


@check(
    "benchmarks",
    "p.10",
    _("Indicators are compared with the best cities"),
    "indicators-creative_economy",
    mandatory=False,
)
def _benchmarks(doc: Strategy) -> list[Finding]:
    """Advisory: at least one indicator carries a best city's value. The finding links to the
    form adding one to the first indicator (on its direction's page, that indicator opened), or,
    while there is no indicator, to the form adding an indicator."""
    indicators = [(d, i) for d in doc.directions.all() for i in d.indicators.all()]
    if any(i.benchmarks.all() for _d, i in indicators):
        return []
    message = str(_("No indicator has a benchmark-city value."))
    if not indicators:
        return [Finding(message, "indicators-creative_economy", "indicators-new")]
    direction, indicator = indicators[0]
    return [Finding(message, f"indicators-{direction.slug}", f"benchmarks-new-{indicator.pk}")]


@check(
    "indicators.trajectory",
    "p.18, 26",
    _("The milestones follow a plausible trajectory"),
    "indicators-creative_economy",
    mandatory=False,
)
def _indicators_trajectory(doc: Strategy) -> list[Finding]:
    """Advice only (indicators.trajectory, where the rules and their reasoning are written)."""
    series = [series_data(s) for s in doc.series.all()]
    indicators = [(d, i) for d in doc.directions.all() for i in d.indicators.all()]
    values: dict = {}
    for value in YearlyValue.objects.filter(
        city_id=doc.city_id, indicator_uid__in=[i.uid for _d, i in indicators]
    ):
        values.setdefault(value.indicator_uid, []).append(value)
    year = timezone.localdate().year
    findings = []
    for direction, indicator in indicators:
        data = indicator_data(indicator)
        history = trajectory_history(data, series, values.get(indicator.uid, []))
        findings += [
            Finding(
                f"{indicator}: {advice.message}",
                f"indicators-{direction.slug}",
                f"indicators-{indicator.pk}",
            )
            for advice in check_trajectory(data, history=history, today_year=year)
        ]
    return findings


# The 2025 smart-city reference standard (order of the Ministry of Digital Development of
# 12 September 2025): advisory checks of the smartcity / digitalization direction.
SMARTCITY_STANDARD = gettext_noop("Smart-city reference standard, 2025")


@check(
    "smartcity.assessment",
    SMARTCITY_STANDARD,
    _("Every sphere of the standard is self-assessed for the current year"),
    "smartcity",
    mandatory=False,
)
def _smartcity_assessment(doc: Strategy) -> list[Finding]:
    year = timezone.localdate().year
    assessed = {a.sphere for a in doc.sphere_assessments.all() if a.year == year}
    return [
        Finding(
            str(
                _("%(sphere)s: no self-assessment for %(year)s.")
                % {"sphere": capfirst(sphere.label), "year": year}
            ),
            "smartcity",
            "assessments-new",
        )
        for sphere in SmartCitySphere
        if sphere.value not in assessed
    ]


@check(
    "smartcity.base_list",
    SMARTCITY_STANDARD,
    _(
        "Every base-list initiative meant for the city's group is on the road map or marked "
        "“not planned” with a reason"
    ),
    "smartcity",
    mandatory=False,
)
def _smartcity_base_list(doc: Strategy) -> list[Finding]:
    items = {r.initiative_id: r for r in doc.roadmap.all() if r.initiative_id}
    findings = []
    for initiative in SmartCityInitiative.objects.of_year(base_list_year(doc)).for_group(
        doc.smartcity_group
    ):
        item = items.get(initiative.pk)
        if item is None:
            message = _("“%(initiative)s” of the base list is not on the road map.")
        elif item.status == RoadmapItem.Status.NOT_PLANNED and texts_missing(item, ("reason",)):
            message = _("“%(initiative)s” is not planned, but no reason is given.")
        else:
            continue
        findings.append(
            Finding(
                str(message % {"initiative": initiative}),
                "smartcity",
                f"roadmap-{item.pk}" if item else "roadmap-new",
            )
        )
    return findings


@check(
    "smartcity.roadmap",
    SMARTCITY_STANDARD,
    _("Every road map item has a responsible body and a deadline by 2050"),
    "smartcity",
    mandatory=False,
)
def _smartcity_roadmap(doc: Strategy) -> list[Finding]:
    findings = []
    for item in doc.roadmap.all():
        if item.status == RoadmapItem.Status.NOT_PLANNED:
            continue
        if texts_missing(item, ("responsible",)):
            message = _("“%(item)s”: no responsible body.")
        elif item.deadline is None:
            message = _("“%(item)s”: no deadline.")
        elif item.deadline.year > HORIZON_YEAR:
            message = _("“%(item)s”: the deadline is after the 2050 horizon.")
        else:
            continue
        findings.append(Finding(str(message % {"item": item}), "smartcity", f"roadmap-{item.pk}"))
    return findings


def compliance_check(doc: Strategy) -> ComplianceReport:
    """Run every check on a document loaded by selectors.strategy_document."""
    return ComplianceReport([CheckResult(c, c.run(doc)) for c in CHECKS])
