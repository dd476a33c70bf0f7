"""Every audit event reads as a sentence in the reader's language, never as its type code: in
the timeline, the history and the administrators' log."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from core.audit_labels import event_types, field_label
from core.models import AuditEvent
from indicators.models import Indicator

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = re.compile(r'event_type=(f?)"([a-z_.{}]+)"')


def written_event_types() -> set[tuple[bool, str]]:
    """Every event type our code writes (audit_record(..., event_type="...")): (is a pattern, code)."""
    found = set()
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "tests", "node_modules"}:
            continue
        for is_pattern, code in WRITTEN.findall(path.read_text(encoding="utf-8")):
            found.add((bool(is_pattern), code))
    return found


def test_every_event_type_written_has_its_sentence():
    registered = set(event_types())
    written = written_event_types()
    assert (False, "approval.submitted") in written
    missing = []
    for is_pattern, code in written:
        if is_pattern:
            pattern = re.compile(re.sub(r"\\\{[a-z_]+\\\}", "[a-z_]+", re.escape(code)) + "$")
            if not any(pattern.match(known) for known in registered):
                missing.append(code)
        elif code not in registered:
            missing.append(code)
    assert not missing, missing


@pytest.mark.django_db
def test_a_label_keeps_an_abbreviation_in_capitals():
    with translation.override("kk"):
        label = field_label(Indicator, "sdg_target")
    assert label.startswith("ТДМ")  # not "Тдм" (str.capitalize lowercases the rest)


@pytest.mark.django_db
def test_the_administrators_log_reads_each_event_as_a_sentence(admin_client, almaty):
    assert AuditEvent.objects.filter(event_type="approval.submitted").exists()
    page = admin_client.get(reverse("admin:core_auditevent_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('class="field-what_happened"') >= 10
    shown_raw = [code for code in event_types() if f">{code}<" in html]
    assert not shown_raw, shown_raw
