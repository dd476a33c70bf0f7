"""Browser views of the strategy editor: thin — fetch through the permission module, build the
page's forms from strategies.editor, call one service, render or redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from approvals.selectors import approval_context
from core.exceptions import InvalidInput, PermissionDenied
from core.http import document_language, id_or_404
from core.i18n import DRAFTING_LANGUAGES
from core.models import City
from indicators.charts import series_chart, series_data
from indicators.models import Indicator
from indicators.sdg_forms import SdgGoalForm
from indicators.selectors import indicator_figures, monitoring_goals
from indicators.services import indicator_add_recommended
from strategies import services
from strategies.editor import PAGES, Part, sub_part
from strategies.forms import ContentForm, ItemActionForm, RecommendedPickForm
from strategies.models import AnalysisSeries, Strategy
from strategies.panels import preview_html, strategy_panels
from strategies.permissions import (
    can_edit,
    can_view,
    can_view_draft,
    editor_cities,
    ensure_can_edit,
    ensure_can_view_draft,
)
from strategies.sections import SECTIONS, SECTIONS_BY_SLUG
from strategies.selectors import startable_cities, strategy_history


def _strategy(pk: int) -> Strategy:
    return get_object_or_404(Strategy.objects.select_related("city"), pk=pk)


def _document_context(strategy: Strategy) -> dict:
    """The checklist and completeness meters shown beside every editor page, computed once per
    saved version of the document (strategies.panels)."""
    report, completeness = strategy_panels(strategy)
    return {
        "report": report,
        "sections": [(section, completeness[section.slug]) for section in SECTIONS],
    }


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request: HttpRequest) -> HttpResponse:
    """A city editor starts a new working copy for their city."""
    cities = editor_cities(request.user)
    if not cities:
        raise PermissionDenied()
    if request.method == "POST":
        city = get_object_or_404(City, pk=id_or_404(request.POST.get("city")))
        strategy = services.strategy_create(actor=request.user, city=city)
        messages.success(request, _("The strategy has been created. Fill in its sections."))
        return redirect("strategies:overview", pk=strategy.pk)
    return render(request, "strategies/create.html", {"cities": startable_cities(cities)})


@require_safe
def strategy_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The strategy's dashboard: sections with language meters, the compliance checklist."""
    strategy = _strategy(pk)
    if not can_view_draft(request.user, strategy) and can_view(request.user, strategy):
        # Reviewers and the public read what was submitted or approved, never the live draft.
        target = (
            "approvals:edition" if strategy.state == Strategy.State.APPROVED else "approvals:review"
        )
        return redirect(target, pk=strategy.pk)
    ensure_can_view_draft(request.user, strategy)
    context = _document_context(strategy)
    context.update(
        strategy=strategy,
        can_edit=can_edit(request.user, strategy),
        approval=approval_context(strategy, request.user),
    )
    return render(request, "strategies/overview.html", context)


def _item_url(url: str, part: Part, row) -> str:
    """The page of `url` with the item open and in view: an item of a list lands on its box
    (its name first), a section on its form."""
    if not part.many:
        return f"{url}#{part.name}-{row.pk}"
    return f"{url}?open={part.name}-{row.pk}#box-{part.name}-{row.pk}"


# A list of more items than this is listed by name, the form of one item opening at a time
# (?open=), as the indicators always are: a page of 31 road-map items each with 36 indicator
# checkboxes was 600 KiB of forms and 300 ms to render (issue 14). Shorter lists show every form.
OPEN_LIMIT = 7


def _part_forms(
    part: Part,
    strategy: Strategy,
    bound: tuple[str, str, ContentForm] | None,
    open_key: str = "",
    goal: int | None = None,
):
    """The forms of one part: the section form, or one form per item plus an empty one (for a
    one-at-a-time part, only the open item has its form; the others are listed)."""
    form_class = part.form_class()
    choices = {name: source(strategy) for name, (_how, source) in part.choices.items()}
    datalists = [
        (part.datalist_id(name), choices[name])
        for name, (how, _source) in part.choices.items()
        if how == "code"
    ]
    bound_part, bound_row, bound_form = bound or ("", "", None)

    def pick(row_key: str, make):
        if bound_part == part.name and bound_row == row_key:
            return bound_form
        return make()

    if not part.many:
        owner = part.owner(strategy)
        return {
            "form": pick(
                str(owner.pk), lambda: form_class(instance=owner, choices=choices, prefix=part.name)
            )
        }
    rows = part.items(strategy)
    if goal is not None and part.model is Indicator:  # the list narrowed to one SDG goal
        rows = rows.filter(sdg_target__goal__number=goal)
    rows = list(rows)
    years = part.years(rows)
    by_name = part.one_at_a_time or (not part.group_by and len(rows) > OPEN_LIMIT)

    def wanted(row) -> bool:
        # An item opens when asked for (?open=indicators-7, or a form kept inside it:
        # ?open=benchmarks-new-7) or when a form of it or inside it is sent back.
        opened = open_key == f"{part.name}-{row.pk}" or any(
            open_key == f"{sub.name}-new-{row.pk}" for sub in part.sub_parts
        )
        inside = any(
            bound_part == sub.name
            and getattr(bound_form.instance, f"{sub.parent_field}_id", None) == row.pk
            for sub in part.sub_parts
        )
        return (
            not by_name
            or opened
            or inside
            or (bound_part == part.name and bound_row == str(row.pk))
        )

    forms = [
        (
            row,
            None
            if not wanted(row)
            else pick(
                str(row.pk),
                lambda row=row: form_class(
                    instance=row,
                    choices=choices,
                    years=years,
                    year_initial={v.year: v.value for v in getattr(row, part.year_related).all()}
                    if part.year_related
                    else None,
                    prefix=f"{part.name}-{row.pk}",
                ),
            ),
        )
        for row in rows
    ]
    if part.ordered and goal is None:  # a list narrowed to an SDG goal shows both buttons
        for (_row, form), up, down in zip(forms, *_group_edges(part, rows), strict=True):
            if form is not None:
                form.moves = (up, down)
    new = pick("new", lambda: form_class(choices=choices, years=years, prefix=f"{part.name}-new"))
    for sub in part.sub_parts:
        _attach_sub_forms(sub, [form for _row, form in forms if form], bound)
    if not part.group_by:
        return {
            "items": forms,
            "by_name": by_name,
            "new": new,
            "datalists": datalists,
            "figures": _figures(part, strategy, [row for row, form in forms if form]),
        }
    # A board (SWOT): one column per choice, each with its items and a form for a new one.
    field = part.model._meta.get_field(part.group_by)
    bound_value = new.data.get(f"{new.prefix}-{part.group_by}") if new.is_bound else None

    def new_in(value):
        form = (
            new
            if bound_value == value
            else form_class(
                choices=choices, prefix=f"{part.name}-new", initial={part.group_by: value}
            )
        )
        # One page holds a new-item form per column: their fields' ids name the column
        # (id_strength_swot-new-text_kk), so that each label points at its own field.
        form.auto_id = f"id_{value}_%s"
        return form

    return {
        "groups": [
            (
                value,
                label,
                [(row, form) for row, form in forms if getattr(row, part.group_by) == value],
                new_in(value),
            )
            for value, label in field.choices
        ]
    }


def _group_edges(part: Part, rows: list) -> tuple[list[bool], list[bool]]:
    """For each row of an ordered list (in its order): whether it can move up, and down, within
    its group (the kind of a series, the quadrant of a SWOT item: services.order_group)."""
    group = services.order_group(part.model)
    keys = [tuple(getattr(row, name) for name in group) for row in rows]
    up = [i > 0 and keys[i - 1] == key for i, key in enumerate(keys)]
    down = [i + 1 < len(keys) and keys[i + 1] == key for i, key in enumerate(keys)]
    return up, down


def _attach_sub_forms(sub: Part, forms: list[ContentForm], bound) -> None:
    """Give each open item's form the forms of a list kept inside it (its benchmark-city values):
    `form.sub_lists` holds (sub-part, [(row, form)], new item's form). One query for all of
    them, whatever the number of items listed."""
    if not forms:
        return
    form_class = sub.form_class()
    bound_part, bound_row, bound_form = bound or ("", "", None)
    rows: dict[int, list] = {form.instance.pk: [] for form in forms}
    for row in sub.model.objects.filter(**{f"{sub.parent_field}__in": list(rows)}):
        rows[getattr(row, f"{sub.parent_field}_id")].append(row)

    def pick(key: str, make):
        if bound_part == sub.name and bound_row == key:
            return bound_form
        return make()

    for form in forms:
        parent = form.instance
        items = [
            (row, pick(str(row.pk), lambda row=row: form_class(instance=row, prefix=f"{sub.name}-{row.pk}")))
            for row in rows[parent.pk]
        ]  # fmt: skip
        new = pick(
            f"new-{parent.pk}",
            lambda parent=parent: form_class(
                instance=sub.model(**{sub.parent_field: parent}),
                prefix=f"{sub.name}-new-{parent.pk}",
            ),
        )
        form.sub_lists = [(sub, items, new)]


def _figures(part: Part, strategy: Strategy, rows) -> dict:
    """Beside each item whose form is shown, in the interface language: a p.18 series' chart; an
    indicator's chart and its trajectory advice (indicators.trajectory, never blocking)."""
    lang = translation.get_language()
    if part.model is AnalysisSeries:
        return {row.pk: {"chart": series_chart(series_data(row), lang=lang)} for row in rows}
    if part.model is Indicator and rows:
        return {row.pk: indicator_figures(row, strategy, lang=lang) for row in rows}
    return {}


def _render_section(request, strategy, slug, *, bound=None, conflict=None, pick=None, status=200):
    section = SECTIONS_BY_SLUG[slug]
    open_key = request.GET.get("open", "")
    goal_filter = goal = None
    if any(part.model is Indicator for part in PAGES[slug]):
        goal_filter = SdgGoalForm(
            {"goal": request.GET["goal"]} if "goal" in request.GET else None,
            goals=monitoring_goals(strategy),
        )
        if goal_filter.is_bound:
            if goal_filter.is_valid():
                goal = goal_filter.cleaned_data["goal"]
            else:
                status = 400
    parts = [(part, _part_forms(part, strategy, bound, open_key, goal)) for part in PAGES[slug]]
    context = _document_context(strategy)
    context.update(
        strategy=strategy,
        section=section,
        parts=parts,
        conflict=conflict,
        can_edit=True,
        goal_filter=goal_filter,
        pick=pick
        or next(
            (
                RecommendedPickForm(direction_kind=part.owner(strategy).kind)
                for part, _forms in parts
                if part.from_catalogue
            ),
            None,
        ),
    )
    return render(request, "strategies/section.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def strategy_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Edit one section; every POST saves one form, or adds, removes or moves one item, and only
    as the page offers it (Part.actions): anything else is a 400 that changes nothing."""
    if section not in PAGES:
        raise Http404
    strategy = _strategy(pk)
    if request.method == "GET" and _read_only_for_editor(request, strategy):
        return redirect(reverse("strategies:preview", args=[strategy.pk]) + f"#{section}")
    ensure_can_edit(request.user, strategy)
    if request.method == "GET":
        return _render_section(request, strategy, section)

    part = next((p for p in PAGES[section] if p.name == request.POST.get("part")), None)
    nested = sub_part(section, request.POST.get("part", "")) if part is None else None
    if part is None and nested is None:
        raise Http404
    if nested is not None:
        return _sub_item_post(request, strategy, section, *nested)
    row = _row(part, strategy, request.POST.get("row", ""))
    action = request.POST.get("action", "save")
    if action not in part.actions(row):
        raise InvalidInput(_("This page does not offer that action."))
    url = reverse("strategies:section", args=[strategy.pk, section])

    if action == "from_catalogue":
        pick = RecommendedPickForm(request.POST, direction_kind=part.owner(strategy).kind)
        if not pick.is_valid():
            return _render_section(request, strategy, section, pick=pick, status=400)
        row = indicator_add_recommended(
            actor=request.user,
            direction=part.owner(strategy),
            recommended=pick.cleaned_data["recommended"],
        )
        messages.success(request, _("The recommended indicator has been added."))
        return redirect(_item_url(url, part, row))
    if action == "delete":
        item = ItemActionForm(request.POST, prefix=f"{part.name}-{row.pk}")
        if not item.is_valid():
            raise InvalidInput(_("This page is out of date: reload it."))
        services.content_delete(
            actor=request.user, row=row, expected_version=item.cleaned_data["version"]
        )
        messages.success(request, _("Removed."))
        return redirect(f"{url}#{part.name}")
    if action in ("up", "down"):
        if services.content_move(actor=request.user, row=row, offset=-1 if action == "up" else 1):
            messages.success(request, _("Moved up.") if action == "up" else _("Moved down."))
        elif action == "up":
            messages.info(request, _("It is already the first of its group: it stays in place."))
        else:
            messages.info(request, _("It is already the last of its group: it stays in place."))
        # The moved item stays open (a long list shows one item's form at a time).
        return redirect(_item_url(url, part, row))
    return _save(request, strategy, section, part, row, url)


# Why a city's editor cannot change the working copy now, and what comes next.
READ_ONLY_REASONS = {
    Strategy.State.IN_APPROVAL: gettext_lazy(
        "The draft is in approval, so this working copy is read-only: reviewers decide on its "
        "frozen snapshot. It opens for editing again if it is returned with remarks; the "
        "overview shows the stage and what happens next."
    ),
    Strategy.State.APPROVED: gettext_lazy(
        "This edition is approved and read-only. To change it, start an amendment from the "
        "overview: the approved edition stays in force until the amendment is approved."
    ),
    Strategy.State.SUPERSEDED: gettext_lazy(
        "This edition has been replaced by an approved amendment and is kept read-only."
    ),
}


def _read_only_for_editor(request: HttpRequest, strategy: Strategy) -> bool:
    """A city's editor following a link to the editor of a strategy that is not a draft: told
    why it is read-only and what comes next (then shown the document), not refused with 403."""
    if strategy.state not in READ_ONLY_REASONS or not can_view_draft(request.user, strategy):
        return False
    messages.info(request, READ_ONLY_REASONS[strategy.state])
    return True


def _row(part: Part, strategy: Strategy, row_key: str):
    """The row a POST is about: the part's section, an item of its list, or None (a new item)."""
    if not part.many:
        return part.owner(strategy)
    if row_key in ("", "new"):
        return None
    return get_object_or_404(part.items(strategy), pk=id_or_404(row_key))


def _sub_item_post(
    request, strategy: Strategy, section: str, outer: Part, sub: Part
) -> HttpResponse:
    """A POST about an item of a list kept inside an item of `outer` (a benchmark-city value of
    an indicator): the item and its parent are looked up among the page's own items only."""
    url = reverse("strategies:section", args=[strategy.pk, section])
    parents = outer.items(strategy)
    row_key = request.POST.get("row", "")
    if row_key in ("", "new"):
        row = None
        parent = get_object_or_404(parents, pk=id_or_404(request.POST.get("parent")))
    else:
        row = get_object_or_404(
            sub.model.objects.filter(**{f"{sub.parent_field}__in": parents}), pk=id_or_404(row_key)
        )
        parent = getattr(row, sub.parent_field)
    action = request.POST.get("action", "save")
    if action not in sub.actions(row):
        raise InvalidInput(_("This page does not offer that action."))
    opened = f"{url}?open={outer.name}-{parent.pk}"
    if action == "delete":
        item = ItemActionForm(request.POST, prefix=f"{sub.name}-{row.pk}")
        if not item.is_valid():
            raise InvalidInput(_("This page is out of date: reload it."))
        services.content_delete(
            actor=request.user, row=row, expected_version=item.cleaned_data["version"]
        )
        messages.success(request, _("Removed."))
        return redirect(f"{opened}#{sub.name}-new-{parent.pk}")
    return _save(request, strategy, section, sub, row, opened, parent=parent)


def _save(
    request, strategy: Strategy, section: str, part: Part, row, url: str, *, parent=None
) -> HttpResponse:
    """Save one form of the page. `parent`: the item a sub-part's new item is kept in; the
    redirect then keeps `url`'s ?open= (that item stays open)."""
    if parent is not None:
        row_key = str(row.pk) if row is not None else f"new-{parent.pk}"
    else:
        row_key = str(row.pk) if row is not None else "new"
        parent = part.owner(strategy)
    form_class = part.form_class()
    choices = {name: source(strategy) for name, (_how, source) in part.choices.items()}
    years = part.years(list(part.items(strategy))) if part.many and part.year_related else ()
    prefix = f"{part.name}-{row_key}" if part.many else part.name
    # A new item knows its parent, so constraints over it are checked at the form (strategies.
    # constraints) rather than refused by the database.
    instance = row if row is not None else part.model(**{part.parent_field: parent})
    form = form_class(request.POST, instance=instance, choices=choices, years=years, prefix=prefix)
    if not form.is_valid():
        messages.error(request, _("The form has errors; nothing was saved."))
        return _render_section(request, strategy, section, bound=(part.name, row_key, form), status=400)  # fmt: skip
    inputs = {
        "changes": form.model_changes(),
        "m2m": form.m2m_changes(),
        "year_values": (part.year_related, form.year_values()) if part.year_related else None,
    }
    try:
        if row is None:
            row = services.content_create(
                actor=request.user,
                model=part.model,
                parent={part.parent_field: parent},
                values=inputs["changes"],
                m2m=inputs["m2m"],
                year_values=inputs["year_values"],
            )
        else:
            row = services.content_update(
                actor=request.user,
                row=row,
                expected_version=form.cleaned_data.get("version") or 0,
                **inputs,
            )
    except services.EditConflict as conflict:
        # Show the form again at the current version: the other person's values where the user
        # did not touch the field, the user's own where both changed it (shown side by side).
        merge = services.conflict_merge(conflict, **inputs)
        form = form_class(
            form.data_with(merge.taken, version=conflict.current.version),
            instance=conflict.current, choices=choices, years=years, prefix=prefix,
        )  # fmt: skip
        form.is_valid()
        notice = {
            "part": part.name,
            "row": row_key,
            "error": conflict,
            "taken": [form.shown_value(key, value) for key, value in merge.taken.items()],
            "clashes": [form.shown_value(key, value) for key, value in merge.clashes.items()],
        }
        return _render_section(request, strategy, section, bound=(part.name, row_key, form), conflict=notice, status=409)  # fmt: skip
    messages.success(request, _("Saved."))
    if "?" in url:  # an item kept inside an open one
        return redirect(f"{url}#{part.name}-{row.pk}")
    return redirect(_item_url(url, part, row))


@require_safe
def strategy_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole strategy as one read-only document, in Kazakh or Russian (?lang=)."""
    strategy = _strategy(pk)
    ensure_can_view_draft(request.user, strategy)
    lang = document_language(request)
    with translation.override(lang):
        title = strategy.title
    return render(
        request,
        "strategies/preview.html",
        {
            "strategy": strategy,
            "title": title,
            "document_lang": lang,
            # Rendered once per saved version of the document (strategies.panels).
            "document": preview_html(strategy, lang),
            "document_languages": DRAFTING_LANGUAGES,
        },
    )


@require_safe
def strategy_history_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every recorded change of the strategy, newest first."""
    strategy = _strategy(pk)
    ensure_can_view_draft(request.user, strategy)
    page = Paginator(strategy_history(strategy), 50).get_page(request.GET.get("page"))
    return render(request, "strategies/history.html", {"strategy": strategy, "page": page})
