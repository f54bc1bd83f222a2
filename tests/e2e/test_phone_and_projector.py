"""The last projector and phone faults (issue 27), checked in Chromium: industry names whole and chart
text clear of the edge on a phone, over a cache with industries (tests/industry_sample.py)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import (CHART, EXCEPTION, PAGE_TIMEOUT_MS, broken_words, launch_app, slide_path, stop,
                                wait_healthy, wait_ready)

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
EDGE_PX = 4  # chart text keeps at least this far from the chart's right edge


@pytest.fixture(scope="module")
def industry_server(browser):
    """The app over a cache of the made-up figures with 16 industry groups."""
    with tempfile.TemporaryDirectory(prefix="byr-e2e-industry-") as folder:
        workdir = Path(folder)
        cache_dir = workdir / "cache"
        with pytest.MonkeyPatch.context() as patch:  # write_cache() writes to $BYR_CACHE_DIR
            patch.setenv("BYR_CACHE_DIR", str(cache_dir))
            from tests import industry_sample

            industry_sample.write_cache()
        server = launch_app("industry", cache_dir, workdir)
        try:
            wait_healthy(server.url, server.process, server.log)
            yield server
        finally:
            stop(server.process)


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nb-NO",
                                  timezone_id="Europe/Oslo")
    yield context
    context.close()


def open_page(context, server, path: str, charts: bool = True):
    page = context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    page.goto(server.url + path)
    wait_ready(page, charts=charts)
    assert not page.locator(EXCEPTION).all_inner_texts(), server.log_tail()
    return page


CHART_TEXT = """(charts) => charts.map(chart => {
    const box = chart.getBoundingClientRect();
    const texts = Array.from(chart.querySelectorAll('svg text'));
    return {cut: texts.map(t => t.textContent).filter(t => t.includes('…')),
            atEdge: texts.filter(t => t.getBoundingClientRect().right > box.right - %d).map(t => t.textContent),
            names: Array.from(chart.querySelectorAll('g.role-axis-label text')).flatMap(t => {  // a line a <tspan>
                const lines = Array.from(t.querySelectorAll('tspan')).map(line => line.textContent);
                return lines.length ? lines : [t.textContent]; })};
})""" % EDGE_PX


@pytest.mark.parametrize("path", ["/naeringer", "Næringene"])  # the page, and the slide of that heading
def test_phone_industry_names_are_whole_and_text_clears_the_edge(industry_server, phone, screenshot_dir, path):
    """On a phone a long industry name takes two lines instead of «Varehandel, reparasj…», and no
    value or axis label (e.g. «+1 500», «+1 585») touches the chart's right edge."""
    if not path.startswith("/"):
        finder = phone.new_page()
        path = slide_path(finder, industry_server.url, path)
        finder.close()
    page = open_page(phone, industry_server, path)
    charts = page.locator(CHART).evaluate_all(CHART_TEXT)
    assert charts
    for chart in charts:
        assert not chart["cut"], f"labels cut with «…» at 390 px: {chart['cut']}"
        assert not chart["atEdge"], f"text at the chart's right edge at 390 px: {chart['atEdge']}"
    names = [name for chart in charts for name in chart["names"]]
    assert "Varehandel, reparasjon" in names and "av motorvogner" in names, names  # the name on two lines
    name = "naeringer" if path == "/naeringer" else "lysbilde-naeringene"
    page.screenshot(path=str(screenshot_dir / f"faults-{name}-390x844.png"))


def test_phone_status_cards_have_modest_headings_with_whole_words(data_server, phone, screenshot_dir):
    """Statusrapportering at 390 px: a card's heading (a goal's whole title) is set little larger than
    the text under it, and no word breaks mid-word («næringsutviklingsressurs|er»)."""
    page = open_page(phone, data_server, "/statusrapportering", charts=False)
    headings = page.locator('[class*="st-key-rp-card-"] h3')
    assert headings.count() >= 12  # the goals and the projects
    sizes = headings.evaluate_all("(hs) => hs.map(h => parseFloat(getComputedStyle(h).fontSize))")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('[class*=\"st-key-rp-card-\"] li')).fontSize)")
    assert max(sizes) <= 1.25 * body, (sizes, body)
    broken = [word for index in range(headings.count()) for word in broken_words(headings.nth(index))]
    assert not broken, f"words broken across lines: {broken}"
    assert "næringsutviklingsressurser" in headings.all_inner_texts()[7]
    page.screenshot(path=str(screenshot_dir / "faults-statusrapportering-390x844.png"), full_page=True)


def test_phone_slide_navigation_is_two_short_rows(data_server, phone, screenshot_dir):
    """On a phone the slide navigation once took ≈ 190 px (three stacked rows). Now «Forrige» and «Neste»
    share a row and the slide numbers fill one row below (≤ 100 px in all), and each
    number is still a touch target ≥ 24 px wide, inside the screen."""
    page = open_page(phone, data_server, "/?presentasjon=1&lysbilde=4")
    boxes = page.evaluate("""() => {
        const box = e => { const b = e.getBoundingClientRect(); return {top: b.top, bottom: b.bottom, left: b.left, right: b.right, width: b.width}; };
        return {nav: box(document.querySelector('.st-key-slide-nav')), heading: box(document.querySelector('h1')),
                previous: box(document.querySelector('.st-key-forrige button')), next: box(document.querySelector('.st-key-neste button')),
                numbers: Array.from(document.querySelectorAll('.st-key-lysbilde button')).map(box)};
    }""")
    assert boxes["nav"]["bottom"] - boxes["nav"]["top"] <= 100 and boxes["heading"]["top"] <= 120, boxes
    assert round(boxes["previous"]["top"]) == round(boxes["next"]["top"]), "«Forrige» and «Neste» on one row"
    assert len({round(b["top"]) for b in boxes["numbers"]}) == 1, "the slide numbers on one row"
    assert all(b["width"] >= 24 and b["right"] <= PHONE["width"] for b in boxes["numbers"]), boxes["numbers"]
    page.screenshot(path=str(screenshot_dir / "faults-lysbilde-4-390x844.png"))


# Text cut at the right (a line wider than its box, clipped by a box that hides or scrolls its overflow,
# or past the screen): every text node's line boxes, at phone width. Charts (SVG) and the interactive
# grid are checked elsewhere; screen-reader-only text (.byr-sr) is clipped on purpose.
CUT_TEXT = """() => {
  const out = [];
  const W = window.innerWidth;
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (el.closest('svg, [data-testid="stDataFrame"], .byr-sr')) continue;  // charts, the grid, screen-reader text
    const cs = getComputedStyle(el);
    if (cs.visibility === 'hidden' || el.offsetParent === null) continue;
    const r = document.createRange(); r.selectNodeContents(n);
    for (const rect of r.getClientRects()) {
      if (rect.width === 0) continue;
      // clipped by an ancestor with overflow hidden/clip?
      let a = el, clipped = null;
      while (a && a !== document.body) {
        const s = getComputedStyle(a);
        if (['hidden', 'clip', 'auto', 'scroll'].includes(s.overflowX)) {
          const b = a.getBoundingClientRect();
          if (rect.right > b.right + 0.5 || rect.left < b.left - 0.5) { clipped = (a.dataset.testid || a.tagName) + ' ' + (a.className||'').toString().slice(0, 40); break; }
        }
        a = a.parentElement;
      }
      if (rect.right > W + 0.5 || clipped) out.push(`${n.textContent.trim().slice(0, 60)} (right ${Math.round(rect.right)}, ${clipped || 'past the screen'})`);
    }
  }
  return out;
}"""


@pytest.mark.parametrize("path", ["/", "/trendbrudd", "/maloppnaelse", "/kommune?kommune=Grue", "/malmatrise",
                                  "/prosjekter", "/statusrapportering", "/data"])
@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_phone_text_is_never_cut(request, phone, server_name, path):
    """At 390 px no text runs past the screen or is clipped by its box: the filter line at the top
    («Utvalg: …», which fills the width to within a pixel), headlines, tables and captions."""
    page = open_page(phone, request.getfixturevalue(server_name), path, charts=False)
    assert not page.evaluate(CUT_TEXT), page.evaluate(CUT_TEXT)
    if path in ("/", "/trendbrudd", "/maloppnaelse", "/kommune?kommune=Grue"):  # the job pages have the filter line
        line = page.locator(".st-key-filter-summary")
        assert line.is_visible() and line.inner_text().startswith("Utvalg: ")


MAIN_CHART_TOP_PX = 520  # at 1280×720: the main chart starts here or higher, so ≥ 200 px of it shows at once


@pytest.mark.parametrize("path", ["/trendbrudd", "/trendbrudd?anslag=true", "/maloppnaelse", "/kommune?kommune=Grue",
                                  "/kommune"])
@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_laptop_main_chart_starts_above_the_fold(request, browser_contexts, screenshot_dir, server_name, path):
    """At 1280×720 the headline, the metrics and the start of the main chart are on the first screen
    (Trendbrudd's two controls share a row), and no text is cut: the toggle's label and the metrics
    (six of them offline on Måloppnåelse) wrap instead of ending in «…»."""
    page = open_page(browser_contexts("1280x720"), request.getfixturevalue(server_name), path, charts=False)
    chart = page.locator(CHART).first
    chart.wait_for()
    top = chart.evaluate("(c) => c.getBoundingClientRect().top")
    assert top <= MAIN_CHART_TOP_PX, f"{path}: the main chart starts {top:.0f} px down"
    assert not page.evaluate(CUT_TEXT), page.evaluate(CUT_TEXT)
    name = path.strip("/").split("?")[0] + ("-anslag" if "anslag" in path else "")
    page.screenshot(path=str(screenshot_dir / f"faults-{server_name.split('_')[0]}-{name}-1280x720.png"))
