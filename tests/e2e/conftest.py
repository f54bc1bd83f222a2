"""Browser tests: the real app in `streamlit run`, driven by Playwright in Debian's Chromium.

Two app servers run for the whole session, started the way the README starts the app
(`python -m streamlit run dashboard.py --server.headless true ...`, cwd = repo root):

- `data_server`: BYR_CACHE_DIR holds a cache of the made-up figures in tests/sample_data.py;
- `offline_server`: BYR_CACHE_DIR is empty, so the app falls back to the bundled snapshot.

Both get BYR_AUTO_REFRESH=0 and an unreachable BYR_SSB_BASE_URL, so nothing touches the network.
The tests address pages by URL only, never by the page files' folder.

Chromium: /usr/bin/chromium (apt-get install chromium); never `playwright install`. Without it the
browser tests are skipped, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("BYR_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
UNREACHABLE_SSB = "http://ssb.invalid/api/pxwebapi/v2"
STARTUP_TIMEOUT_S = 60
PAGE_TIMEOUT_MS = 30_000

APP_READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHART = '[data-testid="stVegaLiteChart"]'
EXCEPTION = '[data-testid="stException"]'
SKELETON = '[data-testid="stSkeleton"]'
DIALOG = '[role="dialog"]'
# The app's navigation: our grouped page links in the sidebar (or Streamlit's own list, if it returns).
NAV_LINKS = '[data-testid="stSidebar"] [data-testid="stPageLink"] a[href], [data-testid="stSidebarNav"] a[href]'
# The first page of a fresh server: a deep link, where a legacy `pages/` folder used to make
# Streamlit pop up «Page not found» before running the main page.
FIRST_DEEP_LINK = "/maloppnaelse"


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: browser test (Chromium + streamlit run); deselect with -m 'not e2e'")


# -- app servers ---------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(cache_dir: Path) -> dict[str, str]:
    """The test process's environment (PATH, locale, …) plus the app's isolation settings."""
    env = dict(os.environ)
    env.update(
        BYR_CACHE_DIR=str(cache_dir),
        BYR_STATUS_DB=str(cache_dir / "status.sqlite3"),  # no status history: the report's 2018 statuses
        BYR_AUTO_REFRESH="0",
        BYR_SSB_BASE_URL=UNREACHABLE_SSB,
        PYTHONUNBUFFERED="1",
    )
    return env


def streamlit_command(script: str | Path, port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port)]


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Poll /_stcore/health until it answers «ok»; fail early if the server process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        try:  # between polls, wait on the other condition that ends this: the server process dying
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError(f"streamlit exited with {process.returncode}:\n{tail(log)}")
    raise RuntimeError(f"streamlit did not become healthy within {timeout} s:\n{tail(log)}")


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@dataclass
class AppServer:
    name: str
    url: str
    cache_dir: Path
    log: Path
    process: subprocess.Popen
    first_visit_dialogs: list[str] = field(default_factory=list)

    def log_tail(self) -> str:
        return tail(self.log)


def launch_app(name: str, cache_dir: Path, workdir: Path) -> AppServer:
    """Start `streamlit run dashboard.py` on a free port; `wait_healthy` before using it."""
    port = free_port()
    log = workdir / f"streamlit-{name}.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(streamlit_command("dashboard.py", port), cwd=ROOT, env=app_env(cache_dir),
                                   stdout=out, stderr=subprocess.STDOUT)
    return AppServer(name, f"http://127.0.0.1:{port}", cache_dir, log, process)


# -- browser -------------------------------------------------------------------------------------
def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; under CI=true a missing browser is an error."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium) "
                     "for the browser tests")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright import sync_api
    except ImportError:
        skip_or_fail("playwright is not installed: pip install -r requirements-dev.txt")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def first_visit(browser, server: AppServer) -> None:
    """Open a deep link first thing after start, and keep any dialog it pops up for a test."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(server.url + FIRST_DEEP_LINK)
        wait_ready(page)
        server.first_visit_dialogs = page.locator(DIALOG).all_inner_texts()
    finally:
        context.close()


@pytest.fixture(scope="session")
def app_servers(browser):
    """Both app servers, started side by side (it saves a few seconds) and stopped at the end:
    "data" over a cache of tests/sample_data.py's made-up figures, "offline" over an empty cache."""
    with tempfile.TemporaryDirectory(prefix="byr-e2e-") as folder:
        workdir = Path(folder)
        data_cache, offline_cache = workdir / "cache-data", workdir / "cache-offline"
        offline_cache.mkdir()
        with pytest.MonkeyPatch.context() as patch:  # write_cache() writes to $BYR_CACHE_DIR
            patch.setenv("BYR_CACHE_DIR", str(data_cache))
            from tests import sample_data

            sample_data.write_cache()
        servers = {"data": launch_app("data", data_cache, workdir),
                   "offline": launch_app("offline", offline_cache, workdir)}
        try:
            for server in servers.values():
                wait_healthy(server.url, server.process, server.log)
            for server in servers.values():
                first_visit(browser, server)
            yield servers
        finally:
            for server in servers.values():
                stop(server.process)


@pytest.fixture(scope="session")
def data_server(app_servers) -> AppServer:
    """The app over a cache of the made-up figures in tests/sample_data.py."""
    return app_servers["data"]


@pytest.fixture(scope="session")
def offline_server(app_servers) -> AppServer:
    """The app with an empty cache folder: it shows the bundled offline snapshot."""
    return app_servers["offline"]


SIZES = {"1920x1080": {"width": 1920, "height": 1080}, "1280x720": {"width": 1280, "height": 720}}
# The accessibility checks (tests/e2e/test_accessibility.py): a PC and a phone. The accessibility
# statement (data/accessibility.toml) names the same sizes; a unit test keeps them in step.
A11Y_SIZES = {"1280x720": {"width": 1280, "height": 720}, "390x844": {"width": 390, "height": 844}}


@pytest.fixture(scope="session")
def browser_contexts(browser):
    """One context per screen size for the whole run, so the app's static files are cached
    (each test still opens its own tab, hence its own Streamlit session)."""
    contexts: dict = {}

    def get(size: str):
        if size not in contexts:
            contexts[size] = browser.new_context(viewport=SIZES[size], accept_downloads=True, locale="nb-NO",
                                                 timezone_id="Europe/Oslo")
        return contexts[size]

    yield get
    for context in contexts.values():
        context.close()


@pytest.fixture
def make_page(browser_contexts):
    """make_page(size) -> a new tab at that screen size; closed after the test."""
    pages = []

    def make(size: str = "1920x1080"):
        page = browser_contexts(size).new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


# -- waiting on the app --------------------------------------------------------------------------
def slide_path(page, base_url: str, heading: str) -> str:
    """The presentation's link to the slide with this heading, found by walking the slides (their order and
    count depend on the data: industry and country slides come only with their figures)."""
    page.goto(base_url + "/?presentasjon=1")
    wait_ready(page)
    count = page.locator(".st-key-lysbilde button").count()
    for number in range(1, count + 1):
        path = f"/?presentasjon=1&lysbilde={number}"
        if number > 1:
            page.goto(base_url + path)
            wait_ready(page)
        if page.locator("h1").first.inner_text() == heading:
            return path
    pytest.fail(f"no slide «{heading}» among {count}")


def wait_ready(page, charts: bool = False) -> None:
    """Wait until the page is fully drawn: the script run is over, the title is there, no element
    is still a loading skeleton and, if asked, every chart has been drawn by vega-embed (an
    <svg class="marks"> with marks inside).

    Streamlit 1.67 reports «notRunning» as soon as the script has sent its last element, while
    lazily loaded element types (metrics, page links, charts) are still grey skeletons for another
    100–300 ms: the script state alone is not enough before a screenshot or an assertion."""
    page.locator(APP_READY).wait_for()
    page.locator("h1").first.wait_for()
    if charts:
        page.locator(CHART).first.wait_for()
        page.wait_for_function(
            """(selector) => {
                const charts = Array.from(document.querySelectorAll(selector));
                return charts.length > 0 && charts.every(chart => {
                    const svg = chart.querySelector('svg.marks');
                    return svg && svg.getBoundingClientRect().width > 0 && svg.querySelector('.role-mark') !== null;
                });
            }""",
            arg=CHART,
        )
    page.locator(SKELETON).first.wait_for(state="detached")
    # A rerun may have been queued by a widget bound to the URL: make sure it has finished too.
    page.locator(APP_READY).wait_for()


BROKEN_WORDS = """(root) => {
    const broken = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""


def broken_words(locator) -> list[str]:
    """The words inside `locator` that the browser split across two lines (mid-word breaks)."""
    return locator.evaluate(BROKEN_WORDS)
