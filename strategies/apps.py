"""Application config of strategies."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StrategiesConfig(AppConfig):
    name = "strategies"
    verbose_name = _("Strategies")

    def ready(self):
        # The editor's side panels are recomputed when a reference row they read changes.
        from strategies import panels  # noqa: F401
