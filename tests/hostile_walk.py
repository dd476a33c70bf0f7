"""What a browser finds on the app's pages, for the hostile-input suite: the forms (with what a
browser would submit by default), the links, and every URL of the browser URLconf."""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Form:
    """One form as the page renders it."""

    page: str  # where it was found
    action: str  # path (with query) it posts to
    method: str
    multipart: bool
    values: list[tuple[str, str]] = field(default_factory=list)  # submitted as rendered
    # name → (kind of control: an input type, "select" or "textarea"; its inputmode)
    controls: dict[str, tuple[str, str]] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)  # named submit buttons

    def submission(self, button: tuple[str, str] | None = None) -> dict[str, list[str]]:
        """The fields a browser sends when the button is pressed (the first one by default)."""
        data: dict[str, list[str]] = {}
        for name, value in self.values:
            data.setdefault(name, []).append(value)
        pressed = button or (self.buttons[0] if self.buttons else None)
        if pressed:
            data.setdefault(pressed[0], []).append(pressed[1])
        return data


class _PageParser(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._options: list[tuple[str, bool]] = []
        self._option: tuple[str | None, bool] | None = None  # value attribute, selected
        self._option_text = ""
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(urljoin(self.page, a["href"]))
        elif tag == "form":
            self._form = Form(
                page=self.page,
                action=urljoin(self.page, a.get("action") or self.page),
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
        elif self._form is None or "disabled" in a:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            name = a["name"]
            if kind in ("submit", "image"):
                self._form.buttons.append((name, a.get("value", "")))
                return
            self._form.controls.setdefault(name, (kind, a.get("inputmode", "")))
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form.values.append((name, a.get("value", "on")))
            elif kind != "file":
                self._form.values.append((name, a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit" and a.get("name"):
            self._form.buttons.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], "multiple" in a)
            self._options = []
            self._form.controls.setdefault(a["name"], ("select", ""))
        elif tag == "option" and self._select:
            self._option = (a.get("value"), "selected" in a)
            self._option_text = ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._text = ""
            self._form.controls.setdefault(a["name"], ("textarea", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data
        elif self._option is not None:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value, selected = self._option
            self._options.append((self._option_text.strip() if value is None else value, selected))
            self._option = None
        elif tag == "select" and self._select and self._form:
            name, multiple = self._select
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self._form.values.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form:
            self._form.values.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def parse_page(path: str, html: str) -> tuple[list[Form], list[str]]:
    """The forms and the links (absolute paths with their query) of a rendered page."""
    parser = _PageParser(path)
    parser.feed(html)
    parser.close()
    links = []
    for link in parser.links:
        parts = urlsplit(link)
        if parts.netloc or parts.scheme not in ("", "http", "https"):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return parser.forms, links


def query_keys(link: str) -> list[str]:
    return [key for key, _value in parse_qsl(urlsplit(link).query, keep_blank_values=True)]


def browser_patterns(excluded_prefixes: tuple[str, ...]) -> list[tuple[str, str, list[str]]]:
    """Every URL pattern of the URLconf as (name, route with <kwarg> placeholders, kwarg names),
    the i18n prefix left out, except those under the excluded route prefixes."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if any(route.lstrip("^").startswith(p) for p in excluded_prefixes):
                continue
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}{pattern.namespace}:"
                walk(pattern.url_patterns, "" if _is_locale(pattern) else route, ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append(
                    (f"{namespace}{pattern.name}", route, list(pattern.pattern.converters))
                )

    walk(get_resolver().url_patterns, "", "")
    return found


def _is_locale(resolver: URLResolver) -> bool:
    return type(resolver.pattern).__name__ == "LocalePrefixPattern"
