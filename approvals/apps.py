"""Application config of approvals."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApprovalsConfig(AppConfig):
    name = "approvals"
    verbose_name = _("Approval route")

    def ready(self) -> None:
        from approvals.snapshots import snapshot_citations
        from core.citations import register_citation_source
        from strategies.references import CATALOGUES

        # Snapshots cite reference rows by code: none of those may be deleted.
        register_citation_source(snapshot_citations, cited=[c.model for c in CATALOGUES])
