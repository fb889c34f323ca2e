"""Browser tests: Playwright (as a driver only) steering Debian's Chromium at a live server.

The browser is never one downloaded by a test tool: it is /usr/bin/chromium, installed by
`make browser-deps` (apt-get). Without it these tests skip, with the reason; with
BROWSER_TESTS=required (as CI sets) they fail instead.

The site runs in pytest-django's `live_server` (a real threaded HTTP server in this process)
on the test database; print builds run in a real Celery worker process on queue `print`, and
email goes to a local SMTP server. Each step saves a screenshot under var/screenshots/.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from tests.factories import AuthorFactory, IssueIndexPageFactory, IssuePageFactory, SectionFactory

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# Generous: two cores are shared by the web server, a Celery worker, WeasyPrint and Chromium.
TIMEOUT_MS = 30_000
HERE = Path(__file__).resolve().parent


def browser_required():
    return os.environ.get("BROWSER_TESTS", "").strip().lower() in {"required", "1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module's tests.

    Playwright's sync API keeps an asyncio loop on this thread while it runs, and Django then
    refuses ORM calls from the test body ("you cannot call this from an async context"). The
    tests are plain synchronous code, so Django is told so while the browser is open."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Debian's Chromium at {CHROMIUM}: run `make browser-deps`"
        if browser_required():
            pytest.fail(f"BROWSER_TESTS=required, but {reason}")
        pytest.skip(reason)
    allow_async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    # While Playwright's event loop runs, Django hands this thread new connection objects, which
    # lack the database state saved at set-up: without it, a test's serialized rollback cannot
    # restore that state, and its flush re-creates content types the next restore then repeats.
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    try:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            # We run as root, in containers with a small /dev/shm.
            args=["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        )
        yield browser
        browser.close()
    finally:
        connections.close_all()  # the connections made while the browser was open
        playwright.stop()
        if allow_async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_async_unsafe


@pytest.fixture
def site(live_server, settings):
    """The live site: absolute links (emails, the admin) point at it."""
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    return live_server


@pytest.fixture
def shared_media(settings):
    """Media where the Celery worker process looks for it (the test settings' MEDIA_ROOT, not
    the temporary folder the suite's autouse fixture gives each test), so a print build sees
    the images the test made. Files made here are removed afterwards."""
    media = Path(settings.VAR_DIR) / "test-media"
    settings.MEDIA_ROOT = str(media)
    yield from new_files_removed_afterwards(media)


def new_files_removed_afterwards(folder):
    folder.mkdir(parents=True, exist_ok=True)
    before = {path for path in folder.rglob("*") if path.is_file()}
    yield folder
    for path in folder.rglob("*"):
        if path.is_file() and path not in before:
            path.unlink(missing_ok=True)


@pytest.fixture
def private_files(settings):
    """The print files the test's builds make (in the test settings' private storage, which
    the worker process shares) are removed afterwards."""
    yield from new_files_removed_afterwards(
        Path(settings.STORAGES["private"]["OPTIONS"]["location"])
    )


@pytest.fixture
def context(request, browser, site, screenshot):
    context = browser.new_context(
        base_url=site.url,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    yield context
    if getattr(request.node, "browser_test_failed", False):
        # What each tab showed when the test failed, beside the steps' screenshots.
        for page in context.pages:
            with contextlib.suppress(Exception):
                path = screenshot(page, "failed", full_page=True)
                path.with_suffix(".html").write_text(page.content())
    context.close()


@pytest.fixture
def new_page(context):
    """A new tab, in a new context each test (no cookies carried over)."""

    expect.set_options(timeout=TIMEOUT_MS)
    return context.new_page


@pytest.fixture
def screenshot(request, settings):
    """screenshot(page, "step") saves var/screenshots/<test>/<NN>-<step>.png: the window, or
    with full_page=True the whole page (the admin's own scrolling panes are best as seen)."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = Path(settings.VAR_DIR) / "screenshots" / name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    count = 0

    def take(page, step, full_page=False):
        nonlocal count
        count += 1
        slug = re.sub(r"[^\w.-]+", "-", step)
        path = folder / f"{count:02d}-{slug}.png"
        for attempt in range(3):
            try:
                page.screenshot(path=str(path), full_page=full_page)
                return path
            except PlaywrightError:
                # Chromium refuses to capture while the page is navigating (a progress
                # page reloads itself when its job ends): wait for the new page and retry.
                if attempt == 2:
                    raise
                page.wait_for_load_state()

    return take


@pytest.fixture
def paper():
    """An issue index with issue 741 in it, the Industrial section and an author."""
    index = IssueIndexPageFactory()
    issue = IssuePageFactory(parent=index, number=741, cover_headline="Porters win")
    return {
        "index": index,
        "issue": issue,
        "section": SectionFactory(name="Industrial", slug="industrial"),
        "author": AuthorFactory(name="Kim Ng"),
    }
