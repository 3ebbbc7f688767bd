"""Browser tests: real headless Chromium, driven by Playwright's sync API.

The browser is Debian's /usr/bin/chromium (or the one named by CHROMIUM_PATH), not a
build downloaded by Playwright. The Django server under test is pytest-django's
`live_server`. Every test in this folder gets the `browser` marker, so
`pytest -m "not browser"` leaves them out and `pytest -m browser` runs only them.

Fixtures:
  chromium  the browser, one for all the tests in this folder
  page      a fresh tab in a fresh context (locale vi-VN, 1280x800, downloads on);
            `page.console_errors` lists the console errors and uncaught page errors
            (a failed resource with its URL; a missing /favicon.ico is not counted)
  login     login(username, password) signs in through /accounts/login/

When a test fails, a screenshot of its page goes to test-artifacts/<test name>.png.
"""
from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

BROWSER_TESTS_DIR = Path(__file__).resolve().parent

DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    # Root in a container has no user namespaces for Chromium's sandbox.
    "--no-sandbox",
    "--disable-gpu",
    # No network beyond the live server: keep the browser from calling home.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # /dev/shm is small in containers; Chromium would crash on big pages.
    "--disable-dev-shm-usage",
]

# Long enough for a cold page on a slow CI machine, short enough that a missing
# element fails the test in seconds rather than after Playwright's 30 s default.
DEFAULT_TIMEOUT_MS = 15_000

LOGIN_PATH = "/accounts/login/"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be on the items before `-m` deselects by marker.
    # This hook sees every collected item, not only this folder's, hence the path test.
    for item in items:
        if BROWSER_TESTS_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator:
    # Keep each phase's report on the item (rep_setup, rep_call, rep_teardown) so the
    # `page` fixture's teardown can tell whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# Package scope: one browser for all the tests in this folder (in a `pytest -m browser`
# run, the whole session), closed as soon as the last of them is done, so that the
# tests collected after this folder in a plain `pytest` run never see its event loop.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    executable = os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM_PATH
    if not os.access(executable, os.X_OK):
        pytest.fail(
            f"Chromium not found at {executable}: run `scripts/ensure-system-packages.sh "
            "chromium` or set CHROMIUM_PATH",
            pytrace=False,
        )
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio event loop in the test's own thread
        # for as long as it runs. Django refuses ORM calls from a thread with a running
        # loop, so its check is off while (and only while) the browser is up: set for
        # the whole process, it would also reach e.g. `manage.py check --deploy` run by
        # other tests, which rightly fails on it (async.E001).
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def page(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    context = chromium.new_context(
        locale="vi-VN",
        viewport={"width": 1280, "height": 800},
        accept_downloads=True,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()

    console_errors: list[str] = []
    page.console_errors = console_errors

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        text, url = message.text, message.location.get("url") or ""
        if text.startswith("Failed to load resource"):
            # Chromium asks for /favicon.ico by itself; a site without one is not a
            # broken page. Any other failed resource is, and its URL is added since
            # Chromium's message does not say which one failed.
            if urlsplit(url).path == "/favicon.ico":
                return
            text = f"{text}: {url}"
        console_errors.append(text)

    def on_page_error(error: Error) -> None:
        # An uncaught exception in a page script never reaches the console as a
        # message, but it is just as much a broken page.
        console_errors.append(f"Uncaught: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)

    try:
        yield page
        if _failed(request.node):
            _save_screenshot(page, request)
    finally:
        context.close()


@pytest.fixture
def login(page: Page, live_server) -> Callable[..., Page]:
    """login(username, password) → the page, signed in and on the page after login.

    Fails the test if the browser is still on the login page afterwards (wrong
    password, locked out); pass check=False to test exactly that.
    """

    def do_login(username: str, password: str, *, check: bool = True) -> Page:
        page.goto(live_server.url + LOGIN_PATH)
        form = page.locator("form").filter(has=page.locator('input[name="username"]'))
        form.locator('input[name="username"]').fill(username)
        form.locator('input[name="password"]').fill(password)
        with page.expect_navigation():
            form.locator('button[type="submit"]').click()
        if check and page.url.split("?")[0].endswith(LOGIN_PATH):
            pytest.fail(f"login as {username!r} failed: still on {page.url}", pytrace=False)
        return page

    return do_login


def _failed(item: pytest.Item) -> bool:
    reports = (getattr(item, "rep_setup", None), getattr(item, "rep_call", None))
    return any(report is not None and report.failed for report in reports)


def _save_screenshot(page: Page, request: pytest.FixtureRequest) -> None:
    # The test's name, made safe for a file name (parametrized names have [ ] / etc.).
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_") or "test"
    folder = request.config.rootpath / "test-artifacts"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.png"
    try:
        page.screenshot(path=str(path), full_page=True)
    except Error as error:  # the page may have crashed or closed itself
        print(f"could not save a screenshot to {path}: {error}")
    else:
        print(f"screenshot of the failed test: {path}")
