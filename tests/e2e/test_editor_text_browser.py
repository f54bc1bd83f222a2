"""Editors' text is shown as text in a real browser: a bare web address or e-mail address in a status
comment or its evidence never becomes a link, on any page that shows it.

Streamlit's Markdown renderer links bare addresses itself (GitHub's «autolink literal»: `https://…`,
`www.…`, `x@y.no`), after our escaping has been read, so only the browser can show whether a link
appears. The app runs with a status database holding one criterion's and one project's status whose
comment and evidence are full of addresses, as an editor might type or paste them.
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote_plus

import pytest

from byr_data.programme import goal_files
from byr_data.status import model as sm, store as status_store
from tests.e2e.conftest import EXCEPTION, PAGE_TIMEOUT_MS, ROOT, app_env, free_port, stop, streamlit_command, wait_healthy, \
    wait_ready

pytestmark = pytest.mark.e2e

PERIOD = sm.period_of(date.today())
CRITERION, PROJECT = "sakornfond-1", "kingscross"
COMMENT = ("Se https://eksempel.no/rapport og www.eksempel.no/side, skriv til kari@eksempel.no eller "
           "=HYPERLINK(\"https://eksempel.no/formel\";\"Klikk\")")
EVIDENCE = ("<https://eksempel.no/vinkel>", "Protokoll på WWW.EKSEMPEL.NO/protokoll", "http://eksempel.no:8080/x")
# What must be on the page as text (an invisible word joiner may sit inside an address).
SHOWN = ("https://eksempel.no/rapport", "www.eksempel.no/side", "kari@eksempel.no", "https://eksempel.no/formel")
WORD_JOINER = "\u2060"
LINKS = 'a[href*="eksempel" i]'  # any link to one of the editor's addresses (mailto: included)


@pytest.fixture(scope="module")
def server(browser):
    """`streamlit run dashboard.py` over a status database with the editor's addresses in it."""
    with tempfile.TemporaryDirectory(prefix="byr-e2e-editor-text-") as folder:
        workdir = Path(folder)
        cache, database = workdir / "cache", workdir / "status.sqlite3"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BYR_CACHE_DIR", str(cache))
            patch.setenv("BYR_STATUS_DB", str(database))
            from tests import sample_data

            sample_data.write_cache()
            with status_store.open_store(create=True) as store:
                store.record([sm.Entry(item=item, period=PERIOD, status="pågår", basis="assessed", date=date.today(),
                                       who="Kari Nordmann", comment=COMMENT, evidence=EVIDENCE)
                              for item in (CRITERION, PROJECT)])
        env = app_env(cache)
        env["BYR_STATUS_DB"] = str(database)
        port, log = free_port(), workdir / "streamlit.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(streamlit_command("dashboard.py", port), cwd=ROOT, env=env, stdout=out,
                                       stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_healthy(url, process, log)
            yield url
        finally:
            stop(process)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO", timezone_id="Europe/Oslo")
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    yield tab
    context.close()


def open_path(page, url: str, path: str) -> None:
    page.goto(url + path)
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0


def shown_text(page) -> str:
    return page.locator("body").inner_text().replace(WORD_JOINER, "")


def assert_text_not_links(page, expected=SHOWN) -> None:
    text = shown_text(page)
    for address in expected:
        assert address in text, f"«{address}» is not shown"
    links = page.locator(LINKS)
    assert links.count() == 0, [links.nth(i).evaluate("a => a.outerHTML") for i in range(links.count())]


def goal_short_label(item: str) -> str:
    matrix = goal_files.load_goals()
    return next(g.short_label for g in matrix.goals if any(c.id == item for c in g.criteria))


def test_read_only_list_shows_addresses_as_text(page, server):
    open_path(page, server, "/statusrapportering")
    page.get_by_text("Kommentar: Se").first.wait_for()
    assert_text_not_links(page)


def test_printout_shows_addresses_as_text(page, server):
    open_path(page, server, f"/statusrapportering?utskrift=1&periode={quote_plus(PERIOD)}")
    page.locator('[data-testid="stTable"]').first.wait_for()
    assert_text_not_links(page, SHOWN + ("https://eksempel.no/vinkel", "WWW.EKSEMPEL.NO/protokoll",
                                         "http://eksempel.no:8080/x"))


def test_goal_detail_shows_addresses_as_text(page, server):
    open_path(page, server, f"/malmatrise?mal={quote_plus(goal_short_label(CRITERION))}&periode={quote_plus(PERIOD)}")
    page.get_by_text("Merknad: Se").first.wait_for()
    assert_text_not_links(page, SHOWN + ("https://eksempel.no/vinkel", "WWW.EKSEMPEL.NO/protokoll"))


def test_projects_basis_shows_addresses_as_text(page, server):
    open_path(page, server, f"/prosjekter?periode={quote_plus(PERIOD)}")
    page.get_by_text("Grunnlaget for statusene").click()
    page.get_by_text("Merknad: Se").first.wait_for()
    assert_text_not_links(page, SHOWN + ("https://eksempel.no/vinkel", "WWW.EKSEMPEL.NO/protokoll"))
