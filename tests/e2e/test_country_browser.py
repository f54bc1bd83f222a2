"""«Regionen i landet» in Chromium: offline (table 11618) and with the country fetched from the fake SSB
(357 municipalities, made-up figures): the maps draw every municipality, axe and the keyboard pass, the
table twins open, and the slide shows. Screenshots go to artifacts/screenshots/.

Run: `python -m pytest tests/e2e/test_country_browser.py`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import (A11Y_SIZES, PAGE_TIMEOUT_MS, first_visit, launch_app, slide_path, stop, wait_healthy,
                                wait_ready)
from tests.e2e.test_accessibility import audit, keyboard_problems, wait_drawn

pytestmark = pytest.mark.e2e

PAGE = "/regionen-i-landet"
SHAPES = '[data-testid="stVegaLiteChart"] svg.marks .mark-shape path'


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def a11y_page(browser):
    """open(size) -> a fresh tab of that size, Norwegian locale (as in test_accessibility)."""
    contexts = {}

    def open_(size: str):
        if size not in contexts:
            contexts[size] = browser.new_context(viewport=A11Y_SIZES[size], locale="nb-NO", timezone_id="Europe/Oslo")
        page = contexts[size].new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        return page

    yield open_
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="module")
def country_server(browser):
    """An app over the made-up region figures and the whole country fetched from the fake SSB."""
    import responses

    from byr_data.compare import charts
    from byr_data.ssb import client as ssb_client, country
    from tests import fake_ssb, sample_data

    with tempfile.TemporaryDirectory(prefix="byr-e2e-country-") as folder:
        cache = Path(folder) / "cache"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("BYR_CACHE_DIR", str(cache))
            sample_data.write_cache()
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country())
            country.refresh(cache, list(sample_data.MEMBERS), charts.map_names(), ssb_client.SsbClient())
        server = launch_app("country", cache, Path(folder))
        try:
            wait_healthy(server.url, server.process, server.log)
            first_visit(browser, server)
            yield server
        finally:
            stop(server.process)


@pytest.mark.parametrize("size", ["1280x720", "390x844"])
@pytest.mark.parametrize("server_name", ["country_server", "offline_server"])
def test_page_passes_axe_and_draws_every_municipality(request, axe, a11y_page, server_name, size, screenshot_dir):
    server = request.getfixturevalue(server_name)
    page = a11y_page(size)
    problems = audit(axe, page, server.url + PAGE, f"{server_name} {size} {PAGE}")
    assert not problems, "\n".join(problems)
    title = page.locator("h1").first.inner_text()
    assert ("2015–2025" if server_name == "country_server" else "2020–2022") in title
    assert page.locator(SHAPES).count() >= 357 + 6  # the country map and the region's own map
    page.screenshot(path=str(screenshot_dir / f"country-{server_name.removesuffix('_server')}-{size}.png"))


def test_keyboard_reaches_every_control_and_the_table_twins_open(a11y_page, country_server):
    page = a11y_page("1280x720")
    page.goto(country_server.url + PAGE)
    wait_drawn(page)
    problems = keyboard_problems(page, PAGE)
    assert not problems, "\n".join(problems)
    twins = page.locator('[data-testid="stExpander"] summary')
    assert twins.count() == 4
    twins.nth(2).focus()
    page.keyboard.press("Enter")  # the map's twin: every municipality on the map, by number
    wait_ready(page)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.wait_for(timeout=PAGE_TIMEOUT_MS)
    assert table.is_visible()


def test_the_slide_shows_the_map(a11y_page, country_server, screenshot_dir):
    page = a11y_page("1280x720")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(country_server.url + slide_path(page, country_server.url, "Regionen i landet"))
    wait_ready(page)
    wait_drawn(page)
    assert page.locator(SHAPES).count() >= 357
    page.screenshot(path=str(screenshot_dir / "country-slide-1920x1080.png"))
