"""The public edition's page at the speed of its bytes (issue 14): an approved snapshot never
changes, so its document is rendered once per snapshot, language and template version, and the
page an anonymous reader gets is one byte string per edition, reading language, interface
language and template version, served with a strong ETag (304 on If-None-Match).

What the page shows besides the frozen document is part of its key, read in one query per
request: the strategy's state and the approved amendment that replaced it, and the version of the
city's monitoring values (approvals.public_edition.EditionPageHead). A signed-in reader's page
has their own header (name, notifications, sign-out form with its CSRF token): it is rendered
per request around the same cached document. The anonymous page carries no CSRF token (the same
bytes for every reader): its language switch is links, and the PDF buttons' script sends the
token from the CSRF cookie, which the view makes sure the reader has.
"""

import hashlib
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Subquery, Sum
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from approvals.models import Process
from core.compiled_query import CompiledQuery
from core.local_cache import LocalBytes, immutable_bytes
from core.page_sources import template_version
from indicators.models import YearlyValue
from indicators.selectors import yearly_by_identity
from strategies.models import RoadmapProgress, Strategy
from strategies.rendering import document_view

CACHE_SECONDS = 7 * 24 * 3600
LOCAL = LocalBytes(limit=64 * 1024 * 1024)  # an edition of 200 indicators is about 300 KiB


@dataclass(frozen=True)
class EditionPageHead:
    """What the public edition's page depends on besides the template, read in one query."""

    pk: int
    city_id: int
    state: str
    snapshot_id: int
    snapshot_number: int
    content_hash: str
    superseded_by: int | None
    monitoring: str

    def key(self, document_lang: str, interface_lang: str) -> str:
        return ":".join(
            str(part)
            for part in (
                "edition-page", self.pk, self.content_hash, self.state, self.superseded_by or "-",
                self.monitoring, document_lang, interface_lang, template_version(),
            )
        )  # fmt: skip

    def etag(self, document_lang: str, interface_lang: str) -> str:
        """A strong ETag: the anonymous page's bytes are exactly those of its key."""
        digest = hashlib.sha256(self.key(document_lang, interface_lang).encode()).hexdigest()
        return f'"{self.content_hash[:16]}-{digest[:24]}"'


def _head_queryset(pk: int):
    """The query of edition_page_head, for one strategy."""
    approved = Process.objects.filter(
        strategy=OuterRef("pk"), state=Process.State.APPROVED
    ).order_by("-finished_at")
    values = YearlyValue.objects.filter(city_id=OuterRef("city_id")).order_by().values("city_id")
    # The road map's yearly monitoring is shown beside the document (strategies.templatetags.
    # roadmap): a recorded year changes the page too.
    roadmap = RoadmapProgress.objects.filter(city_id=OuterRef("city_id")).order_by()
    roadmap = roadmap.values("city_id")
    return (
        Strategy.objects.filter(pk=pk)
        .order_by()
        .annotate(
            approved_snapshot=Subquery(approved.values("snapshot_id")[:1]),
            approved_number=Subquery(approved.values("snapshot__number")[:1]),
            approved_hash=Subquery(approved.values("snapshot__content_hash")[:1]),
            newer=Subquery(
                Strategy.objects.filter(amends=OuterRef("pk"), state=Strategy.State.APPROVED)
                .order_by("-created_at")
                .values("pk")[:1]
            ),
            values_count=Subquery(values.annotate(n=Count("pk")).values("n")),
            values_versions=Subquery(values.annotate(n=Sum("version")).values("n")),
            values_last=Subquery(values.annotate(n=Max("updated_at")).values("n")),
            roadmap_count=Subquery(roadmap.annotate(n=Count("pk")).values("n")),
            roadmap_versions=Subquery(roadmap.annotate(n=Sum("version")).values("n")),
            roadmap_last=Subquery(roadmap.annotate(n=Max("updated_at")).values("n")),
        )
        .values(
            "city_id", "state", "approved_snapshot", "approved_number", "approved_hash", "newer",
            "values_count", "values_versions", "values_last", "roadmap_count",
            "roadmap_versions", "roadmap_last",
        )
    )  # fmt: skip


# Compiled once per process: every request, 304s included, runs it (core.compiled_query).
_HEAD = CompiledQuery(_head_queryset)


def edition_page_head(pk: int) -> EditionPageHead | None:
    """The published edition of strategy `pk` as its page depends on it (one query), or None when
    the strategy has no approved snapshot. The monitoring version changes whenever one of the
    city's values or road map monitoring years is added, changed or removed (how many, the sum
    of their row versions, the last change), as indicators.selectors.monitoring_version."""
    row = _HEAD.first(pk)
    if row is None or row["approved_snapshot"] is None:
        return None
    last = row["values_last"].timestamp() if row["values_last"] else 0
    roadmap_last = row["roadmap_last"].timestamp() if row["roadmap_last"] else 0
    return EditionPageHead(
        pk=pk,
        city_id=row["city_id"],
        state=row["state"],
        snapshot_id=row["approved_snapshot"],
        snapshot_number=row["approved_number"],
        content_hash=row["approved_hash"],
        superseded_by=row["newer"],
        monitoring=f"{row['values_count'] or 0}.{row['values_versions'] or 0}.{last:.6f}"
        f"-{row['roadmap_count'] or 0}.{row['roadmap_versions'] or 0}.{roadmap_last:.6f}",
    )


def document_html(head: EditionPageHead, lang: str) -> SafeString:
    """The frozen document in `lang` as HTML (strategies/_document.html), rendered once per
    snapshot, language and template version."""
    from approvals.models import Snapshot

    def build() -> bytes:
        content = Snapshot.objects.values_list("content", flat=True).get(pk=head.snapshot_id)
        with translation.override(lang):
            view = document_view(content, lang, yearly=yearly_by_identity(head.city_id))
            html = render_to_string("strategies/_document.html", {"view": view, "draft": False})
        return html.encode()

    # With the monitoring version: the indicators' charts may show their yearly plan and actual.
    key = f"edition-document:{head.content_hash}:{head.monitoring}:{lang}:{template_version()}"
    return mark_safe(immutable_bytes(LOCAL, key, build, timeout=CACHE_SECONDS).decode())  # noqa: S308 - our template's output


def anonymous_page(head: EditionPageHead, document_lang: str, build) -> bytes:
    """The whole page an anonymous reader gets, in the active interface language: `build()`
    renders it (once per key)."""
    key = head.key(document_lang, translation.get_language())
    return immutable_bytes(LOCAL, key, build, timeout=CACHE_SECONDS)
