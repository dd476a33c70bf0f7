"""Headers every page carries: no browser feature the app does not use, and no copy of a
signed-in page kept by a shared cache or the back button."""

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

SIGNED_IN_PAGES = ["/ru/", "/ru/notifications/", "/kk/strategies/{almaty}/", "/en/strategies/new/"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_are_private_and_not_stored(client, almaty, almaty_editor, path):
    client.force_login(almaty_editor)
    response = client.get(path.format(almaty=almaty.pk))
    assert response.status_code == 200
    assert {"private", "no-store"} <= cache_control(response)


def test_a_refusal_to_a_signed_in_user_is_not_stored_either(client, almaty, karaganda_editor):
    client.force_login(karaganda_editor)
    response = client.get(f"/ru/strategies/{almaty.pk}/edit/vision/")
    assert response.status_code in (403, 404)
    assert {"private", "no-store"} <= cache_control(response)


def test_public_pages_for_anonymous_readers_may_be_cached(client):
    response = client.get("/ru/")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path", ["/ru/", "/kk/accounts/login/", "/en/no-such-page/"])
def test_every_page_switches_off_camera_microphone_and_geolocation(
    client, almaty_editor, signed_in, path
):
    if signed_in:
        client.force_login(almaty_editor)
    policy = client.get(path).headers["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"
    assert features["fullscreen"] == "(self)"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("ru", "Это действие выполняется кнопкой на его странице"),
        ("kk", "Бұл әрекет мекенжайды ашу арқылы емес"),
        ("en", "This action is taken with a button on its page"),
    ],
)
def test_an_action_opened_as_a_page_says_how_it_is_taken(
    client, almaty_approved, almaty_editor, lang, text
):
    """A POST-only address opened by GET (a bookmark, a pasted link) is a 405 page in the
    reader's language with the methods it takes, not an empty body."""
    client.force_login(almaty_editor)
    response = client.get(f"/{lang}/strategies/{almaty_approved.pk}/approval/amend/")
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert text in response.content.decode()


def test_every_page_names_its_icon_which_is_served(client):
    page = client.get("/kk/").content.decode()
    assert 'rel="icon" href="/static/img/favicon.svg"' in page
    assert finders.find("img/favicon.svg")
