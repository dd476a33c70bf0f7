"""The data set of `make bench` (issue 14): twenty regional centres with an approved strategy of
about 50 target indicators each, and Almaty's approved edition at 200; each approved through the
route's own services (submission, public hearings, the central planning body, the maslikhat),
dated over the past weeks as seed_demo dates the demo's route. Then a working copy (amendment)
of one regional centre (50 indicators) and of Almaty (200), whose editor pages are measured.

Called from bench/run.py inside its throwaway database, after seed_demo.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals import services
from approvals.models import Process
from core.models import City, Membership, Organisation, User
from strategies.demo.clock import on_day
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document

CITIES = 20
INDICATORS = 50
LARGE = 200


@dataclass(frozen=True)
class Edition:
    """An approved edition and the working copy that amends it, with its editor."""

    edition: Strategy
    draft: Strategy
    editor: User
    indicators: int


def _member(username: str, organisation: Organisation, role: str) -> User:
    person, _created = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.kz"}
    )
    Membership.objects.get_or_create(user=person, organisation=organisation, role=role)
    return person


def _protocol() -> SimpleUploadedFile:
    from tests.approvals.conftest import PDF

    return SimpleUploadedFile("protocol.pdf", PDF, content_type="application/pdf")


def _approve(strategy: Strategy, editor: User, secretary: User, ministry: User) -> None:
    """Submission to the maslikhat's decision over the 60 days before today (a regional centre:
    hearings, the central planning body, the maslikhat; p.14-16)."""
    start = timezone.localdate() - timedelta(60)
    with on_day(start):
        services.process_submit(
            actor=editor, strategy=strategy, hearing_until=start + timedelta(30)
        )
    held_on = start + timedelta(29)
    with on_day(held_on):
        services.hearing_record(
            actor=editor, strategy=strategy, held_on=held_on, place="Әкімдіктің мәжіліс залы",
            public_council="Қоғамдық кеңес", participants=60, protocol=_protocol(),
        )  # fmt: skip
    with on_day(start + timedelta(30)):
        services.hearings_close(actor=editor, strategy=strategy)
    number = Process.objects.get(strategy=strategy, state=Process.State.IN_PROGRESS).snapshot.number
    with on_day(start + timedelta(35)):
        services.stage_agree(
            actor=ministry, strategy=strategy, snapshot_number=number, stage="central"
        )
    recommended = start + timedelta(40)
    with on_day(recommended):
        services.maslikhat_recommend(
            actor=editor, strategy=strategy, snapshot_number=number,
            recommended_on=recommended, recommendation="Әкімдік ұсынады.",
            consulted_on=recommended, consultation_reference="01-12/345",
        )  # fmt: skip
    with on_day(start + timedelta(45)):
        services.maslikhat_approve(
            actor=secretary, strategy=strategy, snapshot_number=number,
            session_on=start + timedelta(45), decision_number="12/34-VIII",
        )  # fmt: skip


def regional_editions(count: int = CITIES, indicators: int = INDICATORS) -> list[Edition]:
    """`count` regional centres, each with Almaty's document (its own city, `indicators` target
    indicators) approved through the route, and an amendment of the first opened."""
    from tests.api.helpers import almaty_draft, set_indicator_count

    ministry = User.objects.get(username="ministry.reviewer")
    content = document_dump(strategy_document(almaty_draft().pk))
    content["settlements"] = []
    cities = City.objects.filter(category=City.Category.REGIONAL_CENTRE).exclude(
        strategies__isnull=False
    )
    editions = []
    for city in cities.order_by("code")[:count]:
        akimat = Organisation.objects.get(kind=Organisation.Kind.CITY_AKIMAT, city=city)
        editor = _member(f"bench.{city.code}.editor", akimat, Membership.Role.CITY_EDITOR)
        secretary = _member(
            f"bench.{city.code}.maslikhat", city.maslikhat, Membership.Role.MASLIKHAT_SECRETARY
        )
        strategy = document_load({**content, "city": city.code}, actor=editor)
        set_indicator_count(strategy, indicators)
        _approve(strategy, editor, secretary, ministry)
        strategy.refresh_from_db()
        editions.append(Edition(strategy, strategy, editor, indicators))
    first = editions[0]
    draft = services.strategy_amend(actor=first.editor, strategy=first.edition)
    editions[0] = Edition(first.edition, draft, first.editor, indicators)
    return editions


def large_edition(indicators: int = LARGE) -> Edition:
    """Almaty's edition in force with `indicators` target indicators (approved through the
    route), and an amendment of it opened by its editor."""
    from tests.api.helpers import approved_almaty
    from tests.clock import reset

    try:
        edition = approved_almaty(indicators=indicators)
    finally:
        reset()  # the route walk let days pass on the test clock
    editor = User.objects.get(username="almaty.editor")
    draft = services.strategy_amend(actor=editor, strategy=edition)
    return Edition(edition, draft, editor, indicators)
