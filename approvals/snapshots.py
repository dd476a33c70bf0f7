"""Freezing a strategy into a snapshot, and checking one: the content hash is SHA-256 over the
canonical JSON (sorted keys, no insignificant whitespace, UTF-8).

A snapshot holds everything it shows: the document (strategies.document_json) and, under
"references", the names in every language of the reference rows it cites (strategies.references),
so an approved edition never changes after approval. Those rows cannot be deleted while a snapshot
cites them (`snapshot_citations`, registered with core.citations). Snapshots frozen before they
carried "references" still render: the reader looks the names up (strategies.rendering).
"""

import hashlib
import json
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Max, Q
from django.db.models.functions import Cast
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from approvals.models import Snapshot
from strategies.document_json import document_dump
from strategies.models import Strategy
from strategies.references import CATALOGUE_OF_MODEL, cited_codes, reference_names
from strategies.rendering import indicator_name, section_title
from strategies.sections import SECTIONS_BY_SLUG
from strategies.selectors import strategy_document


def canonical_json(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def snapshot_content(strategy: Strategy) -> dict:
    """The document as it is now, with the names of every reference row it cites."""
    content = document_dump(strategy_document(strategy.pk))
    content["references"] = reference_names(content)
    return json.loads(canonical_json(content))


def snapshot_freeze(*, strategy: Strategy, actor) -> Snapshot:
    """Freeze the whole document as it is now (call inside the submitting transaction)."""
    content = snapshot_content(strategy)
    number = (strategy.snapshots.aggregate(n=Max("number"))["n"] or 0) + 1
    return Snapshot.objects.create(
        strategy=strategy,
        number=number,
        content=content,
        content_hash=content_hash(content),
        created_by=actor,
    )


def snapshot_is_intact(snapshot: Snapshot) -> bool:
    """Whether the stored content still matches its hash."""
    return content_hash(snapshot.content) == snapshot.content_hash


def snapshots_citing(rows: list[models.Model]) -> list[tuple[Snapshot, models.Model]]:
    """(snapshot, row) for every snapshot that cites one of `rows` (reference rows of the
    catalogues in strategies.references; rows of other models are ignored).

    The database narrows the snapshots to those whose JSON text holds a wanted code as a string
    (it works alike on PostgreSQL and SQLite); the document layout then decides.
    """
    wanted = {}
    for row in rows:
        catalogue = CATALOGUE_OF_MODEL.get(type(row))
        if catalogue is not None:
            wanted[(catalogue.key, row.code)] = row
    if not wanted:
        return []
    text_holds = reduce(or_, (Q(text__contains=json.dumps(code)) for _key, code in wanted))
    candidates = (
        Snapshot.objects.alias(text=Cast("content", models.TextField()))
        .filter(text_holds)
        .select_related("strategy")
        .order_by("strategy_id", "number")
    )
    found = []
    for snapshot in candidates:
        cited = cited_codes(snapshot.content)
        found += [(snapshot, row) for (key, code), row in wanted.items() if code in cited[key]]
    return found


def snapshot_citations(rows: list[models.Model]) -> list[tuple[models.Model, str]]:
    """(row, the snapshot that cites it, in words) for core.citations."""
    return [
        (
            row,
            _("snapshot #%(number)s of “%(strategy)s” (frozen on %(date)s)")
            % {
                "number": snapshot.number,
                "strategy": snapshot.strategy,
                "date": date_format(timezone.localdate(snapshot.created_at), "SHORT_DATE_FORMAT"),
            },
        )
        for snapshot, row in snapshots_citing(rows)
    ]


def remark_target(remark) -> str:
    """What a remark points at, in the active language: the section's title, or the indicator's
    name as the snapshot the remark was made on holds it. The label stored with the remark (in
    the language of the moment it was made) only when neither is found."""
    lang = translation.get_language()
    if remark.indicator_id is not None:
        name = indicator_name(remark.decision.snapshot.content, remark.indicator_id, lang)
        if name is not None:
            return _("Indicator: %(name)s") % {"name": name}
    elif remark.section in SECTIONS_BY_SLUG:
        return section_title(remark.section)
    return remark.target_label
