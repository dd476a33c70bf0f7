"""Reference rows that frozen records cite by code rather than by foreign key (a snapshot names the
higher-level documents of its vision, say), which the database alone cannot protect.

The owner of such records registers a source (approvals registers its snapshots); before a row is
deleted the sources are asked who cites it: the admin refuses with the reason (core.admin), and
any other deletion raises ProtectedError (a pre_delete guard), so nothing a frozen record shows
can disappear.
"""

from collections.abc import Callable, Iterable

from django.contrib.admin.utils import NestedObjects
from django.db import models, router
from django.db.models.signals import pre_delete
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# A source receives rows about to be deleted and returns (row, the record that cites it, in
# words) for every row one of its records cites.
CitationSource = Callable[[list[models.Model]], list[tuple[models.Model, str]]]
SHOWN_RECORDS = 3

_sources: list[CitationSource] = []


def register_citation_source(source: CitationSource, *, cited: Iterable[type[models.Model]]):
    """Ask `source` before any row of the `cited` models is deleted (call from AppConfig.ready)."""
    if source not in _sources:
        _sources.append(source)
    for model in cited:
        pre_delete.connect(_refuse_cited, sender=model, dispatch_uid=f"cited:{model._meta.label}")


def _cited(rows: list[models.Model]) -> dict[models.Model, list[str]]:
    found: dict[models.Model, list[str]] = {}
    for source in _sources:
        for row, record in source(rows):
            found.setdefault(row, []).append(record)
    return found


def refusals(objects: Iterable[models.Model]) -> list[str]:
    """Why `objects` cannot be deleted (with the rows deleting them would cascade to): one
    translated sentence per cited row, naming the records that cite it; empty when none is."""
    objects = list(objects)
    if not objects or not _sources:
        return []
    collector = NestedObjects(using=router.db_for_write(type(objects[0])))
    collector.collect(objects)
    return _sentences(_cited([row for rows in collector.data.values() for row in rows]))


def _sentences(cited: dict[models.Model, list[str]]) -> list[str]:
    sentences = []
    for row, records in cited.items():
        named = "; ".join(records[:SHOWN_RECORDS])
        if len(records) > SHOWN_RECORDS:
            more = len(records) - SHOWN_RECORDS
            named += ngettext(" and %(n)s more", " and %(n)s more", more) % {"n": more}
        sentences.append(
            _("The %(kind)s “%(row)s” cannot be deleted: %(records)s cite it, and a frozen "
              "record never changes.")
            % {"kind": row._meta.verbose_name, "row": row, "records": named}
        )  # fmt: skip
    return sentences


def _refuse_cited(sender, instance, **kwargs) -> None:
    reasons = _sentences(_cited([instance]))
    if reasons:
        raise models.ProtectedError(" ".join(reasons), {instance})
