"""Fixtures of the monitoring tests: the real SDG 11 table of Almaty's 2023 VLR in both layouts,
an empty draft to import into, and a fingerprint of everything an import may change."""

from decimal import Decimal
from pathlib import Path

import pytest

from core.models import AuditEvent, Membership, Organisation, User
from indicators.imports.service import import_apply, import_upload
from indicators.models import Indicator, IndicatorImport, YearlyValue
from strategies.models import Strategy
from strategies.services import strategy_create

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CSV = FIXTURES / "almaty-sdg11-plan-fact.csv"
XLSX = FIXTURES / "almaty-sdg11-plan-fact.xlsx"


@pytest.fixture(autouse=True)
def english():
    """Messages asserted in English unless a page's language says otherwise."""
    from django.utils import translation

    translation.activate("en")


def printed(text: str) -> Decimal | None:
    """The value a printed cell shows, read the simplest way (independent of the importer)."""
    text = text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    return None if text in ("", "—", "-") else Decimal(text)


def editor_of(city_code: str) -> User:
    user = User.objects.create_user(f"{city_code}.monitor", password="x-2050-long-password")
    Membership.objects.create(
        user=user,
        organisation=Organisation.objects.get(code=f"city-akimat-{city_code}"),
        role=Membership.Role.CITY_EDITOR,
    )
    return user


@pytest.fixture
def draft(db) -> tuple[Strategy, User]:
    """An empty working draft of Shymkent (a city without a strategy) and its editor."""
    editor = editor_of("shymkent")
    from core.models import City

    return strategy_create(actor=editor, city=City.objects.get(code="shymkent")), editor


def run_import(strategy, actor, data: bytes, *, filename="table.csv", direction=None):
    """Upload and confirm, as an editor does in the browser; returns the applied plan."""
    upload, plan = import_upload(
        actor=actor, strategy=strategy, data=data, filename=filename, direction_kind=direction
    )
    assert not plan.errors, [str(p) for p in plan.errors]
    return import_apply(actor=actor, upload=upload)


def fingerprint() -> tuple:
    """Everything an import may write: indicators, yearly values (with versions), audit events,
    applied imports."""
    return (
        sorted(Indicator.objects.values_list("pk", "uid", "name_ru", "version")),
        sorted(
            YearlyValue.objects.values_list(
                "indicator_uid", "year", "plan", "plan_bound", "actual", "actual_bound", "version"
            )
        ),
        AuditEvent.objects.count(),
        IndicatorImport.objects.filter(state="applied").count(),
    )
