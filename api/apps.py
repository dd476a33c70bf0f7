from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "api"
    verbose_name = _("API and open data")

    def ready(self) -> None:
        # The schema generator learns how API keys authenticate (drf-spectacular extension).
        from api import schema  # noqa: F401
