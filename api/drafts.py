"""What an API client of a city's akimat reads about its working copies: the route's process
(every submission, its stages and decisions) with what the organisation may do now, and the
Methodology compliance report (strategies.compliance)."""

from django.utils import translation

from api.languages import label, merge_languages
from api.route import process_data
from api.selectors import with_stages
from approvals.rules import Action, available_actions, open_process
from core.i18n import CONTENT_LANGUAGES
from core.models import Organisation, User
from strategies.compliance import ComplianceReport, compliance_check
from strategies.models import Strategy
from strategies.selectors import strategy_document


def organisation_actions(strategy: Strategy, organisation: Organisation) -> list[str]:
    """What the organisation's people may do on the strategy now: approvals.rules decides for
    each of its active members; the union, in the order of approvals.rules.Action."""
    process = open_process(strategy)
    allowed: set[str] = set()
    members = User.objects.filter(is_active=True, memberships__organisation=organisation)
    for member in members.distinct():
        allowed |= available_actions(strategy, member, process)
    return [action for action in Action.values if action in allowed]


def route_data(strategy: Strategy, organisation: Organisation) -> dict:
    """The strategy's state, what the organisation may do now, and every submission through the
    route, newest first."""
    processes = with_stages(
        list(strategy.processes.select_related("snapshot", "current_stage").order_by("-started_at"))
    )
    return {
        "strategy": strategy.pk,
        "state": strategy.state,
        "allowed_actions": [
            {"action": action, "title": label(Action(action).label)}
            for action in organisation_actions(strategy, organisation)
        ],
        "processes": [
            {
                "state": process.state,
                "current_stage": process.current_stage.kind if process.current_stage else None,
                **process_data(process),
            }
            for process in processes
        ],
    }


def _report_data(report: ComplianceReport) -> dict:
    return {
        "passed": report.passed,
        "readiness": report.readiness,
        "checks": [
            {
                "code": result.check.code,
                "paragraph": str(result.check.paragraph),
                "title": str(result.check.title),
                "section": result.check.section,
                "mandatory": result.check.mandatory,
                "passed": result.passed,
                "findings": [
                    {"message": str(f.message), "section": f.section, "anchor": f.anchor}
                    for f in result.findings
                ],
            }
            for result in report.results
        ],
    }


def compliance_data(strategy: Strategy, lang: str | None) -> dict:
    """The Methodology compliance report of the working copy: each check with its paragraph,
    whether it passes and its findings; texts in `lang`, else in every language (the check runs
    once per language on the same loaded document)."""
    doc = strategy_document(strategy.pk)
    versions = {}
    for code in [lang] if lang else CONTENT_LANGUAGES:
        with translation.override(code):
            versions[code] = _report_data(compliance_check(doc))
    if lang:
        return versions[lang]
    return merge_languages(versions, frozenset({"paragraph", "title", "message"}))
