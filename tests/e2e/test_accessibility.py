"""Universell utforming (WCAG 2.1 AA) in the browser: axe-core on every page and every slide, with
data and offline, at 1280×720 and 390×844; the page language; charts' accessible names; keyboard
reach with a visible focus; text at 200 %.

The pages are read from the app's own navigation at run time, and the slides from the presentation's
slide control, so a page or slide added later is checked without touching this file.

Run: `python -m pytest tests/e2e/test_accessibility.py` (about three minutes on a shared 2-core machine).
axe-core comes bundled with axe-playwright-python: no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.e2e.conftest import A11Y_SIZES, CHART, NAV_LINKS, PAGE_TIMEOUT_MS, wait_ready

pytestmark = pytest.mark.e2e

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
PRESENTATION = "/?presentasjon=1"
SLIDE_BUTTONS = '[data-testid="stButtonGroup"] button'
NO_MOTION = "*, *::before, *::after {transition: none !important; animation: none !important;}"
# Where the keyboard is now, and whether focus shows: the focused element or a visible ancestor
# (at least 8×8 px, at most 6 levels up) must change its outline or box-shadow when focus leaves.
FOCUS_STOP = """() => {
    const element = document.activeElement;
    const chain = [];
    for (let node = element, depth = 0; node && depth <= 6; node = node.parentElement, depth++) chain.push(node);
    const snap = () => chain.map(node => {
        const style = getComputedStyle(node);
        return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor} | ${style.boxShadow}`;
    });
    const focused = snap();
    element.blur();
    const blurred = snap();
    element.focus({preventScroll: true});
    const shows = chain.some((node, i) => {
        const box = node.getBoundingClientRect();
        return box.width >= 8 && box.height >= 8 && focused[i] !== blurred[i];
    });
    if (!element.dataset.byrStop) element.dataset.byrStop = String(Object.keys(window.byrStops ||= {}).length + 1);
    window.byrStops[element.dataset.byrStop] = true;
    const widget = element.closest('[data-testid]');
    return {id: element.dataset.byrStop, shows,
            name: (element.getAttribute('aria-label') || element.innerText || element.tagName).trim().slice(0, 60),
            widget: widget ? widget.dataset.testid : element.tagName};
}"""
# Everything a keyboard user must be able to reach: visible, enabled, in the tab order. A radio
# group is one Tab stop (the arrow keys move inside it): reaching one of its radios reaches all.
REACHABLE = """() => Array.from(document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]'))
    .filter(element => element.tabIndex >= 0 && !element.disabled && element.checkVisibility({visibilityProperty: true})
            && !element.closest('[inert]'))
    .map(element => {
        const group = element.closest('[role="radiogroup"]');
        const reached = group ? group.querySelector('[data-byr-stop]') : element;
        return {stop: reached ? reached.dataset.byrStop || null : null,
                name: (element.getAttribute('aria-label') || element.innerText || element.tagName).trim().slice(0, 60),
                widget: (element.closest('[data-testid]') || element).dataset.testid || element.tagName};
    })"""
MAX_TAB_STOPS = 150
CHART_TEXT_CONTRAST = """(charts) => {
    const luminance = (rgb) => {
        const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => v / 255)
            .map(c => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const white = 1;
    return charts.flatMap(chart => Array.from(chart.querySelectorAll('svg text')).map(text => {
        const style = getComputedStyle(text);
        if (!text.textContent.trim() || style.fill === 'none' || parseFloat(style.opacity) === 0) return null;
        const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
        const minimum = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        const ratio = (white + 0.05) / (luminance(style.fill) + 0.05);
        return ratio < minimum ? {text: text.textContent.slice(0, 40), fill: style.fill, ratio, minimum} : null;
    }).filter(Boolean));
}"""


@dataclass(frozen=True)
class Finding:
    where: str
    rule: str
    impact: str
    help: str
    target: str
    html: str
    why: str

    def __str__(self) -> str:
        return (f"{self.where}: {self.rule} ({self.impact}) – {self.help}\n    {self.target}: {self.html[:200]}"
                f"\n    {self.why}")


@pytest.fixture(scope="module")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python is missing: pip install -r requirements-dev.txt", pytrace=False)
    return Axe()


@pytest.fixture(scope="module")
def a11y_page(browser):
    """open(size) -> a fresh tab in a context of that size (contexts kept for the module)."""
    contexts, pages = {}, []

    def open_(size: str):
        if size not in contexts:
            contexts[size] = browser.new_context(viewport=A11Y_SIZES[size], locale="nb-NO",
                                                 timezone_id="Europe/Oslo")
        page = contexts[size].new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        pages.append(page)
        return page

    yield open_
    for context in contexts.values():
        context.close()


def wait_drawn(page) -> None:
    """The page is done and every chart on it (if any) has been drawn."""
    wait_ready(page)
    page.wait_for_function(
        """(selector) => Array.from(document.querySelectorAll(selector)).every(chart => {
            const svg = chart.querySelector('svg.marks');
            return svg && svg.querySelector('.role-mark') !== null;
        })""",
        arg=CHART,
    )


def navigation_paths(page) -> list[str]:
    """Every page the app's navigation offers (path with its query), in order, without repeats."""
    paths = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).map(a => {
            const url = new URL(a.href); return url.pathname + url.search; })""",
        NAV_LINKS,
    )
    return list(dict.fromkeys(paths))


def slide_count(page) -> int:
    return page.locator(SLIDE_BUTTONS).count()


def axe_findings(axe, page, where: str) -> list[Finding]:
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [Finding(where, violation["id"], violation["impact"] or "", violation["help"],
                    ", ".join(map(str, node["target"])), node["html"],
                    " ".join(check["message"] for check in node["any"] + node["all"] + node["none"]))
            for violation in results.response["violations"] if violation["impact"] in BLOCKING
            for node in violation["nodes"]]


def page_problems(page, where: str) -> list[str]:
    """What axe does not check: the page language and every chart's accessible name."""
    problems = []
    lang = page.evaluate("document.documentElement.lang")
    if lang != "nb":
        problems.append(f"{where}: <html lang={lang!r}>, expected 'nb'")
    # Text inside the charts' SVG, which axe leaves out: 4.5:1 on the white chart (3:1 for large text).
    low: dict[str, list[dict]] = {}
    for text in page.locator(CHART).evaluate_all(CHART_TEXT_CONTRAST):
        low.setdefault(text["fill"], []).append(text)
    for fill, texts in low.items():
        problems.append(f"{where}: {len(texts)} chart texts in {fill} at {texts[0]['ratio']:.2f}:1, below "
                        f"{texts[0]['minimum']}:1 (e.g. «{texts[0]['text']}»)")
    # vega-embed names the chart (role graphics-document) after the spec's description, else «Vega visualization».
    for label in page.locator(CHART).evaluate_all("charts => charts.map(chart => chart.getAttribute('aria-label') || '')"):
        if len(label.strip()) < 10 or label == "Vega visualization":
            problems.append(f"{where}: a chart without an accessible name (aria-label {label!r})")
    return problems


def audit(axe, page, url: str, where: str) -> list[str]:
    page.goto(url)
    wait_drawn(page)
    return [str(finding) for finding in axe_findings(axe, page, where)] + page_problems(page, where)


# -- axe on every page and every slide ----------------------------------------------------------------
@pytest.mark.parametrize("size", A11Y_SIZES)
@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_every_page_and_slide_passes_axe(request, axe, a11y_page, server_name, size):
    server = request.getfixturevalue(server_name)
    state = server_name.removesuffix("_server")
    page = a11y_page(size)
    page.goto(server.url + "/")
    wait_ready(page)
    paths = navigation_paths(page)
    assert len(paths) >= 5, f"the navigation lists the app's pages: {paths}"

    problems: list[str] = []
    for path in paths:
        problems += audit(axe, page, server.url + path, f"{state} {size} {path}")
    page.goto(server.url + PRESENTATION)
    wait_ready(page)
    slides = slide_count(page)
    assert slides >= 2, "the presentation has a slide control"
    for number in range(1, slides + 1):
        problems += audit(axe, page, f"{server.url}{PRESENTATION}&lysbilde={number}",
                          f"{state} {size} lysbilde {number}/{slides}")
    assert not problems, f"{len(problems)} accessibility problems:\n" + "\n".join(problems)


# -- keyboard ---------------------------------------------------------------------------------------
def tab_through(page) -> list[dict]:
    """Press Tab until focus comes back round (or MAX_TAB_STOPS): every stop, and whether focus showed."""
    page.add_style_tag(content=NO_MOTION)  # computed styles without transitions half-way
    stops: list[dict] = []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_STOP)
        if stops and stop["id"] == stops[0]["id"]:
            break
        stops.append(stop)
    return stops


def tab_to(page, condition: str, what: str) -> None:
    """Press Tab until the JavaScript `condition` holds for the focused element."""
    page.add_style_tag(content=NO_MOTION)
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        if page.evaluate(condition):
            return
    pytest.fail(f"Tab never reaches {what}")


def keyboard_problems(page, where: str) -> list[str]:
    stops = tab_through(page)
    problems = [f"{where}: no visible focus on {stop['widget']} «{stop['name']}»" for stop in stops
                if not stop["shows"] and stop["widget"] not in ("BODY", "stMain")]
    problems += [f"{where}: Tab never reaches {element['widget']} «{element['name']}»"
                 for element in page.evaluate(REACHABLE) if element["stop"] is None]
    return problems


def test_keyboard_reaches_every_control_with_visible_focus(axe, a11y_page, data_server):
    """Every page of the navigation and the presentation at 1280×720: Tab reaches every visible
    control (links, filters, buttons, slide controls, «Vis tall») and each shows where focus is."""
    page = a11y_page("1280x720")
    page.goto(data_server.url + "/")
    wait_ready(page)
    problems: list[str] = []
    for path in navigation_paths(page) + [PRESENTATION]:
        page.goto(data_server.url + path)
        wait_drawn(page)
        problems += keyboard_problems(page, path)
    assert not problems, "\n".join(problems)


def test_slide_control_works_by_keyboard(a11y_page, data_server, screenshot_dir):
    """Tab to the slide numbers, arrow to the next, Space opens it; «Neste» by Enter opens the third."""
    page = a11y_page("1280x720")
    page.goto(data_server.url + PRESENTATION)
    wait_ready(page)
    tab_to(page, "document.activeElement.closest('[data-testid=\"stButtonGroup\"]') !== null", "the slide numbers")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"lysbilde=2"))
    wait_ready(page)
    assert page.locator("h1").first.inner_text() == "Har nedgangen snudd?"
    page.get_by_role("button", name=re.compile("^Neste")).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"lysbilde=3"))
    wait_ready(page)
    page.screenshot(path=str(screenshot_dir / "a11y-focus-presentation-1280x720.png"))


def test_focus_outline_on_a_filter(a11y_page, data_server, screenshot_dir):
    """The year slider's thumb, reached by Tab, wears the 3 px outline; the screenshot is for a person to look at."""
    page = a11y_page("1280x720")
    page.goto(data_server.url + "/maloppnaelse")
    wait_drawn(page)
    tab_to(page, "document.activeElement.getAttribute('aria-label') === 'År — start'", "the year slider")
    outline = page.evaluate("""() => {
        const thumb = document.activeElement.parentElement.parentElement;
        const style = getComputedStyle(thumb);
        return [style.outlineStyle, style.outlineWidth, style.outlineColor];
    }""")
    assert outline == ["solid", "3px", "rgb(31, 78, 121)"], outline
    page.screenshot(path=str(screenshot_dir / "a11y-focus-slider-1280x720.png"))


# -- text at 200 % ----------------------------------------------------------------------------------
def test_text_at_200_percent_on_every_page(browser, data_server, screenshot_dir):
    """200 % zoom in a 1280×720 window is a 640×360 CSS-pixel page drawn at twice the density: nothing
    may need sideways scrolling or be cut off (WCAG 1.4.4). Screenshots are 1280×720 pixels."""
    context = browser.new_context(viewport={"width": 640, "height": 360}, device_scale_factor=2, locale="nb-NO",
                                  timezone_id="Europe/Oslo")
    try:
        page = context.new_page()
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        page.goto(data_server.url + "/")
        wait_ready(page)
        problems = []
        for path in navigation_paths(page) + [PRESENTATION]:
            page.goto(data_server.url + path)
            wait_drawn(page)
            clipped = page.evaluate("""() => {
                const out = [];
                if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page scrolls sideways');
                document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3, p, li, label)').forEach(el => {
                    if (el.checkVisibility() && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
                        out.push('cut off: ' + el.innerText.slice(0, 60));
                });
                return out;
            }""")
            problems += [f"{path}: {problem}" for problem in clipped]
            name = path.strip("/").split("?")[0] or ("presentasjon" if "presentasjon" in path else "oversikt")
            page.screenshot(path=str(screenshot_dir / f"a11y-200pct-{name}.png"))
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_filters_work_by_keyboard(a11y_page, data_server):
    """The year slider moves with the arrow keys and the smoothing toggle switches with Space; both reach the link."""
    page = a11y_page("1280x720")
    page.goto(data_server.url + "/maloppnaelse")
    wait_ready(page)
    page.get_by_role("slider", name="År — start").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"aar=2009"))
    wait_ready(page)
    page.get_by_role("switch", name="3-års glidende snitt").focus()
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"snitt=true"))
    wait_ready(page)


def test_phone_menu_closes_after_choosing_a_page(a11y_page, data_server):
    """On a phone the sidebar covers the page: choosing a page in it closes it again."""
    page = a11y_page("390x844")
    page.goto(data_server.url + "/")
    wait_ready(page)
    page.get_by_test_id("stExpandSidebarButton").click()
    page.locator('[data-testid="stSidebar"][data-collapsed="false"]').wait_for()
    page.locator(NAV_LINKS).filter(has_text="Prosjekter").click()
    page.wait_for_url(re.compile(r"/prosjekter"))
    wait_ready(page)
    page.locator('[data-testid="stSidebar"][data-collapsed="true"]').wait_for(state="attached")
    assert not page.get_by_test_id("stSidebar").is_visible()
