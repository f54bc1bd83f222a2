"""The programme pages in a real browser: the goal-matrix overview fits one screen at 1280×720 and is
not cut on a phone, it is a table the accessibility tree can read, and its downloads work.

Screenshots land in artifacts/screenshots/ (programme-*.png) for a human to look at.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import EXCEPTION, PAGE_TIMEOUT_MS, broken_words, wait_ready

pytestmark = pytest.mark.e2e

OVERVIEW = "table.byr-overview"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}


@pytest.fixture
def open_at(browser):
    """open_at(server, path, viewport) -> a drawn page in a fresh context of that size."""
    contexts = []

    def open_page(server, path: str, viewport: dict):
        context = browser.new_context(viewport=viewport, locale="nb-NO", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(server.url + path)
        wait_ready(page)
        assert not page.locator(EXCEPTION).all_inner_texts(), server.log_tail()
        return page

    yield open_page
    for context in contexts:
        context.close()


def box(page, selector: str) -> dict:
    """The element's box in the viewport, and whether its content is wider than its container."""
    return page.locator(selector).first.evaluate(
        """(el) => { const r = el.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                    scrollWidth: el.scrollWidth, clientWidth: el.parentElement.clientWidth}; }""")


@pytest.mark.parametrize("server_name", ["data", "offline"])
def test_overview_fits_one_laptop_screen(request, open_at, screenshot_dir, server_name):
    server = request.getfixturevalue(f"{server_name}_server")
    page = open_at(server, "/malmatrise", LAPTOP)
    shown = box(page, OVERVIEW)
    assert shown["top"] >= 0 and shown["bottom"] <= LAPTOP["height"], f"overview not within the first screen: {shown}"
    assert shown["scrollWidth"] <= shown["clientWidth"], shown
    page.screenshot(path=str(screenshot_dir / f"programme-malmatrise-{server_name}-1280x720.png"))
    now = page.locator(f"{OVERVIEW} tbody tr").first.locator("td").last.inner_text()
    assert now == ("– mangler tall" if server_name == "offline" else "✓ nådd")


def test_overview_is_a_table_for_screen_readers(open_at, data_server):
    page = open_at(data_server, "/malmatrise", LAPTOP)
    table = page.get_by_role("table", name="Målmatrisen: 12 mål, 29 kriterier")
    assert table.count() == 1
    headers = table.get_by_role("rowheader").all_inner_texts()
    assert len(headers) == 12 and headers[8].split() == ["9.", "Såkornfond"]
    assert table.get_by_role("columnheader", name="Status nå (fra SSB)").count() == 1


@pytest.mark.parametrize("path", ["/malmatrise", "/prosjekter"])
def test_tables_are_not_cut_on_a_phone(open_at, data_server, screenshot_dir, path):
    page = open_at(data_server, path, PHONE)
    shown = box(page, "table.byr-table")
    assert shown["left"] >= 0 and shown["right"] <= PHONE["width"], shown
    assert shown["scrollWidth"] <= shown["clientWidth"], f"the table scrolls sideways: {shown}"
    if path == "/prosjekter":  # the owner moves under the name, so the goals' names stay whole
        assert not broken_words(page.locator("table.byr-table").first), "words broken mid-word"
    name = path.strip("/")
    page.screenshot(path=str(screenshot_dir / f"programme-{name}-390x844.png"))
    page.locator("table.byr-table").first.screenshot(path=str(screenshot_dir / f"programme-{name}-table-390x844.png"))


def test_picking_a_goal_opens_its_detail(open_at, data_server, screenshot_dir):
    page = open_at(data_server, "/malmatrise?mal=S%C3%A5kornfond", LAPTOP)
    assert page.get_by_role("heading", name="9. Såkornfond").count() == 1
    assert page.get_by_text("Det har ikke vært jobbet med kommunal medfinansiering av såkornfondet").count() >= 1
    page.get_by_role("heading", name="9. Såkornfond").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "programme-malmatrise-detalj-1280x720.png"))


@pytest.mark.parametrize(("label", "start", "lines"), [
    ("Last ned som CSV", "# Kilde: Sluttrapport Byregionprogrammet Kongsvingerregionen (2018)", 34),
    ("Utskriftsvennlig side", "<!DOCTYPE html>", None),
])
def test_downloads(open_at, data_server, label, start, lines):
    page = open_at(data_server, "/malmatrise", LAPTOP)
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    assert text.startswith(start)
    if lines:
        assert len(text.splitlines()) == lines  # two comment lines, the header, 29 criteria and two parts
    else:
        assert "<h2>12. Logistikksenter</h2>" in text
