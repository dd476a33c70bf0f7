"""Freezing a strategy into a snapshot, and checking one: the content hash is SHA-256 over the
canonical JSON (sorted keys, no insignificant whitespace, UTF-8)."""

import hashlib
import json

from django.db.models import Max

from approvals.models import Snapshot
from strategies.document_json import document_dump
from strategies.models import Strategy
from strategies.selectors import strategy_document


def canonical_json(content: dict) -> bytes:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def content_hash(content: dict) -> str:
    return hashlib.sha256(canonical_json(content)).hexdigest()


def snapshot_freeze(*, strategy: Strategy, actor) -> Snapshot:
    """Freeze the whole document as it is now (call inside the submitting transaction)."""
    content = json.loads(canonical_json(document_dump(strategy_document(strategy.pk))))
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
