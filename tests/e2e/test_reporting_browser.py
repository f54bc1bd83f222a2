"""The editor's password path end to end in Chromium: sign in on «Statusrapportering», set a status,
save, see it on the page, in the history and on the council slide. Screenshots for a human at
1280×720 (page, history, slide) and 390×844 (the page on a phone).

The app runs with its own secrets file (a password hash made here, passed with --secrets.files),
its own status database and a cache of the made-up figures in tests/sample_data.py.
"""

from __future__ import annotations

import re
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from byr_data.status import model as sm, passwords
from tests.e2e.conftest import (
    EXCEPTION,
    PAGE_TIMEOUT_MS,
    ROOT,
    app_env,
    free_port,
    stop,
    streamlit_command,
    wait_healthy,
    wait_ready,
)

pytestmark = pytest.mark.e2e

PASSWORD = "e2e-riktig-passord"
PERIOD = sm.period_of(date.today())


@pytest.fixture(scope="module")
def editor_server(browser):
    """`streamlit run dashboard.py` with an editor password hash in a private secrets file."""
    import subprocess

    with tempfile.TemporaryDirectory(prefix="byr-e2e-reporting-") as folder:
        workdir = Path(folder)
        secrets = workdir / "secrets.toml"
        secrets.write_text(passwords.secrets_line(PASSWORD) + "\n", encoding="utf-8")
        cache = workdir / "cache"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BYR_CACHE_DIR", str(cache))
            from tests import sample_data

            sample_data.write_cache()
        env = app_env(cache)
        env["BYR_STATUS_DB"] = str(workdir / "status.sqlite3")
        port, log = free_port(), workdir / "streamlit.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(streamlit_command("dashboard.py", port) + ["--secrets.files", str(secrets)],
                                       cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log)
            yield url, workdir / "status.sqlite3"
        finally:
            stop(process)


@contextmanager
def browser_tab(browser, width: int, height: int, path: str, url: str):
    """A fresh browser (own cookies, own Streamlit session) at a screen size, open at `path`."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="nb-NO",
                                  timezone_id="Europe/Oslo")
    try:
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(url + path)
        wait_ready(page)
        yield page
    finally:
        context.close()


def test_editor_signs_in_sets_a_status_saves_and_sees_it(browser, editor_server, screenshot_dir):
    url, database = editor_server
    with browser_tab(browser, 1280, 720, "/statusrapportering", url) as page:
        assert page.locator(EXCEPTION).count() == 0
        assert page.get_by_role("button", name="Lagre perioden").count() == 0  # a viewer sees no form
        page.get_by_text("Logg inn for å registrere status").click()
        page.get_by_role("textbox", name="Navnet ditt").fill("Kari Nordmann")
        page.locator('input[aria-label="Passord"]').fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.get_by_text("Logget inn som redaktør: Kari Nordmann").wait_for()
        wait_ready(page)

        status_box = page.get_by_role("combobox", name="Status").first  # the first criterion's status
        before = status_box.input_value()
        new_status = "ikke nådd" if before != "ikke nådd" else "pågår"
        status_box.click()
        status_box.fill(new_status)  # typing filters the options and opens the list
        page.get_by_role("option", name=new_status, exact=True).click()
        assert status_box.input_value() == new_status
        page.get_by_role("textbox", name=re.compile("^Belegg")).first.fill("Styrets protokoll 12.11.2026")
        page.get_by_role("textbox", name="Kommentar").first.fill("Vurdert i e2e-testen")
        page.screenshot(path=str(screenshot_dir / "reporting-editor-1280x720.png"))
        page.get_by_role("button", name="Lagre perioden").click()
        page.get_by_text(f"Lagret 1 status i {PERIOD}.").wait_for()
        wait_ready(page)
        assert page.locator(EXCEPTION).count() == 0
        page.get_by_text(f"Endret siden sluttrapporten (2018): {before} → {new_status}").wait_for()
        assert database.exists()
        page.get_by_text(f"{PERIOD}: 1 av").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot_dir / "reporting-saved-1280x720.png"))

        page.get_by_role("tab", name="Historikk").click()
        history = page.locator('[data-testid="stDataFrame"]')
        history.wait_for()
        page.screenshot(path=str(screenshot_dir / "reporting-history-1280x720.png"))

    # the council slide: the last view of the presentation
    with browser_tab(browser, 1280, 720, "/?presentasjon=1", url) as page:
        count = page.locator('[data-testid="stButtonGroup"] button').count()
        page.goto(f"{url}/?presentasjon=1&lysbilde={count}")
        wait_ready(page)
        page.get_by_role("heading", name="Endringer siden forrige rapport").wait_for()
        page.get_by_text("1 statusendring siden sluttrapporten (2018)").wait_for()
        page.screenshot(path=str(screenshot_dir / "reporting-slide-1280x720.png"))

    # a viewer on a phone: the saved status, no form
    with browser_tab(browser, 390, 844, "/statusrapportering", url) as page:
        assert page.get_by_role("button", name="Lagre perioden").count() == 0
        page.get_by_text(f"Endret siden sluttrapporten (2018): {before} → {new_status}").wait_for()
        page.screenshot(path=str(screenshot_dir / "reporting-viewer-390x844.png"))
        page.goto(f"{url}/statusrapportering?utskrift=1&periode={PERIOD.replace(' ', '+')}")
        wait_ready(page)
        page.get_by_role("heading", name=f"Statusrapport til regionrådet – {PERIOD}").wait_for()
        page.screenshot(path=str(screenshot_dir / "reporting-print-390x844.png"), full_page=False)
