"""The document as JSON: what a snapshot freezes and what an amendment starts from."""

import json
import re
from uuid import UUID

import pytest

from indicators.models import Indicator
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document

pytestmark = pytest.mark.django_db


def normalised(document: dict) -> str:
    """The dump without database identities (problem keys, indicator ids)."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return re.sub(r'"(id|key)": (\d+|"p\d+")|"p\d+"', "", text)


def test_a_dumped_document_loads_back_to_the_same_content(almaty, almaty_approved):
    # `almaty` is the amendment strategy_amend loaded (document_load) from the approved edition.
    from approvals.services import published_snapshot

    edition = published_snapshot(almaty_approved).content
    dumped = document_dump(strategy_document(almaty.pk))
    assert len(dumped["directions"]) == 5
    assert sum(len(d["indicators"]) for d in dumped["directions"].values()) >= 20
    # Monitoring values are not content; the identity an amendment keeps is.
    assert not any("yearly" in i for d in dumped["directions"].values() for i in d["indicators"])

    assert almaty.amends == almaty_approved and almaty.state == Strategy.State.DRAFT
    # (A snapshot may carry more than the document, e.g. the references it cites.)
    assert normalised(dumped) == normalised({key: edition[key] for key in dumped})
    assert set(
        Indicator.objects.filter(direction__strategy=almaty).values_list("uid", flat=True)
    ) == set(
        Indicator.objects.filter(direction__strategy=almaty_approved).values_list("uid", flat=True)
    )


def test_a_document_loaded_as_a_new_strategy_gets_new_indicator_identities(almaty, new_editor):
    dumped = document_dump(strategy_document(almaty.pk))
    dumped.update(city="shymkent", settlements=[])

    copy = document_load(dumped, actor=new_editor)

    copied = set(Indicator.objects.filter(direction__strategy=copy).values_list("uid", flat=True))
    assert copied and not copied & {
        UUID(i["uid"]) for d in dumped["directions"].values() for i in d["indicators"]
    }


def test_the_dump_is_deterministic(almaty):
    first = json.dumps(document_dump(strategy_document(almaty.pk)), sort_keys=True)
    second = json.dumps(document_dump(strategy_document(almaty.pk)), sort_keys=True)
    assert first == second
