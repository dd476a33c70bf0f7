"""A draft in approval (or an approved edition) is read-only to its editor: a link to the editor
shows the document with the reason and what comes next, never a bare 403."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.approvals.conftest import bring, user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_the_editor_of_a_draft_in_approval_reads_it_with_the_reason(client, almaty):
    bring(almaty, "central")
    client.force_login(user("almaty.editor"))
    url = reverse("strategies:section", args=[almaty.pk, "vision"])

    response = client.get(url, follow=True)

    assert response.redirect_chain == [
        (reverse("strategies:preview", args=[almaty.pk]) + "#vision", 302)
    ]
    assert response.status_code == 200
    text = " ".join(str(m) for m in response.context["messages"])
    assert "in approval, so this working copy is read-only" in text
    assert "returned with remarks" in text
    # Saving stays refused.
    assert client.post(url, {"part": "vision"}).status_code == 403


def test_the_editor_of_an_approved_edition_is_told_to_start_an_amendment(client, almaty_approved):
    client.force_login(user("almaty.editor"))
    response = client.get(
        reverse("strategies:section", args=[almaty_approved.pk, "swot"]), follow=True
    )
    assert response.status_code == 200
    assert "start an amendment" in " ".join(str(m) for m in response.context["messages"])


def test_a_reviewer_is_still_refused_the_editor(client, almaty):
    bring(almaty, "central")
    client.force_login(user("ministry.reviewer"))
    response = client.get(reverse("strategies:section", args=[almaty.pk, "vision"]))
    assert response.status_code == 403
