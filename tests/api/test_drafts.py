"""Drafts for API keys of the city's akimat: 404 for everyone else, revoked keys refused."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import OrganisationAPIKey
from strategies.models import Strategy
from tests.api.helpers import almaty_draft
from tests.approvals.conftest import bring

SUBRESOURCES = ("", "process/", "compliance/", "remarks/", "snapshots/")


@pytest.fixture
def draft(db) -> Strategy:
    return almaty_draft()


@pytest.fixture
def almaty_key(key_of):
    return key_of("city-akimat-almaty")


def test_anonymous_clients_and_other_organisations_cannot_see_a_draft(client, key_of, draft):
    strangers = {
        "anonymous": client,
        "another city's akimat": key_of("city-akimat-karaganda"),
        "the ministry": key_of("mne"),
        "the city's maslikhat": key_of("city-maslikhat-almaty"),
    }
    for who, stranger in strangers.items():
        for path in SUBRESOURCES:
            response = stranger.get(f"/api/v1/drafts/{draft.pk}/{path}")
            assert response.status_code == 404, (who, path)
            assert response.json()["code"] == "not_found"
        listed = stranger.get("/api/v1/drafts/").json().get("results", [])
        assert draft.pk not in [item["id"] for item in listed], who
    assert client.get("/api/v1/drafts/").status_code == 401


def test_the_citys_akimat_reads_its_draft(almaty_key, draft):
    listed = almaty_key.get("/api/v1/drafts/", {"lang": "ru"}).json()["results"]
    assert [(item["id"], item["state"]) for item in listed] == [(draft.pk, "draft")]
    assert listed[0]["title"] == draft.title_ru

    response = almaty_key.get(f"/api/v1/drafts/{draft.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == draft.version
    assert body["document"]["title"]["kk"] == draft.title_kk
    assert "private" in response["Cache-Control"]
    again = almaty_key.get(f"/api/v1/drafts/{draft.pk}/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_process_says_what_the_organisation_may_do_now(almaty_key, draft):
    before = almaty_key.get(f"/api/v1/drafts/{draft.pk}/process/", {"lang": "en"}).json()
    assert before["state"] == "draft"
    assert [a["action"] for a in before["allowed_actions"]] == ["submit", "answer_remark"]
    assert before["allowed_actions"][0]["title"] == "Submit for approval"

    bring(draft, "central")
    during = almaty_key.get(f"/api/v1/drafts/{draft.pk}/process/").json()
    assert during["state"] == "in_approval"
    assert during["allowed_actions"] == []  # the ministry decides now
    process = during["processes"][0]
    assert process["state"] == "in_progress" and process["current_stage"] == "central"
    assert [s["stage"] for s in process["stages"]] == ["hearings", "central"]
    assert process["stages"][0]["decisions"][0]["outcome"] == "closed"
    assert process["hearing"]["participants"] == 140


def test_remarks_and_answers_travel_with_the_draft(almaty_key, draft):
    bring(draft, "returned")
    remarks = almaty_key.get(f"/api/v1/drafts/{draft.pk}/remarks/").json()["results"]
    assert len(remarks) == 1
    remark = remarks[0]
    assert remark["section"] == "vision" and remark["open"] is True
    assert remark["stage"] == "central" and remark["organisation"] == "mne"
    assert remark["snapshot"] == 1
    assert (
        almaty_key.get(f"/api/v1/drafts/{draft.pk}/remarks/", {"open": "false"}).json()["results"]
        == []
    )
    process = almaty_key.get(f"/api/v1/drafts/{draft.pk}/process/").json()
    assert process["processes"][0]["state"] == "returned"


def test_snapshots_of_a_draft_are_served_whole_and_never_change(almaty_key, draft):
    bring(draft, "central")
    listed = almaty_key.get(f"/api/v1/drafts/{draft.pk}/snapshots/").json()["results"]
    snapshot = draft.snapshots.get()
    assert listed == [
        {
            "number": snapshot.number,
            "sha256": snapshot.content_hash,
            "frozen_at": listed[0]["frozen_at"],
        }
    ]
    response = almaty_key.get(f"/api/v1/drafts/{draft.pk}/snapshots/{snapshot.number}/")
    assert response.json()["document"] == snapshot.content
    assert snapshot.content_hash in response["ETag"]
    assert almaty_key.get(f"/api/v1/drafts/{draft.pk}/snapshots/99/").status_code == 404


def test_the_compliance_report_gives_every_check_with_its_paragraph(key_of, db):
    karaganda = Strategy.objects.get(city__code="karaganda")
    client = key_of("city-akimat-karaganda")
    report = client.get(f"/api/v1/drafts/{karaganda.pk}/compliance/", {"lang": "ru"}).json()
    assert report["passed"] is False
    assert 0 <= report["readiness"] < 100
    failing = [c for c in report["checks"] if not c["passed"]]
    assert failing and all(c["findings"] for c in failing)
    assert all(c["paragraph"] for c in report["checks"])
    every = client.get(f"/api/v1/drafts/{karaganda.pk}/compliance/").json()
    first = next(c for c in every["checks"] if not c["passed"])
    assert set(first["title"]) == {"kk", "ru", "en"}
    assert first["title"]["en"] != first["title"]["ru"]


def test_a_revoked_key_is_refused_at_once(almaty_key, draft):
    assert almaty_key.get(f"/api/v1/drafts/{draft.pk}/").status_code == 200
    key = OrganisationAPIKey.objects.get(prefix=almaty_key.secret.split(".")[0])
    key.revoked = True
    key.save()
    response = almaty_key.get(f"/api/v1/drafts/{draft.pk}/")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_key"
    assert response["WWW-Authenticate"].startswith("Api-Key")
    # Refused everywhere, not served as anonymous.
    assert almaty_key.get("/api/v1/strategies/").status_code == 401


def test_an_expired_or_unknown_key_is_refused(key_of, client, db):
    expired = key_of("city-akimat-almaty", expiry_date=timezone.now() - timedelta(minutes=1))
    response = expired.get("/api/v1/cities/")
    assert response.status_code == 401 and response.json()["code"] == "expired_key"
    client.credentials(HTTP_AUTHORIZATION="Api-Key abc.def")
    assert client.get("/api/v1/cities/").json()["code"] == "invalid_key"
