"""Application config of publishing: PDF renders of strategies."""

from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        checks.register(check_fonts)


def check_fonts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The PDF fonts are there and cover every Kazakh letter (a PDF without them is unreadable)."""
    from publishing.fonts import problems

    return [checks.Error(problem, id="publishing.E001") for problem in problems()]
