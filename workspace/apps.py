"""Application config of workspace: the home page, each role's work queue and the public index,
a room above strategies and approvals (both are read here; neither knows of this app)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "workspace"
    verbose_name = _("Home and work queues")
