"""WCAG 2.1 AA in real Chromium: axe-core (npm, pinned by package-lock.json; `npm ci`) over every
kind of page, with every <details> opened (axe cannot see inside a closed one). No critical or
serious violation. In Kazakh every page of the visitor and of each role; in Russian and English
(the same markup with other words: what differs is the lang attributes, labels and lengths) the
visitor's pages and the pages of Almaty's editor, who reaches every kind of the editor's,
monitoring and route pages."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.pages import pages_in_every_state

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA (axe-core's tags for them).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"critical", "serious"}

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""


def audit(page) -> list[dict]:
    """axe-core's critical and serious violations of the page, every <details> opened."""
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE, TAGS)
    return [violation for violation in violations if violation["impact"] in BLOCKING]


@pytest.fixture
def chromium_for_audit(open_page):
    """Pages that let axe-core in: our CSP (script-src 'self') refuses an injected script. The
    longest documents (the approved edition) take a while on a busy machine."""

    def open_as(username: str | None, lang: str):
        return open_page(
            username, lang=lang, viewport=(1280, 900), bypass_csp=True, timeout=15_000,
            navigation_timeout=60_000,
        )  # fmt: skip

    return open_as


# Whose pages are audited in each language: None, everyone's (the visitor's and every role's);
# else the pages of these users (None: the visitor).
AUDITED = {"kk": None, "ru": (None, "almaty.editor"), "en": (None, "almaty.editor")}


@pytest.mark.parametrize("lang", list(AUDITED))
def test_axe_core_finds_no_critical_or_serious_violation_on_any_page(chromium_for_audit, lang):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does)"
    found = []
    visits = pages_in_every_state()
    if AUDITED[lang] is not None:
        visits = {who: paths for who, paths in visits.items() if who in AUDITED[lang]}
    for username, paths in visits.items():
        page = chromium_for_audit(username, lang)
        for path in paths:
            response = page.goto(f"{page.base_url}/{lang}{path}")
            assert response.ok, (lang, username, path, response.status)
            page.wait_for_load_state("load")
            for violation in audit(page):
                found.append((lang, username or "anonymous", path, violation))
    report = "\n".join(
        f"{lang} {who} {path}: {v['impact']} {v['id']} ({v['help']})\n    "
        + "\n    ".join(v["nodes"])
        for lang, who, path, v in found
    )
    assert not found, report
