"""Hostile and absurd input against every form and every id parameter of the browser app finds
no server error (issue 8, "Done when").

Nothing is listed by hand: for each state of Almaty's strategy along the route (reached through
the services) and each role, the walk opens every URL of the browser URLconf it can fill and every
page linked from there, and keeps what a browser finds: the forms with the values they submit as
rendered, the ids in paths, the query parameters. Each kind of bad input then goes into each field
with the rest of the form as rendered, so a value the form lets through reaches the services and
the database. The fields of a large form take the bad value together, and those the form refuses
(marked `aria-invalid` on the page it answers with) drop out until the rest is accepted; anything
unclear is split in halves, down to one field. Each request runs in a savepoint rolled back after
it, so every one starts from the same state.

Runs on PostgreSQL, and on the embedded SQLite in the second run of `make test` (tests marked
`embedded`, with DATABASE_URL and REDIS_URL unset).
"""

import copy
import dataclasses
import re
import traceback
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from approvals import services
from core.models import Membership, Organisation, User
from strategies.document_json import document_dump, document_load
from strategies.models import Strategy
from strategies.selectors import strategy_document
from tests import clock
from tests.approvals.conftest import bring, member, user
from tests.hostile_walk import Form, browser_patterns, parse_page, query_keys

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

ROOT = Path(__file__).resolve().parent.parent
LANG = "kk"
# Not the browser app's own forms: Django's admin, the REST API (its schema is tested by
# itself), uploaded and static files.
EXCLUDED = ("admin/", "api/", "media/", "static/")

# --- the kinds of bad input ----------------------------------------------------------------------

TEXT, NUMBER, DATE, CHOICE, FILE = "text", "number", "date", "choice", "file"
TYPED = frozenset({TEXT, NUMBER, DATE, CHOICE})
IDS = frozenset({NUMBER, CHOICE})


@dataclass(frozen=True)
class Kind:
    name: str
    value: object  # a string, a list (the field sent that many times) or a file factory
    applies_to: frozenset[str]
    # A form may let it through to the database, where PostgreSQL and SQLite differ (NUL bytes,
    # integer ranges, dates); the others are refused or cleaned the same way before any database.
    reaches_database: bool = True

    def make(self):
        return self.value() if callable(self.value) else self.value


def _file(name: str, content: bytes, content_type: str):
    return lambda: SimpleUploadedFile(name, content, content_type=content_type)


MEGABYTE = ("Қала " * 120_000).encode()[: 1 << 20].decode(errors="ignore")
KINDS = [
    # Text with a NUL byte; in a number, an id or a date it is also text where none belongs.
    Kind("nul-byte", "Алматы\x00", TYPED),
    Kind("one-megabyte", MEGABYTE, frozenset({TEXT})),
    Kind("invisible-only", "\u200b\u200c\u200d\u2060\ufeff\u00ad", frozenset({TEXT}), False),
    Kind("huge-integer", "100000000000000000000", IDS),
    Kind("int32-overflow", "2147483648", IDS),
    Kind("negative", "-1", IDS),
    Kind("superscript-digits", "²³", IDS),
    Kind("arabic-indic-digits", "٣٤", IDS),
    Kind("5000-digits", "9" * 5000, IDS),
    Kind("far-future-date", "9999-12-31", frozenset({DATE})),
    Kind("far-past-date", "1800-01-01", frozenset({DATE})),
    Kind("malformed-date", "2025-02-30", frozenset({DATE}), False),
    # A field sent twice: what reads one value gets the last, what reads a list gets both.
    Kind("wrong-type-list", ["1", "жүз"], frozenset({CHOICE}), False),
    Kind("wrong-type-file", _file("a.txt", b"text", "text/plain"), frozenset({TEXT, NUMBER}), False),
    Kind(
        "html-as-pdf", _file("p.pdf", b"<html><script>1</script>", "application/pdf"),
        frozenset({FILE}), False,
    ),
    Kind("text-for-file", "protocol.pdf", frozenset({FILE}), False),
]  # fmt: skip
MEGABYTE_KIND = next(kind for kind in KINDS if kind.name == "one-megabyte")


def category(control: str, inputmode: str, value: str) -> str:
    """What a field holds, from how it is rendered."""
    if control == "file":
        return FILE
    if control == "date" or re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}", value or ""):
        return DATE
    if control in ("select", "radio", "checkbox", "button"):
        return CHOICE
    if control in ("hidden", "number") or inputmode in ("numeric", "decimal"):
        return NUMBER
    return TEXT


# --- the states and the people -------------------------------------------------------------------


def _recommended(strategy: Strategy) -> None:
    """At the maslikhat, with the akimat's recommendation recorded (the secretary's approval
    needs it; the editor may still change it)."""
    bring(strategy, "maslikhat")
    today = timezone.localdate()
    services.maslikhat_recommend(
        actor=user("almaty.editor"), strategy=strategy,
        snapshot_number=strategy.snapshots.order_by("number").last().number, recommended_on=today,
        recommendation="Әкімдік ұсынады.", consulted_on=today,
        consultation_reference="ҚР Президенті Әкімшілігі, 01-12/345",
    )  # fmt: skip


def _an_import_to_confirm() -> list[str]:
    """An upload of monitoring values waiting for its editor's confirmation: its preview page."""
    from indicators.imports.service import import_upload

    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    table = ROOT / "tests/fixtures/almaty-sdg11-plan-fact.csv"
    record, _plan = import_upload(
        actor=user("almaty.editor"), strategy=edition, data=table.read_bytes(), filename=table.name
    )
    with translation.override(LANG):
        return [reverse("indicators:import_preview", args=[edition.pk, record.pk])]


def _a_failed_pdf() -> list[str]:
    """A PDF of the approved edition whose render failed: its page (with the retry form) and its
    status, which the page polls."""
    from publishing.models import Render
    from publishing.services import render_request

    edition = Strategy.objects.get(city__code="almaty", state=Strategy.State.APPROVED)
    render = render_request(
        actor=user("almaty.editor"), strategy=edition, snapshot=edition.snapshots.order_by("number").last(),
        language=LANG,
    )  # fmt: skip
    Render.objects.filter(pk=render.pk).update(
        status=Render.Status.FAILED, failure=Render.Failure.STORAGE
    )
    with translation.override(LANG):
        return [
            reverse(name, args=[render.pk]) for name in ("publishing:render", "publishing:status")
        ]


# The stages of the route where the forms differ (the adjacent regions' page is the central
# body's, for another reviewer).
STATES = {
    "draft": lambda strategy: bring(strategy, "draft"),
    "hearings": lambda strategy: bring(strategy, "hearings"),
    "central": lambda strategy: bring(strategy, "central"),
    "returned": lambda strategy: bring(strategy, "returned"),
    "maslikhat": _recommended,
    "approved": lambda strategy: bring(strategy, "approved"),
}
# The forms each state must offer (a walk that finds fewer has lost its way).
FORMS_OF_STATE = {
    "draft": {"strategies:section", "strategies:create", "approvals:submit", "login",
              "password_reset", "password_reset_confirm", "password_change", "set_language"},
    "hearings": {"approvals:hearing", "approvals:public_hearing"},
    "central": {"approvals:review"},
    "returned": {"approvals:remarks"},
    "maslikhat": {"approvals:review"},
    "approved": {"approvals:amend"},
}  # fmt: skip
# Pages whose URL `seeds` cannot fill, with the state that reaches them: by a link the walk
# follows, or by a page of their own the state adds to the start of the walk.
LINKED_OF_STATE = {
    "draft": {
        "password_reset_confirm",
        "indicators:indicator",
        "indicators:import_preview",
        "indicators:export",
        "publishing:render",
        "publishing:status",
    },
    "central": {"approvals:protocol"},
}
MORE_SEEDS_OF_STATE = {"draft": lambda: _an_import_to_confirm() + _a_failed_pdf()}
ROLES = [
    "",  # anonymous
    "shymkent.editor",  # drafts Shymkent's small copy of the strategy; may start Aktobe's
    "almaty.editor",
    "ministry.reviewer",
    "almaty-region.reviewer",
    "almaty.maslikhat",
]
# The editor's pages are walked on Shymkent's copy, which has one item of each kind: the same
# forms as Almaty's complete draft, at a fraction of the cost of rendering each answer.
SKIPPED_VIEWS = {"almaty.editor": {"strategies:section"}}

# --- what the walk finds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One value read from a request: a form field, a query parameter or an id in the path."""

    key: str  # what it stands for: role, method, view, field (row ids and years left out)
    view: str
    role: str
    method: str
    path: str
    data: tuple  # the form as rendered: ((name, (value, ...)), ...)
    multipart: bool
    field: str
    where: str  # "form", "query" or "path"
    category: str
    form: str = ""  # the fields of one form (and button) share this
    batched: bool = False


def shape(name: str) -> str:
    """A name with row ids and years left out, so that every item of a list (and every year of
    a series) counts once: `problems-12-text_kk` → `problems-#-text_kk`."""
    return re.sub(r"\d+", "#", name)


def view_of(path: str) -> tuple[str, dict]:
    """The view name and the path kwargs of a URL ("", {} when nothing matches)."""
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return "", {}
    return match.view_name, match.kwargs


def seeds(strategies: list[Strategy], reset_link: str) -> list[str]:
    """Every URL of the browser URLconf that can be filled, for each strategy and section."""
    from strategies.editor import PAGES

    values = {"pk": [s.pk for s in strategies], "section": list(PAGES), "number": [11]}
    paths = [f"/{LANG}/", reset_link]
    for _name, route, kwargs in browser_patterns(EXCLUDED):
        filled = [route]
        for kwarg in kwargs:
            filled = [
                re.sub(rf"<(\w+:)?{kwarg}>", str(value), path)
                for path in filled
                for value in values.get(kwarg, [])
            ]
        paths += [f"/{LANG}/{path}" for path in filled]
    return paths


def walk(client: Client, start: list[str], *, keep, limit: int = 300):
    """Open, as GET, the pages a user reaches from `start` for which `keep(view, kwargs)` holds,
    each kind of link once (one view with one set of path values and query keys); the forms
    found, and the pages that opened (status 200)."""
    queue, pages, kinds_seen, forms = list(start), [], set(), []
    while queue and len(kinds_seen) < limit:
        path = queue.pop(0)
        name, kwargs = view_of(path)
        kind = (name, tuple(sorted(kwargs.items())), tuple(sorted(query_keys(path))))
        if not name or kind in kinds_seen or not keep(name, kwargs):
            continue
        if not path.startswith(f"/{LANG}/") or any(
            path.startswith(f"/{LANG}/{prefix}") for prefix in EXCLUDED
        ):
            continue
        kinds_seen.add(kind)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
        elif response.status_code == 200:
            pages.append(path)
            if "html" in response.get("Content-Type", ""):
                html = response.content.decode()
                if 'type="number"' in html:
                    NUMBER_INPUTS.add(path)
                page_forms, links = parse_page(path, html)
                forms += page_forms
                queue += links
    return forms, pages


def targets_of_form(role: str, form: Form) -> list[Target]:
    """With the first button (what saves), every field; with the others (remove, move, hide),
    the hidden ids they send; each button's own value; the ids in the action's path."""
    view, _kwargs = view_of(form.action)
    if not view or form.method != "post":
        return []
    found = []
    who = role or "anonymous"
    for index, button in enumerate(form.buttons or [None]):
        data = tuple((name, tuple(values)) for name, values in form.submission(button).items())
        controls = {
            name: control
            for name, control in form.controls.items()
            if name != "csrfmiddlewaretoken"
            and not re.search(r"_(ru|en)$", name)  # the same field as its _kk twin
            and (index == 0 or control[0] == "hidden")
        }
        if button:
            controls[button[0]] = ("button", "")
        pressed = f" [{shape(button[1])}]" if button else ""
        visible = [name for name, (control, _mode) in controls.items()
                   if control not in ("hidden", "button", "file")]  # fmt: skip
        form_id = f"{form.action}{pressed} " + " ".join(sorted(controls))
        for name, (control, inputmode) in controls.items():
            first = dict(data).get(name, ("",))[:1] or ("",)
            # A hidden field (version, row id) is the same field in every item form of a view.
            field_key = name.rsplit("-", 1)[-1] if control == "hidden" else shape(name)
            found.append(
                Target(
                    key=f"{who} POST {view} {field_key}{pressed}", view=view, role=role, method="post",
                    path=form.action, data=data, multipart=form.multipart, field=name,
                    where="form", category=category(control, inputmode, first[0]), form=form_id,
                    batched=name in visible,
                )
            )  # fmt: skip
    return found + targets_of_path(role, form.action, "post", form.submission())


def targets_of_path(role: str, path: str, method: str, data=None) -> list[Target]:
    """The ids in the path; for a page opened, its query parameters. Once for every role: what
    reads them is the same code whoever asks (the first role the page opens for is taken)."""
    view, kwargs = view_of(path)
    packed = tuple((name, tuple(values)) for name, values in (data or {}).items())
    found = [
        Target(
            key=f"{method.upper()} {view} <{kwarg}>", view=view, role=role, method=method, path=path,
            data=packed, multipart=True, field=kwarg, where="path", category=NUMBER,
        )
        for kwarg, value in kwargs.items()
        if isinstance(value, int)
    ]  # fmt: skip
    if method == "get":
        found += [
            Target(
                key=f"GET {view} ?{key}", view=view, role=role, method="get", path=path, data=(),
                multipart=False, field=key, where="query", category=NUMBER,
            )
            for key in dict.fromkeys(query_keys(path))
        ]  # fmt: skip
    return found


# --- sending ---------------------------------------------------------------------------------------


class PlainClient(Client):
    """The test client without the copy of every template context it keeps for assertions (an
    editor page renders thousands of widget templates): status, cookies and exceptions only."""

    def request(self, **request):
        environ = self._base_environ(**request)
        uid = f"request-exception-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            response = self.handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        self.check_exception(response)
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


@dataclass
class World:
    state: str
    targets: dict[str, Target]
    clients: dict[str, PlainClient]
    opened: set[str]  # the views of the pages that opened


@dataclass
class Outcome:
    status: int = 0
    refused: frozenset[str] = frozenset()  # fields the page marks aria-invalid
    error: str = ""  # what went wrong on the server


INVALID = re.compile(r"<(?:input|select|textarea)\b[^>]*\baria-invalid=\"true\"[^>]*>")
NAME = re.compile(r"\bname=\"([^\"]+)\"")


Attempt = tuple[Target, Kind]  # one bad value in one place


def send(world: World, attempts: list[Attempt]) -> Outcome:
    """One request with each attempt's bad value in its place (fields of one form, each once; or
    one path id or query parameter), in a savepoint rolled back afterwards."""
    first = attempts[0][0]
    client = world.clients[first.role]
    data = {name: list(values) for name, values in first.data} if first.method == "post" else None
    path = first.path
    if first.where == "path":
        kwargs = view_of(path)[1]
        head, _sep, tail = path.partition(f"/{kwargs[first.field]}/")
        path = f"{head}/{attempts[0][1].make()}/{tail}"
    elif first.where == "query":
        parts = urlsplit(path)
        query = parse_qsl(parts.query, keep_blank_values=True)
        query = [(k, v) for k, v in query if k != first.field]
        value = attempts[0][1].make()
        query += [(first.field, v) for v in (value if isinstance(value, list) else [value])]
        path = f"{parts.path}?{urlencode(query)}"
    else:
        for target, kind in attempts:
            data[target.field] = kind.make()
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            response = client.get(path) if first.method == "get" else client.post(path, data)
            transaction.set_rollback(True)
    except Exception as error:  # what a production server answers with a 500
        return Outcome(error=f"{type(error).__name__}: {str(error)[:200]} ({_where(error)})")
    finally:
        client.cookies = cookies
    if response.status_code >= 500:
        return Outcome(error=f"HTTP {response.status_code}")
    refused = frozenset()
    if response.status_code == 400 and "html" in response.get("Content-Type", ""):
        html = response.content.decode(errors="replace")
        refused = frozenset(m for tag in INVALID.findall(html) for m in NAME.findall(tag))
    return Outcome(status=response.status_code, refused=refused)


def probe(world: World, attempts: list[Attempt]) -> list[str]:
    """The server errors among `attempts` (on the fields of one form, or on one target).

    Each request carries one pending attempt per field. An attempt whose field the answer marks
    refused is done; so is every attempt of a request that is accepted. The rest go again with the
    next ones; an error, or a refusal that names no field, is split in halves down to one."""
    # A megabyte costs its time wherever it goes: its attempts are settled on their own.
    heavy = [attempt for attempt in attempts if attempt[1] is MEGABYTE_KIND]
    failures = _probe_together(world, heavy) if heavy else []
    pending = [attempt for attempt in attempts if attempt[1] is not MEGABYTE_KIND]
    return failures + (_probe_together(world, pending) if pending else [])


def _probe_together(world: World, attempts: list[Attempt]) -> list[str]:
    failures, pending = [], list(attempts)
    while pending:
        batch, fields = [], set()
        for attempt in pending:
            if attempt[0].field not in fields:
                batch.append(attempt)
                fields.add(attempt[0].field)
        found, unsettled = _settle(world, batch)
        failures += found
        pending = [attempt for attempt in pending if attempt not in batch] + unsettled
    return failures


def _settle(world: World, batch: list[Attempt]) -> tuple[list[str], list[Attempt]]:
    """The server errors in `batch`, and the attempts it leaves to send again."""
    outcome = send(world, batch)
    if outcome.error and len(batch) == 1:
        target, kind = batch[0]
        return [f"{target.key} ← {kind.name}: {outcome.error}"], []
    if not outcome.error and (outcome.status < 400 or len(batch) == 1):
        return [], []  # accepted together, or this one attempt refused
    unsettled = [attempt for attempt in batch if attempt[0].field not in outcome.refused]
    if outcome.error or len(unsettled) == len(batch):
        half = len(batch) // 2
        return _probe_together(world, batch[:half]) + _probe_together(world, batch[half:]), []
    return [], unsettled


def _where(error: Exception) -> str:
    """The innermost line of the project's own code the error passed through."""
    frames = traceback.extract_tb(error.__traceback__)
    own = [f for f in frames if f.filename.startswith(str(ROOT)) and "/.venv/" not in f.filename]
    frame = (own or frames)[-1]
    return f"{frame.filename.removeprefix(str(ROOT) + '/')}:{frame.lineno}"


# --- the states, each walked once ----------------------------------------------------------------


_TRIED_BEFORE: set[str] = set()
# Pages with an <input type="number">, which Chromium submits without a typed decimal comma
# ("76,5" arrives as 765): none may have one.
NUMBER_INPUTS: set[str] = set()


def discover(clients: dict[str, Client], start: list[str], keep) -> tuple[dict, set[str]]:
    """What each role finds from `start` (the pages and forms that `keep(role, view, kwargs)`
    allows): the targets by key, and the views of the pages that opened. A form an anonymous
    visitor also finds is tried as theirs only."""
    targets: dict[str, Target] = {}
    opened: set[str] = set()
    for role, client in clients.items():
        forms, pages = walk(
            client, start, keep=lambda view, kwargs, role=role: keep(role, view, kwargs)
        )
        opened |= {view_of(path)[0] for path in pages}
        for target in [
            *(t for form in with_new_items_filled(forms) for t in targets_of_form(role, form)),
            *(t for path in pages for t in targets_of_path(role, path, "get")),
        ]:
            if keep(role, *view_of(target.path)):
                targets.setdefault(target.key, target)
    anonymous = {key.split(" ", 1)[1] for key in targets if key.startswith("anonymous POST ")}
    return {
        key: target
        for key, target in targets.items()
        if target.where != "form" or not target.role or key.split(" ", 1)[1] not in anonymous
    }, opened


def with_new_items_filled(forms: list[Form]) -> list[Form]:
    """The forms, where the empty form of a new item (`problems-new-text_kk`) carries what the
    form of an existing item on the same page holds (`problems-12-text_kk`): as a user would fill
    it in, so that a bad value in one field is not hidden by the others being empty."""
    existing: dict[tuple[str, str], list[str]] = {}
    for form in forms:
        page = urlsplit(form.action).path  # the form of an open item has `?open=` in its action
        values: dict[tuple[str, str], list[str]] = {}
        for name, value in form.values:
            if re.search(r"-\d+-", name) and form.controls.get(name, ("hidden",))[0] != "hidden":
                values.setdefault((page, re.sub(r"-\d+-", "-new-", name)), []).append(value)
        existing = values | existing  # the first item's values win
    filled = []
    for form in forms:
        page = urlsplit(form.action).path
        own = [(name, value) for name, value in form.values if (page, name) not in existing]
        borrowed = [
            (name, value) for name in form.controls for value in existing.get((page, name), [])
        ]
        filled.append(dataclasses.replace(form, values=own + borrowed))
    return filled


@pytest.fixture(scope="module", params=list(STATES))
def world(request, django_db_setup, django_db_blocker):
    """The state, what each role finds in it, and a signed-in client per role, inside a
    transaction rolled back when the module is done with the state."""
    with (
        django_db_blocker.unblock(),
        # Limits are tested in tests/core/test_limits.py; a megabyte in every field of a form at
        # once goes past the limit on a whole request, which would hide the fields.
        override_settings(RATELIMIT_ENABLE=False, DATA_UPLOAD_MAX_MEMORY_SIZE=64 << 20),
    ):
        cache.clear()
        with transaction.atomic():
            draft = Strategy.objects.get(city__code="almaty", state=Strategy.State.DRAFT)
            editor = member("shymkent.editor", "city-akimat-shymkent", Membership.Role.CITY_EDITOR)
            # ... and Aktobe's, a city with no strategy yet: the new-strategy form is offered.
            Membership.objects.create(
                user=editor,
                organisation=Organisation.objects.get(code="city-akimat-aktobe"),
                role=Membership.Role.CITY_EDITOR,
            )
            copy_ = document_load(small_copy(draft, "shymkent"), actor=editor)
            STATES[request.param](draft)
            draft.refresh_from_db()
            clock.reset()  # the walk and the attempts run at the same time of day
            clients = {role: PlainClient() for role in ROLES}
            for role, client in clients.items():
                if role:
                    client.force_login(User.objects.get(username=role))
            someone = user("almaty.editor")
            uid = urlsafe_base64_encode(force_bytes(someone.pk))
            token = default_token_generator.make_token(someone)
            first = request.param == next(iter(STATES))
            # Karaganda's draft and the others have the pages of Shymkent's and Almaty's.
            walked = [draft, copy_, Strategy.objects.get(city__code="almaty", state="approved")]
            reset_link = f"/{LANG}/accounts/reset/{uid}/{token}/"
            start = seeds(walked if first else [draft], reset_link)
            start += MORE_SEEDS_OF_STATE.get(request.param, list)()

            def keep(role, view, kwargs):
                if view in SKIPPED_VIEWS.get(role, ()):
                    return False
                # Pages of other strategies, or of none, do not change along the route.
                return first or kwargs.get("pk") == draft.pk

            targets, opened = discover(clients, start, keep)
            # What reads a query parameter or an id in the path does not change along the route:
            # each is tried in the first state that has it.
            targets = {
                key: target
                for key, target in targets.items()
                if target.where == "form" or key not in _TRIED_BEFORE
            }
            _TRIED_BEFORE.update(key for key, target in targets.items() if target.where != "form")
            yield World(request.param, targets, clients, opened)
            transaction.set_rollback(True)
        cache.clear()


def one_of_each(value):
    """A document with the first item of each list of items, and everything else as it is."""
    if isinstance(value, dict):
        return {key: one_of_each(item) for key, item in value.items()}
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return [one_of_each(value[0])]
    return value


def small_copy(strategy: Strategy, city: str) -> dict:
    """The document of `strategy` for `city`, with one item of each kind."""
    content = one_of_each(document_dump(strategy_document(strategy.pk)))
    for direction in content["directions"].values():
        kept = {problem["key"] for problem in direction.get("problems", [])}
        for solution in direction.get("solutions", []):
            solution["answers"] = [key for key in solution.get("answers", []) if key in kept]
    return {**content, "city": city, "settlements": []}


def test_the_walk_finds_the_forms_and_links_of_the_state(world):
    posted = {target.view for target in world.targets.values() if target.method == "post"}
    assert FORMS_OF_STATE[world.state] <= posted
    assert LINKED_OF_STATE.get(world.state, set()) <= world.opened
    assert not NUMBER_INPUTS, NUMBER_INPUTS


def test_no_bad_input_gives_a_server_error(world):
    """Every kind of bad input in every place the walk found (one test per state: the kinds go
    into a form's fields together, so a form costs about as many requests as it has kinds)."""
    kinds = [kind for kind in KINDS if kind.reaches_database or connection.vendor != "sqlite"]
    forms, singles = defaultdict(list), []
    for target in world.targets.values():
        for kind in kinds:
            if target.category not in kind.applies_to:
                continue
            if target.batched:
                forms[target.form].append((target, kind))
            elif target.where == "form" or isinstance(kind.value, str):
                singles.append((target, kind))
    failures = [failure for attempts in forms.values() for failure in probe(world, attempts)]
    failures += [failure for attempt in singles for failure in probe(world, [attempt])]
    assert not failures, f"{len(failures)} server errors in state {world.state}:\n" + "\n".join(
        failures
    )


def test_every_url_of_the_browser_app_is_walked():
    """Each URL pattern either has its values filled by `seeds` or is reached by a link."""
    # The retry is the failed render's form; the download of a render not ready goes to its page.
    reached_by_link = set().union(*LINKED_OF_STATE.values()) | {
        "publishing:retry",
        "publishing:download",
    }
    for name, route, kwargs in browser_patterns(EXCLUDED):
        assert set(kwargs) <= {"pk", "section", "number"} or name in reached_by_link, (name, route)
