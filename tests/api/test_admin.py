"""API keys are issued in the admin: shown once, stored hashed, revoked there."""

from django.contrib.messages import get_messages
from django.test import Client

from api.models import OrganisationAPIKey
from core.models import Organisation, User


def test_an_issued_key_is_shown_once_and_stored_hashed(db):
    admin = Client()
    admin.force_login(User.objects.get(username="admin"))
    akimat = Organisation.objects.get(code="city-akimat-almaty")
    response = admin.post(
        "/en/admin/api/organisationapikey/add/",
        {
            "name": "Open budget portal",
            "organisation": akimat.pk,
            "expiry_date_0": "",
            "expiry_date_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    key = OrganisationAPIKey.objects.get(name="Open budget portal")
    assert key.organisation == akimat
    [message] = [str(m) for m in get_messages(response.wsgi_request) if "Copy it now" in str(m)]
    secret = message.split(" is ", 1)[1].split(". Copy", 1)[0]
    assert secret.startswith(key.prefix + ".")
    assert secret.split(".", 1)[1] not in key.hashed_key  # only a hash is kept
    assert OrganisationAPIKey.objects.is_valid(secret)

    shown = admin.get("/en/admin/api/organisationapikey/").content.decode()
    assert secret in shown  # on the page the administrator lands on, once
    page = admin.get(f"/en/admin/api/organisationapikey/{key.pk}/change/").content.decode()
    assert secret not in page  # never again

    admin.post(
        f"/en/admin/api/organisationapikey/{key.pk}/change/",
        {"name": key.name, "revoked": "on", "expiry_date_0": "", "expiry_date_1": ""},
    )
    assert not OrganisationAPIKey.objects.is_valid(secret)
