"""Projector and phone layout in a real browser: slide charts fill the screen, slides credit their
source, and at 390×844 nothing scrolls sideways, bars never overlap and legends show every entry.

Screenshots of every job page and slide at 1280×720, 1920×1080 and 390×844, with data and offline,
land in artifacts/screenshots/layout-*.png (phone pages also as a full-length image).
"""

from __future__ import annotations

import collections
import re

import pytest

from tests.e2e.conftest import CHART, EXCEPTION, PAGE_TIMEOUT_MS, SIZES, broken_words, wait_ready

pytestmark = pytest.mark.e2e

PHONE = "390x844"
PROJECTORS = list(SIZES)  # 1920×1080 and 1280×720
JOB_PAGES = {"/": "oversikt", "/trendbrudd": "trendbrudd", "/maloppnaelse": "maloppnaelse",
             "/kommune?kommune=Grue": "kommune", "/naeringer": "naeringer"}
SSB = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984"
REPORT = "Sluttrapport Byregionprogrammet Kongsvingerregionen (2018)"
MUNICIPALITIES = ["Kongsvinger", "Nord-Odal", "Sør-Odal", "Eidskog", "Grue", "Åsnes"]
MIN_SLIDE_CHART_SHARE = 0.55
MIN_SLIDE_FONT_PX = 20
MIN_SLIDE_LIST_REACH = {"1920x1080": 0.8, "1280x720": 0.75}  # where a slide's list at least reaches down to


@pytest.fixture(scope="module")
def phone_context(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale="nb-NO", timezone_id="Europe/Oslo")
    yield context
    context.close()


@pytest.fixture
def open_at(browser_contexts, phone_context):
    """open_at(server, path, size) -> a new tab, fully drawn."""
    pages = []

    def open_(server, path: str, size: str, charts: bool = False):
        page = (phone_context if size == PHONE else browser_contexts(size)).new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        pages.append(page)
        page.goto(server.url + path)
        wait_ready(page, charts=charts)
        errors = page.locator(EXCEPTION).all_inner_texts()
        assert not errors, f"exception on {path}:\n{errors}\n{server.log_tail()}"
        return page

    yield open_
    for page in pages:
        page.close()


def scroll_sizes(page) -> dict:
    """The page's scroll box (Streamlit scrolls stMain, not the document) and the window."""
    return page.evaluate("""() => {
        const main = document.querySelector('[data-testid="stMain"]');
        const doc = document.scrollingElement;
        return {mainScrollWidth: main.scrollWidth, mainClientWidth: main.clientWidth,
                mainScrollHeight: main.scrollHeight, mainClientHeight: main.clientHeight,
                docScrollWidth: doc.scrollWidth, docScrollHeight: doc.scrollHeight,
                width: window.innerWidth, height: window.innerHeight};
    }""")


def sideways_scrollers(page) -> list[str]:
    """Boxes inside the page that scroll sideways (a table or a code line too wide for the screen).
    The interactive data grid (st.dataframe) pans inside itself by design and is left out."""
    return page.evaluate("""() => Array.from(document.querySelectorAll('[data-testid="stMain"] *'))
        .filter(e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1
                     && !e.closest('[data-testid="stDataFrame"]'))
        .map(e => (e.closest('[data-testid]') || e).getAttribute('data-testid') + ` ${e.scrollWidth}/${e.clientWidth}`)""")


def bar_boxes(page) -> list[list[dict]]:
    """Per chart: the drawn bars' boxes in screen pixels."""
    return page.locator(CHART).evaluate_all("""(charts) => charts.map(chart =>
        Array.from(chart.querySelectorAll('path[aria-roledescription="bar"]')).map(bar => {
            const b = bar.getBoundingClientRect();
            return {left: b.left, right: b.right, width: b.width};
        }))""")


def overlapping(bars: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs of bars in different years (different centres) whose horizontal extents overlap.
    Bars of one year stack on the same centre."""
    centred = sorted({round((bar["left"] + bar["right"]) / 2, 1): bar for bar in bars}.values(),
                     key=lambda bar: bar["left"])
    return [(a, b) for a, b in zip(centred, centred[1:]) if a["right"] > b["left"] + 0.5]


def full_length_screenshot(page, path) -> None:
    """The whole page at phone width: the window is made as tall as the page (stMain scrolls, so a
    normal full-page screenshot would show one screen)."""
    height = scroll_sizes(page)["mainScrollHeight"]
    tall = min(height, 8000)
    page.set_viewport_size({"width": 390, "height": tall})
    page.wait_for_function("(tall) => window.innerHeight === tall", arg=tall)
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 390, "height": 844})


# -- slides on the projector ------------------------------------------------------------------------
def slide_layout(page) -> dict:
    return page.evaluate("""() => {
        const box = s => { const e = document.querySelector(s); if (!e) return null;
                           const b = e.getBoundingClientRect(); return {top: b.top, bottom: b.bottom, height: b.height}; };
        const fonts = s => Array.from(document.querySelectorAll(s)).map(t => parseFloat(getComputedStyle(t).fontSize));
        const listBox = () => {  // a list without a chart: its box and where its last line of text ends
            const list = document.querySelector('.st-key-slide-items-fill'); if (!list) return null;
            const range = document.createRange(); range.selectNodeContents(list);
            const lines = Array.from(range.getClientRects()).filter(r => r.height > 0);
            return {box: list.getBoundingClientRect().bottom, text: Math.max(...lines.map(r => r.bottom))}; };
        return {chart: box('.st-key-slide-chart [data-testid="stVegaLiteChart"]'),
                svg: box('.st-key-slide-chart svg.marks'),
                source: box('.st-key-slide-source'),
                axisFonts: fonts('.st-key-slide-chart g.role-axis-label text'),
                axisTexts: Array.from(document.querySelectorAll('.st-key-slide-chart g.role-axis-label text'))
                             .filter(t => t.getAttribute('opacity') !== '0' && getComputedStyle(t).opacity !== '0')
                             .map(t => t.textContent),  // shown: Vega hides a label it drops for overlap
                legendFonts: fonts('.st-key-slide-chart g.role-legend-label text'),
                message: fonts('.st-key-slide-message p'),
                largeText: fonts(':is(.st-key-slide-detail-large, .st-key-slide-items-fill) :is(p, li)'),
                list: listBox()};
    }""")


def slide_count(page) -> int:
    return int(re.search(r"^\d+ / (\d+)", page.locator(".st-key-slide-source").inner_text()).group(1))


CHART_SLIDES = (2, 3, 4, 5, 6)  # the job slides with charts, «Regionen i landet» (a map, no axes), «Ett arbeidsmarked?»


@pytest.mark.parametrize("size", PROJECTORS)
def test_slide_charts_fill_the_projector_without_scrolling(open_at, data_server, screenshot_dir, size):
    width, height = map(int, size.split("x"))
    count = slide_count(open_at(data_server, "/?presentasjon=1", size))
    assert count >= 6
    lists = 0
    for number in range(1, count + 1):
        page = open_at(data_server, f"/?presentasjon=1&lysbilde={number}", size, charts=number in CHART_SLIDES)
        page.screenshot(path=str(screenshot_dir / f"layout-data-lysbilde-{number}-{size}.png"))
        scroll = scroll_sizes(page)
        assert scroll["mainScrollHeight"] <= scroll["mainClientHeight"] + 1, f"slide {number} scrolls: {scroll}"
        assert scroll["mainScrollWidth"] <= scroll["mainClientWidth"], f"slide {number} scrolls sideways"
        layout = slide_layout(page)
        assert layout["source"]["bottom"] <= height, f"slide {number}: the source line is below the screen"
        if number not in CHART_SLIDES:
            assert layout["chart"] is None
            # A text slide has the screen: its text is set for the back of the room (≈ 4 % of the height).
            assert number != 1 or layout["largeText"], "slide 1 (a number and a sentence) has large text"
            assert all(font >= 0.035 * height for font in layout["largeText"]), (number, layout["largeText"])
            if layout["list"]:  # a list (goal matrix, results, projects) fills the screen like a chart
                lists += 1
                assert layout["list"]["text"] >= MIN_SLIDE_LIST_REACH[size] * height, (number, layout["list"])
                assert layout["list"]["text"] <= layout["list"]["box"] + 1, (number, "the list overflows its box")
            continue
        share = layout["chart"]["height"] / height
        assert share >= MIN_SLIDE_CHART_SHARE, f"slide {number}: chart {layout['chart']['height']:.0f} px of {height}"
        assert layout["svg"]["height"] >= 0.9 * layout["chart"]["height"], "the drawing fills its container"
        assert (layout["axisFonts"] or number == 5) and min(layout["axisFonts"] or [99]) >= MIN_SLIDE_FONT_PX, \
            layout["axisFonts"]
        assert not layout["legendFonts"] or min(layout["legendFonts"]) >= MIN_SLIDE_FONT_PX, layout["legendFonts"]
        assert min(layout["message"]) >= 28, "the message is large"
        if page.locator("h1").first.inner_text() == COMMUTING_SLIDE:  # every home and workplace named
            names = collections.Counter(layout["axisTexts"])
            assert len(names) >= 6 and all(count == 2 for count in names.values()), names
    assert lists >= 3, "the goal matrix, the report's results and the projects are lists that fill the screen"


JOB_SLIDES = ("Kongsvingerregionen: 2025", "Har nedgangen snudd?", "Siden 2015", "Kommunenes bidrag",
              "Hvorfor endret arbeidsplassene seg?", "Næringene")
COMMUTING_SLIDE = "Ett arbeidsmarked?"  # SSB's commuting table 03321


def test_slides_credit_their_real_source(open_at, data_server, screenshot_dir):
    count = slide_count(open_at(data_server, "/?presentasjon=1", PHONE))
    credited = {}
    for number in range(1, count + 1):
        page = open_at(data_server, f"/?presentasjon=1&lysbilde={number}", PHONE)
        page.screenshot(path=str(screenshot_dir / f"layout-data-lysbilde-{number}-{PHONE}.png"))
        line = page.locator(".st-key-slide-source").inner_text()
        assert line.startswith(f"{number} / {count} · Kilde: "), line
        credited[page.locator("h1").first.inner_text()] = line.split(" · ", 1)[1]
    for heading, line in credited.items():
        if heading in JOB_SLIDES:  # the job figures
            assert SSB in line and REPORT not in line, (heading, line)
        elif heading == "Regionen i landet":  # every municipality: SSB's table (here 11618 offline) and the map
            assert "Statistisk sentralbyrå (SSB), tabell" in line and "Kartverket" in line, (heading, line)
        elif heading == COMMUTING_SLIDE:
            assert line.startswith("Kilde: Statistisk sentralbyrå (SSB), tabell 03321"), (heading, line)
        else:  # «why», the goal matrix, the results and the projects come from the final report
            assert line.startswith(f"Kilde: {REPORT}"), (heading, line)
    assert SSB not in credited["Prosjektene i fase 3"], "the project slide has nothing from SSB"
    assert set(JOB_SLIDES[:4]) <= set(credited)


def test_offline_slides_credit_snapshot_and_report(open_at, offline_server, screenshot_dir):
    for size in [*PROJECTORS, PHONE]:
        page = open_at(offline_server, "/?presentasjon=1", size)
        count = int(re.search(r"/ (\d+) ·", page.locator(".st-key-slide-source").inner_text()).group(1))
        for number in range(1, count + 1):
            if number > 1:
                page.goto(offline_server.url + f"/?presentasjon=1&lysbilde={number}")
                wait_ready(page)
            line = page.locator(".st-key-slide-source").inner_text()
            assert "Kilde: " in line, (number, line)
            page.screenshot(path=str(screenshot_dir / f"layout-offline-lysbilde-{number}-{size}.png"))


# -- the phone --------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", JOB_PAGES)
def test_phone_job_page_fits_the_width_with_separate_bars(open_at, data_server, screenshot_dir, path):
    page = open_at(data_server, path, PHONE, charts=True)
    scroll = scroll_sizes(page)
    assert scroll["docScrollWidth"] <= scroll["width"], f"the page scrolls sideways: {scroll}"
    assert scroll["mainScrollWidth"] <= scroll["mainClientWidth"], f"the content scrolls sideways: {scroll}"
    assert not sideways_scrollers(page), sideways_scrollers(page)
    for bars in bar_boxes(page):
        assert not overlapping(bars), f"bars overlap at 390 px: {overlapping(bars)[:2]}"
    # Findings are text above the charts (they wrap), never a chart title cut with «…».
    assert not page.locator(f"{CHART} .role-title").count()
    summary = page.locator(".st-key-filter-summary")
    assert summary.is_visible() and summary.inner_text().startswith("Utvalg: "), "the filters, since the sidebar is hidden"
    assert summary.evaluate("""(line) => { const b = line.getBoundingClientRect();
        return line.contains(document.elementFromPoint(b.left + 20, b.top + b.height / 2)); }"""), \
        "the filter line is not hidden under the page header"
    name = JOB_PAGES[path]
    page.screenshot(path=str(screenshot_dir / f"layout-data-{name}-{PHONE}.png"))
    full_length_screenshot(page, screenshot_dir / f"layout-data-{name}-{PHONE}-full.png")


@pytest.mark.parametrize("number", [2, 4, "last"])
def test_phone_slide_scrolls_as_one_page_with_every_slide_number_in_view(open_at, data_server, screenshot_dir, number):
    """On a phone the slide is a normal page: the period box (shown only with a period's statuses)
    lies below the slide, never over its chart or list, and the slide numbers wrap onto a second row
    instead of hiding past the edge."""
    if number == "last":  # the projects: their statuses are the chosen period's
        number = slide_count(open_at(data_server, "/?presentasjon=1", PHONE))
        page = open_at(data_server, f"/?presentasjon=1&lysbilde={number}", PHONE)
    else:
        page = open_at(data_server, f"/?presentasjon=1&lysbilde={number}", PHONE, charts=True)
    boxes = page.evaluate("""() => {
        const box = e => { if (!e || !e.offsetParent) return null; const b = e.getBoundingClientRect();
                           return {top: b.top, bottom: b.bottom, left: b.left, right: b.right}; };
        const main = document.querySelector('[data-testid="stMain"]');
        return {slide: box(document.querySelector('.st-key-slide')),
                period: box(document.querySelector('.st-key-slide-period [data-testid="stSelectbox"]')),
                heading: document.querySelector('h1').innerText,
                numbers: Array.from(document.querySelectorAll('.st-key-lysbilde button')).map(box),
                width: window.innerWidth, scrollWidth: main.scrollWidth, clientWidth: main.clientWidth};
    }""")
    if number not in (2, 4):
        assert boxes["heading"].startswith("Prosjektene") and boxes["period"], boxes
    else:  # SSB's figures: no period to pick
        assert boxes["period"] is None, boxes
    assert boxes["period"] is None or boxes["period"]["top"] >= boxes["slide"]["bottom"], boxes
    assert boxes["numbers"] and all(b and b["right"] <= boxes["width"] for b in boxes["numbers"]), boxes["numbers"]
    assert boxes["scrollWidth"] <= boxes["clientWidth"]
    full_length_screenshot(page, screenshot_dir / f"layout-data-lysbilde-{number}-{PHONE}-full.png")


def test_phone_municipality_table_fits_without_panning(open_at, data_server):
    """The Kommune page's table (an interactive grid, which would pan inside itself) fits 390 px."""
    page = open_at(data_server, "/kommune?kommune=Grue", PHONE, charts=True)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    grid.locator(".dvn-scroller").wait_for()
    sizes = grid.evaluate("""(grid) => { const s = grid.querySelector('.dvn-scroller');
        return {scroll: s.scrollWidth, client: s.clientWidth, grid: grid.getBoundingClientRect().right,
                screen: window.innerWidth}; }""")
    assert sizes["scroll"] <= sizes["client"] + 1, f"the table pans sideways: {sizes}"
    assert sizes["grid"] <= sizes["screen"], sizes


@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_phone_report_comparison_breaks_no_word(request, open_at, screenshot_dir, server_name):
    """«Sluttrapportens tall mot SSB» at 390 px: every word of the table is on one line (a column of the
    report's quotes once squeezed the figures' headings into «Sluttrappor|ten»), and the quotes are there."""
    page = open_at(request.getfixturevalue(server_name), "/trendbrudd", PHONE)
    table = page.locator('.st-key-report-comparison [data-testid="stTable"]')
    table.scroll_into_view_if_needed()
    broken = broken_words(table)
    assert not broken, f"words broken across lines: {broken}"
    sizes = table.evaluate("(t) => ({scroll: t.scrollWidth, client: t.clientWidth})")
    assert sizes["scroll"] <= sizes["client"], sizes
    assert page.get_by_text("Rapportens ord").count() == 1
    page.screenshot(path=str(screenshot_dir / f"layout-{server_name}-sammenligning-{PHONE}.png"))


def test_phone_contribution_legend_shows_every_municipality(open_at, data_server):
    page = open_at(data_server, "/maloppnaelse", PHONE, charts=True)
    legends = page.locator(CHART).evaluate_all("""(charts) => charts.map(chart => {
        const box = chart.getBoundingClientRect();
        return Array.from(chart.querySelectorAll('g.role-legend-label text')).map(t => {
            const b = t.getBoundingClientRect();
            return {text: t.textContent, inside: b.left >= box.left - 1 && b.right <= box.right + 1};
        });
    })""")
    contribution = next(legend for legend in legends if any(entry["text"] == "Grue" for entry in legend))
    assert [entry["text"] for entry in contribution] == [*MUNICIPALITIES, "Netto for utvalget"]
    assert all(entry["inside"] for entry in contribution), contribution


def test_filter_line_only_when_the_sidebar_is_closed(open_at, data_server):
    page = open_at(data_server, "/trendbrudd?kommune=Grue&aar=2015&aar=2025", "1280x720", charts=True)
    assert not page.locator(".st-key-filter-summary").is_visible(), "the open sidebar shows the filters"
    page = open_at(data_server, "/trendbrudd?kommune=Grue&aar=2015&aar=2025", PHONE, charts=True)
    assert page.locator(".st-key-filter-summary").inner_text() == "Utvalg: Grue · 2015–2025 · Arbeidsplasser"


@pytest.mark.parametrize("path", JOB_PAGES)
def test_phone_job_page_offline(open_at, offline_server, screenshot_dir, path):
    page = open_at(offline_server, path, PHONE)
    scroll = scroll_sizes(page)
    assert scroll["mainScrollWidth"] <= scroll["mainClientWidth"], f"the content scrolls sideways: {scroll}"
    assert not sideways_scrollers(page), sideways_scrollers(page)
    for bars in bar_boxes(page):
        assert not overlapping(bars)
    name = JOB_PAGES[path]
    page.screenshot(path=str(screenshot_dir / f"layout-offline-{name}-{PHONE}.png"))
    full_length_screenshot(page, screenshot_dir / f"layout-offline-{name}-{PHONE}-full.png")


@pytest.mark.parametrize("size", PROJECTORS)
@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_job_page_screenshots_on_screens(request, open_at, screenshot_dir, server_name, size):
    """Every job page at both screen sizes, with data and offline, for a person to look at."""
    server = request.getfixturevalue(server_name)
    for path, name in JOB_PAGES.items():
        page = open_at(server, path, size, charts=server_name == "data_server")
        for bars in bar_boxes(page):
            assert not overlapping(bars)
        page.screenshot(path=str(screenshot_dir / f"layout-{server_name.split('_')[0]}-{name}-{size}.png"))
