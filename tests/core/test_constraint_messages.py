"""Every database constraint that a form can reach (the editor's parts, every admin page that
writes) has its translated message at its field (core.constraints), and those admin forms use
the mixin that shows it."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from core.constraints import CONSTRAINT_MESSAGES, ConstraintMessagesFormMixin
from core.models import User
from strategies.editor import PAGES

OUR_APPS = ("core", "strategies", "indicators", "approvals", "publishing")


def _writes(model_admin, request) -> bool:
    return model_admin.has_add_permission(request) or model_admin.has_change_permission(request)


def writable_admins() -> list:
    """(model, admin or inline) of every admin page of ours where a form writes."""
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_active=True)
    found = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS or not _writes(model_admin, request):
            continue
        found.append((model, model_admin))
        for inline in model_admin.get_inline_instances(request):
            if inline.has_add_permission(request, None) or inline.has_change_permission(request):
                found.append((inline.model, inline))
    return found


def models_written_by_forms() -> list:
    models = {model for model, _admin in writable_admins()}
    models.update(part.model for parts in PAGES.values() for part in parts)
    return sorted(models, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", models_written_by_forms(), ids=lambda m: m._meta.label)
def test_each_constraint_a_form_can_reach_has_its_message(model):
    assert [c.name for c in model._meta.constraints if c.name not in CONSTRAINT_MESSAGES] == []


@pytest.mark.parametrize(
    ("model", "model_admin"),
    [(model, a) for model, a in writable_admins() if model._meta.constraints],
    ids=lambda value: getattr(getattr(value, "_meta", None), "label", type(value).__name__),
)
def test_admin_forms_of_constrained_models_refuse_at_the_field(model, model_admin):
    assert issubclass(model_admin.form, ConstraintMessagesFormMixin), model._meta.label
