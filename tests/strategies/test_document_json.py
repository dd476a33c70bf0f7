"""The document as JSON: what a snapshot freezes and what an amendment starts from."""

import json
import re

import pytest

from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document

pytestmark = pytest.mark.django_db


def normalised(document: dict) -> str:
    """The dump without database identities (problem keys, indicator ids)."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return re.sub(r'"(id|key)": (\d+|"p\d+")|"p\d+"', "", text)


def test_a_dumped_document_loads_back_to_the_same_content(almaty, almaty_editor):
    dumped = document_dump(strategy_document(almaty.pk))
    assert len(dumped["directions"]) == 5
    assert sum(len(d["indicators"]) for d in dumped["directions"].values()) >= 20
    assert any(i["yearly"] for d in dumped["directions"].values() for i in d["indicators"])
    Strategy.objects.filter(pk=almaty.pk).update(state=Strategy.State.APPROVED)

    copy = document_load(dumped, actor=almaty_editor, amends=almaty)

    assert copy.pk != almaty.pk and copy.amends == almaty and copy.state == Strategy.State.DRAFT
    assert normalised(document_dump(strategy_document(copy.pk))) == normalised(dumped)


def test_the_dump_is_deterministic(almaty):
    first = json.dumps(document_dump(strategy_document(almaty.pk)), sort_keys=True)
    second = json.dumps(document_dump(strategy_document(almaty.pk)), sort_keys=True)
    assert first == second
