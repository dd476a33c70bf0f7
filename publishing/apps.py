"""Application config of publishing: PDF renders of strategies."""

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self) -> None:
        checks.register(check_fonts)
        checks.register(check_redelivery)


def check_fonts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """The PDF fonts are there and cover every Kazakh letter (a PDF without them is unreadable)."""
    from publishing.fonts import problems

    return [checks.Error(problem, id="publishing.E001") for problem in problems()]


def check_redelivery(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A render still running must not be delivered to a second worker: the broker's visibility
    timeout (Redis) stays above the task's hard time limit (Celery docs, "Redis: visibility
    timeout")."""
    timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    if timeout <= settings.CELERY_TASK_TIME_LIMIT:
        return [
            checks.Error(
                f"visibility_timeout ({timeout} s) must exceed CELERY_TASK_TIME_LIMIT "
                f"({settings.CELERY_TASK_TIME_LIMIT} s)",
                id="publishing.E002",
            )
        ]
    return []
