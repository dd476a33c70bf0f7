"""Browser journeys in real Chromium (Debian's, driven by Playwright) against the live server."""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run inside one
# unless told it is safe (the test server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "qala-demo-2050"


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium, live_server, fresh_demo):
    """A fresh browser context per user: open_page(username) → a signed-in page (in `lang`,
    at `viewport`; `bypass_csp` lets a test inject a script such as axe-core)."""
    contexts = []

    def open_as(
        username: str | None = None,
        *,
        lang: str = "ru",
        password: str = PASSWORD,
        viewport: tuple[int, int] = (1400, 1000),
        bypass_csp: bool = False,
        timeout: int = 10_000,
        navigation_timeout: int | None = None,
    ):
        width, height = viewport
        context = chromium.new_context(
            viewport={"width": width, "height": height}, locale=lang, bypass_csp=bypass_csp
        )
        context.set_default_timeout(timeout)
        if navigation_timeout:
            context.set_default_navigation_timeout(navigation_timeout)
        contexts.append(context)
        page = context.new_page()
        page.base_url = live_server.url
        if username:
            sign_in(page, username, password, lang=lang)
        return page

    yield open_as
    for context in contexts:
        context.close()


def sign_in(page, username: str, password: str, *, lang: str = "ru") -> None:
    page.goto(f"{page.base_url}/{lang}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button.primary")
    page.wait_for_url(f"{page.base_url}/{lang}/")
