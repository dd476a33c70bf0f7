"""The Django admin: every model is administered, its translated fields shown per language."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = ("core", "strategies", "indicators", "approvals")


def administered_models():
    """Models registered directly or edited inline under a registered model."""
    covered = set()
    for model, model_admin in admin.site._registry.items():
        covered.add(model)
        covered.update(inline.model for inline in model_admin.inlines)
    return covered


def test_every_model_of_ours_is_administered():
    ours = {m for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    assert ours - administered_models() == set()


@pytest.mark.parametrize(
    "model", [m for m in admin.site._registry if m._meta.app_label in OUR_APPS], ids=str
)
def test_admin_pages_open_for_an_administrator(admin_client, model, almaty):
    from tests.approvals.conftest import bring

    opts = model._meta
    if opts.app_label == "approvals":
        bring(almaty, "approved")  # so that every record of the route exists
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    obj = model.objects.first()
    if obj is not None:
        change = admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert change.status_code == 200


def test_translated_fields_are_edited_per_language(admin_client, almaty):
    html = admin_client.get(reverse("admin:strategies_strategy_change", args=[almaty.pk])).content
    for lang in ("kk", "ru", "en"):
        assert f'name="title_{lang}"'.encode() in html
