"""A frozen document is true and complete: every reading of a snapshot keeps the Methodology's
order of the directions, shows only what the snapshot holds (names of reference rows included),
and no reference row a snapshot cites can be deleted."""

import re

import pytest
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import translation

from approvals.models import Snapshot
from approvals.services import published_snapshot
from approvals.snapshots import canonical_json, content_hash, snapshot_is_intact
from core.models import City, Settlement, User
from indicators.models import SdgGoal, SdgTarget
from strategies.models import HigherLevelDocument
from strategies.references import reference_names
from strategies.rendering import document_view
from tests.approvals.conftest import bring, user

pytestmark = pytest.mark.django_db

METHODOLOGY_ORDER = [  # p.17
    "creative_economy",
    "human_development",
    "environment",
    "smartcity",
    "urban_planning",
]
KZ_2050 = "kazakhstan-2050"


def page(client, name: str, strategy, query: str = "", lang: str = "ru") -> str:
    with translation.override(lang):
        url = reverse(f"approvals:{name}", args=[strategy.pk])
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def directions_on(html: str) -> list[str]:
    return re.findall(r'data-section="direction-([a-z_]+)"', html)


def frozen(strategy) -> Snapshot:
    return strategy.snapshots.order_by("-number").first()


def test_every_reading_of_a_snapshot_keeps_the_methodology_order_of_the_directions(client, almaty):
    bring(almaty, "approved")
    snapshot = published_snapshot(almaty)
    # What is stored is keyed by slug and loses the order (canonical JSON sorts the keys) ...
    assert list(snapshot.content["directions"]) != METHODOLOGY_ORDER
    # ... and every reader puts it back.
    assert directions_on(page(client, "edition", almaty)) == METHODOLOGY_ORDER
    assert [d["slug"] for d in document_view(snapshot.content, "kk")["directions"]] == (
        METHODOLOGY_ORDER
    )
    client.force_login(user("ministry.reviewer"))
    review = page(client, "review", almaty, f"?snapshot={snapshot.number}")
    assert directions_on(review) == METHODOLOGY_ORDER


def test_the_public_hearing_page_keeps_the_methodology_order(client, almaty):
    bring(almaty, "hearings")
    assert directions_on(page(client, "public_hearing", almaty, "?lang=kk")) == METHODOLOGY_ORDER


def test_the_hash_of_content_frozen_before_is_unchanged(almaty):
    bring(almaty, "hearings")
    snapshot = Snapshot.objects.get(pk=frozen(almaty).pk)
    assert snapshot_is_intact(snapshot)
    assert content_hash(snapshot.content) == snapshot.content_hash
    assert canonical_json(snapshot.content).startswith(b'{"analysis":')  # still sorted keys


def test_a_snapshot_holds_the_names_of_everything_it_cites_in_every_language(almaty):
    bring(almaty, "hearings")
    references = frozen(almaty).content["references"]
    document = references["higher_level_documents"][KZ_2050]
    assert set(document["title"]) == {"kk", "ru", "en"}
    assert "Казахстан-2050" in document["title"]["ru"]
    assert references["cities"]["almaty"]["name"]["kk"] == "Алматы"
    target = next(iter(references["sdg_targets"].values()))
    assert target["goal"] and target["title"]["ru"] and target["goal_title"]["kk"]
    assert references["recommended_indicators"]


def test_an_approved_edition_reads_the_same_after_the_catalogues_change(client, almaty):
    bring(almaty, "approved")
    before = page(client, "edition", almaty)
    assert "Стратегия «Казахстан-2050»" in before
    HigherLevelDocument.objects.filter(code=KZ_2050).update(title_ru="Переименованный документ")
    City.objects.filter(code="almaty").update(name_ru="Другое имя")
    SdgTarget.objects.update(title_ru="Другая формулировка цели")
    after = page(client, "edition", almaty)
    assert "Стратегия «Казахстан-2050»" in after and "Переименованный документ" not in after
    assert "Другое имя" not in after and "Другая формулировка цели" not in after
    assert snapshot_is_intact(published_snapshot(almaty))


def test_a_snapshot_frozen_before_it_carried_names_still_renders_from_the_catalogues(almaty):
    bring(almaty, "hearings")
    old_format = {k: v for k, v in frozen(almaty).content.items() if k != "references"}
    view = document_view(old_format, "ru")
    assert view["city"] == "Алматы"
    assert any("Казахстан-2050" in title for title in view["vision"]["documents"])
    assert [d["slug"] for d in view["directions"]] == METHODOLOGY_ORDER
    assert reference_names(old_format) == frozen(almaty).content["references"]


def test_the_document_shows_what_the_snapshot_cites_with_its_titles(client, almaty):
    bring(almaty, "hearings")
    html = page(client, "public_hearing", almaty, "?lang=ru")
    target = next(iter(frozen(almaty).content["references"]["sdg_targets"].values()))
    assert target["title"]["ru"] in html
    assert 'id="smartcity"' in html  # the 2025 standard's assessment and road map


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.get(username="admin"))
    return client


def admin_url(name: str, *args, lang: str = "ru") -> str:
    with translation.override(lang):
        return reverse(f"admin:{name}", args=args)


def test_the_admin_refuses_to_delete_a_document_a_snapshot_cites(admin_client, almaty):
    bring(almaty, "hearings")
    document = HigherLevelDocument.objects.get(code=KZ_2050)
    url = admin_url("strategies_higherleveldocument_delete", document.pk, lang="en")
    response = admin_client.post(url, {"post": "yes"}, follow=True)
    assert HigherLevelDocument.objects.filter(code=KZ_2050).exists()
    html = response.content.decode()
    assert "cannot be deleted" in html and "snapshot #1" in html
    assert response.redirect_chain[-1][0].endswith(f"/{document.pk}/change/")


def test_the_refusal_is_in_the_admins_language(admin_client, almaty):
    bring(almaty, "hearings")
    document = HigherLevelDocument.objects.get(code=KZ_2050)
    url = admin_url("strategies_higherleveldocument_delete", document.pk, lang="ru")
    html = admin_client.get(url, follow=True).content.decode()
    assert "нельзя удалить" in html and "cannot be deleted" not in html


def test_the_admin_refuses_a_bulk_deletion_including_a_cited_row(admin_client, almaty):
    bring(almaty, "hearings")
    cited = HigherLevelDocument.objects.get(code=KZ_2050)
    spare = HigherLevelDocument.objects.create(code="spare", title="Spare document")
    response = admin_client.post(
        admin_url("strategies_higherleveldocument_changelist", lang="en"),
        {"action": "delete_selected", "_selected_action": [cited.pk, spare.pk], "post": "yes"},
    )
    assert "cannot be deleted" in response.content.decode()
    assert HigherLevelDocument.objects.filter(pk__in=[cited.pk, spare.pk]).count() == 2


def test_a_row_no_snapshot_cites_is_deleted_as_usual(admin_client, almaty):
    bring(almaty, "hearings")
    spare = HigherLevelDocument.objects.create(code="spare", title="Spare document")
    admin_client.post(
        admin_url("strategies_higherleveldocument_delete", spare.pk, lang="en"), {"post": "yes"}
    )
    assert not HigherLevelDocument.objects.filter(pk=spare.pk).exists()


def test_deleting_a_goal_whose_target_a_snapshot_cites_is_refused(admin_client, almaty):
    bring(almaty, "hearings")
    code = next(iter(frozen(almaty).content["references"]["sdg_targets"]))
    goal = SdgTarget.objects.get(code=code).goal
    response = admin_client.post(
        admin_url("indicators_sdggoal_delete", goal.pk, lang="en"), {"post": "yes"}, follow=True
    )
    assert "cannot be deleted" in response.content.decode()
    assert SdgGoal.objects.filter(pk=goal.pk).exists()


def test_no_code_path_deletes_a_cited_row(almaty):
    bring(almaty, "hearings")
    with pytest.raises(ProtectedError), transaction.atomic():
        HigherLevelDocument.objects.filter(code=KZ_2050).delete()
    settlement = Settlement.objects.get(code=frozen(almaty).content["settlements"][0])
    with pytest.raises(ProtectedError), transaction.atomic():
        settlement.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        settlement.city.delete()  # would take its settlements with it
    assert Settlement.objects.filter(pk=settlement.pk).exists()
