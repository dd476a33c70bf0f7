"""The same comment form sent twice at the same moment (a double click, a retried request), as
two requests on two PostgreSQL connections: one comment is stored, both get the success page."""

import uuid

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from approvals.models import Comment
from strategies.models import Strategy
from tests.approvals.conftest import bring
from tests.approvals.test_concurrency import race

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def test_two_identical_comment_posts_at_once_store_one_comment(fresh_demo):
    cache.clear()
    almaty = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
    bring(almaty, "hearings")
    url = reverse("approvals:public_hearing", args=[almaty.pk])
    data = {
        "section": "swot",
        "author_name": "Әлия",
        "text": "Су тапшылығы.",
        "token": uuid.uuid4(),
    }

    responses = race([lambda: Client().post(url, data), lambda: Client().post(url, data)])

    assert [r.status_code for r in responses] == [302, 302], responses
    assert responses[0].url == responses[1].url
    assert Comment.objects.filter(token=data["token"]).count() == 1
    assert (
        Comment.objects.filter(hearing__stage_run__process__strategy=almaty, section="swot").count()
        == 1
    )
