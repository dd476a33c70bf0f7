"""Reading editor pages as a browser does: the form of a part as shown, and what the browser
submits for it."""

from django import forms
from django.urls import reverse
from django.utils import translation


def section_url(strategy, slug, lang="kk"):
    with translation.override(lang):
        return reverse("strategies:section", args=[strategy.pk, slug])


def forms_of(context_parts):
    """Every (part, row, form) of a rendered editor page."""
    for part, shown in context_parts:
        if "form" in shown:
            yield part, shown["form"].instance, shown["form"]
            continue
        pairs = shown.get("items") or [pair for group in shown["groups"] for pair in group[2]]
        for row, form in pairs:
            if form is not None:
                yield part, row, form
        new_forms = [shown["new"]] if "new" in shown else [g[3] for g in shown["groups"]]
        for form in new_forms:
            yield part, None, form


def shown_form(client, strategy, slug, part_name, row=None, lang="kk"):
    """The form of a part (of one row of a list) as the editor page shows it now."""
    url = section_url(strategy, slug, lang)
    if row is not None:
        url += f"?open={part_name}-{row.pk}"
    response = client.get(url)
    assert response.status_code == 200
    for part, shown_row, form in forms_of(response.context["parts"]):
        if part.name == part_name and (row is None or (shown_row and shown_row.pk == row.pk)):
            return form
    raise AssertionError(f"{part_name} {row} is not on {slug}")


def bound_form(response):
    """The form a refused POST shows again (with its errors or the merge)."""
    return next(form for _p, _r, form in forms_of(response.context["parts"]) if form.is_bound)


def submitted(form, **extra) -> dict:
    """What a browser submits for a form as it is shown: checked boxes only, every value of a
    multiple choice, inputs as their text."""
    data = {}
    for bound in form:
        widget, value = bound.field.widget, bound.value()
        if isinstance(widget, forms.CheckboxInput):
            if widget.check_test(value):
                data[bound.html_name] = "on"
        elif getattr(widget, "allow_multiple_selected", False):
            data[bound.html_name] = [str(v) for v in value or []]
        else:
            text = widget.format_value(value)
            if isinstance(text, list):  # a select: its one chosen option
                text = text[0] if text else ""
            data[bound.html_name] = "" if text is None else str(text)
    return {**data, **extra}


def post_form(client, strategy, slug, form, part_name, row, changes=None, *, lang="kk"):
    """Save a form as shown, with some inputs (named without the prefix) changed."""
    data = submitted(form, part=part_name, row=row.pk if row is not None else "new", action="save")
    for name, value in (changes or {}).items():
        data[form.add_prefix(name)] = value
    return client.post(section_url(strategy, slug, lang), data)
