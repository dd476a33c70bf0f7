"""The open-data archive of every published edition, rebuilt when an edition is approved."""

import hashlib
import io
import json
import zipfile

from api.models import OpenDataArchive
from api.open_data import archive_build
from strategies.models import Strategy
from tests.api.helpers import approved_almaty


def test_approving_an_edition_rebuilds_the_archive(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        edition = approved_almaty()
    archive = OpenDataArchive.objects.get()  # older archives are removed
    editions = Strategy.objects.filter(state__in=["approved", "superseded"]).count()
    assert archive.status == "ready" and archive.editions == editions

    response = client.get("/api/v1/open-data/editions.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == archive.sha256
    with zipfile.ZipFile(io.BytesIO(body)) as package:
        manifest = json.loads(package.read("datapackage.json"))
        folder = f"editions/almaty-{edition.pk}"
        assert {
            f"{folder}/edition.json",
            f"{folder}/indicators.csv",
            f"{folder}/indicators.json",
        } <= {r["path"] for r in manifest["resources"]}
        assert len(manifest["resources"]) == 3 * editions
        for resource in manifest["resources"]:
            content = package.read(resource["path"])
            assert resource["hash"] == f"sha256:{hashlib.sha256(content).hexdigest()}"
            assert resource["bytes"] == len(content)
        served = client.get(f"/api/v1/strategies/{edition.pk}/").content
        assert package.read(f"{folder}/edition.json") == served

    again = client.get("/api/v1/open-data/editions.zip", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304

    with django_capture_on_commit_callbacks(execute=True):
        approved_almaty()  # an amendment: the archive now holds both editions
    newest = OpenDataArchive.objects.get()
    assert newest.pk != archive.pk and newest.editions == editions + 1


def test_a_failed_build_is_recorded_and_the_previous_archive_stays(db, monkeypatch):
    def broken(created):
        raise RuntimeError("disk full")

    monkeypatch.setattr("api.open_data.archive_bytes", broken)
    archive = archive_build(archive_id=OpenDataArchive.objects.create().pk)
    assert archive.status == "failed" and "disk full" in archive.error
    assert archive_build(archive_id=archive.pk).status == "failed"
