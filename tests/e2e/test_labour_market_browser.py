"""«Arbeidsmarkedet» (commuting, SSB table 03321) in a real browser: the headline from the reference file
offline, the heat map with a number in every cell, the table twin by keyboard, the phone width, the slide."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import CHART, EXCEPTION, slide_path, wait_ready

pytestmark = pytest.mark.e2e

PATH = "/arbeidsmarkedet"
HEADLINE = "76,5\u00a0% av de sysselsatte som bor i Kongsvingerregionen, jobber i regionen (2022)"


def plain(text: str) -> str:
    """Spaces of any kind as one plain space (the browser may hand no-break spaces back as plain ones)."""
    return " ".join(text.replace("\u00a0", " ").split())


def open_page(make_page, server, path: str = PATH, size: str = "1280x720"):
    page = make_page(size)
    page.goto(server.url + path)
    wait_ready(page, charts=True)
    assert not page.locator(EXCEPTION).count(), server.log_tail()
    return page


@pytest.mark.parametrize("server_name", ["offline_server", "data_server"])
def test_the_page_opens_with_the_share_and_draws_every_chart(request, make_page, screenshot_dir, server_name):
    server = request.getfixturevalue(server_name)
    page = open_page(make_page, server)
    assert plain(page.locator("h1").first.inner_text()) == plain(HEADLINE)  # the shipped 03321 figures in both cases
    assert page.locator(CHART).count() == 6
    body = page.locator("body").inner_text()
    assert "Kilde: Statistisk sentralbyrå (SSB), tabell 03321" in body and "Slik regnes andelen" in body
    matrix = page.locator(CHART).nth(1)
    numbers = matrix.locator("svg.marks g.mark-text.role-mark text").evaluate_all("texts => texts.map(t => t.textContent)")
    assert len(numbers) == 36 and "5\u00a0672" in numbers, numbers  # six × six cells, each with its number
    page.screenshot(path=str(screenshot_dir / f"arbeidsmarkedet-{server_name.removesuffix('_server')}-1280x720.png"))


def test_the_matrix_table_twin_opens_by_keyboard(make_page, offline_server):
    page = open_page(make_page, offline_server)
    twin = page.locator(".st-key-vis-pendling-matrise summary")
    twin.focus()
    page.keyboard.press("Enter")
    page.locator(".st-key-vis-pendling-matrise details[open]").wait_for()
    wait_ready(page)
    table = page.locator(".st-key-vis-pendling-matrise [data-testid='stDataFrame']")
    table.wait_for()
    assert table.is_visible()


def test_a_subset_and_the_phone(browser, offline_server, screenshot_dir):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="nb-NO")
    try:
        phone(context.new_page(), offline_server, screenshot_dir)
    finally:
        context.close()


def phone(page, offline_server, screenshot_dir):
    page.goto(f"{offline_server.url}{PATH}?kommune=Grue&kommune=%C3%85snes")
    wait_ready(page, charts=True)
    assert not page.locator(EXCEPTION).count()
    assert plain(page.locator("h1").first.inner_text()).endswith("som bor i Grue og Åsnes, jobber i utvalget (2022)")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    page.screenshot(path=str(screenshot_dir / "arbeidsmarkedet-utvalg-390x844.png"))


SLIDE = "Ett arbeidsmarked?"


def test_the_slide_on_the_projector(make_page, offline_server, screenshot_dir):
    page = open_page(make_page, offline_server, slide_path(make_page("1920x1080"), offline_server.url, SLIDE), "1920x1080")
    assert page.locator("h1").first.inner_text() == SLIDE
    assert plain("76,5\u00a0% av de sysselsatte som bor i regionen, jobber der (2022)") in plain(page.locator("body").inner_text())
    page.screenshot(path=str(screenshot_dir / "arbeidsmarkedet-lysbilde-1920x1080.png"))
