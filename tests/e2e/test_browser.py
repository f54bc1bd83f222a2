"""The dashboard in a real browser: every page renders, charts are drawn with Norwegian numbers,
links reproduce filters, downloads carry their source, and screenshots for a human to look at.

Run: `python -m pytest tests/e2e` (under two minutes; `-m 'not e2e'` leaves them out). Screenshots land in artifacts/screenshots/.
Pages are addressed by URL only; the app's page files may live in any folder.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import APP_READY, CHART, EXCEPTION, NAV_LINKS, SIZES, SKELETON, wait_ready

pytestmark = pytest.mark.e2e

# URL path -> (name for screenshots, has charts when the jobs series exists)
PAGES = {
    "/": ("oversikt", True),
    "/trendbrudd": ("trendbrudd", True),
    "/maloppnaelse": ("maloppnaelse", True),
    "/malmatrise": ("malmatrise", False),
    "/prosjekter": ("prosjekter", False),
    "/data": ("data", False),
}
JOB_PAGES = [path for path, (_, charts) in PAGES.items() if charts]
RESIDENCE = "maal=Sysselsatte+bosatte"
MISSING_JOBS = "Arbeidsplasser (sysselsatte etter arbeidssted) mangler tall"
DEVELOPER_TEXT = ("python -m", "byr_data", ".toml", "SysselsatteArb")
SOURCE_HEADER = "# Kilde: Statistisk sentralbyrå (SSB)"
MINUS = "\u2212"
SPACES = "\u00a0\u202f "  # no-break, narrow no-break and plain space are all fine as thousands separators


def open_app(make_page, server, path: str, size: str = "1920x1080", charts: bool = False):
    page = make_page(size)
    page.goto(server.url + path)
    wait_ready(page, charts=charts)
    return page


def assert_no_exception(page, server) -> None:
    errors = page.locator(EXCEPTION).all_inner_texts()
    assert not errors, f"exception on {page.url}:\n{errors}\n--- server log ---\n{server.log_tail()}"


def chart_axes(page) -> list[dict]:
    """Every axis of every chart on the page: vega's aria-label («Y-axis titled …») and tick labels."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector + ' g.role-axis[aria-label]')).map(axis => ({
            aria: axis.getAttribute('aria-label'),
            labels: Array.from(axis.querySelectorAll('g.role-axis-label text')).map(t => t.textContent),
        }))""",
        CHART,
    )


def y_labels(page) -> list[str]:
    return [label for axis in chart_axes(page) if axis["aria"].startswith("Y-axis") for label in axis["labels"]]


def x_labels(page, chart: int = 0) -> list[str]:
    return page.locator(CHART).nth(chart).evaluate(
        """(chart) => Array.from(chart.querySelectorAll('g.role-axis[aria-label^="X-axis"] g.role-axis-label text'))
            .map(t => t.textContent)"""
    )


def number(label: str) -> int:
    """«+1 100» / «−120» / «22 000» -> int."""
    cleaned = label.replace(MINUS, "-")
    for space in SPACES:
        cleaned = cleaned.replace(space, "")
    return int(cleaned)


def selected_municipalities(page) -> list[str]:
    return page.locator('[data-testid="stMultiSelect"]').filter(has_text="Kommuner").locator(
        '[aria-label="Selected values"] [data-tag] span[title]'
    ).all_inner_texts()


def open_expander(expander) -> None:
    """Open an st.expander and wait until its opening animation is over: a click on its content
    during the animation can land on the (still clipped) container instead of the button."""
    expander.locator("summary").click()
    expander.locator("details[open]").wait_for()
    expander.evaluate(
        """(element) => new Promise(resolve => {
            const check = () => element.getAnimations({subtree: true}).length === 0
                ? resolve(true) : requestAnimationFrame(check);
            check();
        })"""
    )
    expander.locator(SKELETON).first.wait_for(state="detached")


def screenshot(page, folder, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"))


# -- every page, with data and offline, at two screen sizes ----------------------------------------
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("path", PAGES)
def test_page_with_data(make_page, data_server, screenshot_dir, path, size):
    name, has_charts = PAGES[path]
    page = open_app(make_page, data_server, path, size, charts=has_charts)
    assert_no_exception(page, data_server)
    if has_charts:
        assert page.locator(CHART).count() >= 1
        assert y_labels(page), "the chart has a drawn y-axis with labels"
    assert MISSING_JOBS not in page.locator("body").inner_text()
    screenshot(page, screenshot_dir, f"data-{name}-{size}")


OFFLINE_CASES = [(path, size) for path, (_, job_page) in PAGES.items() for size in SIZES
                 if job_page or size == "1920x1080"]  # pages without SSB figures: one size is enough


OFFLINE_CHARTS = {"/", "/trendbrudd"}  # the report's figures against +100, and the residents, from the snapshot


@pytest.mark.parametrize(("path", "size"), OFFLINE_CASES)
def test_page_offline(make_page, offline_server, screenshot_dir, path, size):
    """No cache: the job pages tell 2017–2022 from table 11618 (headline naming it), beside the report's
    figures and the residents, and say what a refresh adds. No developer text anywhere."""
    name, job_page = PAGES[path]
    page = open_app(make_page, offline_server, path, size, charts=path in OFFLINE_CHARTS)
    assert_no_exception(page, offline_server)
    body = page.locator("body").inner_text()
    if job_page:
        assert "Viser offline øyeblikksbilde av publiserte SSB-tall: arbeidsplasser 2017–2022 (SSB tabell 11618)" in body
        assert "Med tall fra SSB (tabell 07984, hentes med knappen på siden «Data og kilder»)" in body
        assert not [word for word in DEVELOPER_TEXT if word in body], body
    if path in OFFLINE_CHARTS:
        assert page.locator(CHART).count() >= 1 and y_labels(page)
        assert page.locator("h1").first.inner_text().endswith("(SSB tabell 11618)")  # names its table
    screenshot(page, screenshot_dir, f"offline-{name}-{size}")


@pytest.mark.parametrize("path", JOB_PAGES)
def test_offline_residence_charts(make_page, offline_server, screenshot_dir, path, size="1920x1080"):
    """Offline, the residence measure has a full series in the snapshot: its charts are drawn.
    (One screen size: the data pages already cover both.)"""
    name, _ = PAGES[path]
    separator = "&" if "?" in path else "?"
    page = open_app(make_page, offline_server, f"{path}{separator}{RESIDENCE}", size, charts=True)
    assert_no_exception(page, offline_server)
    assert y_labels(page)
    screenshot(page, screenshot_dir, f"offline-bosatte-{name}-{size}")


@pytest.mark.parametrize("server_name", ["data_server", "offline_server"])
def test_first_deep_link_after_start_runs_the_page(request, server_name):
    """The very first visit after the server starts is a deep link: it must not pop up
    «Page not found» (Streamlit does that while a legacy `pages/` folder sits next to the entry file)."""
    server = request.getfixturevalue(server_name)
    assert server.first_visit_dialogs == [], server.first_visit_dialogs


def test_every_navigation_entry_opens(make_page, data_server):
    """The navigation lists every page of the table above, and any page added since runs too."""
    page = open_app(make_page, data_server, "/prosjekter")
    paths = page.evaluate("(selector) => Array.from(document.querySelectorAll(selector)).map(a => new URL(a.href).pathname)",
                          NAV_LINKS)
    assert set(PAGES) <= set(paths), paths
    for path in dict.fromkeys(paths):
        if path not in PAGES:  # the table's pages have their own tests
            page.goto(data_server.url + path)
            wait_ready(page)
            assert_no_exception(page, data_server)


def slide_heading(page) -> str:
    return page.locator("h1").first.inner_text()


def wait_for_slide(page, number: int) -> None:
    page.wait_for_url(re.compile(rf"lysbilde={number}"))
    wait_ready(page)


@pytest.mark.parametrize("size", SIZES)
def test_presentation_mode(make_page, data_server, screenshot_dir, size):
    page = open_app(make_page, data_server, "/?presentasjon=1", size=size)
    assert_no_exception(page, data_server)
    assert page.locator(NAV_LINKS).count() == 0, "presentation mode shows no navigation"
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.is_visible(), "the sidebar stays closed (its filters come from the link)"
    assert slide_heading(page) == "Kongsvingerregionen: 2025"
    screenshot(page, screenshot_dir, f"data-presentasjon-1-{size}")
    count = int(re.search(r"^\d+ / (\d+)", page.locator(".st-key-slide-source").inner_text()).group(1))
    headings = [slide_heading(page)]
    for number in range(2, count + 1):
        page.get_by_role("button", name=re.compile("^Neste")).click()
        wait_for_slide(page, number)
        assert_no_exception(page, data_server)
        headings.append(slide_heading(page))
        screenshot(page, screenshot_dir, f"data-presentasjon-{number}-{size}")
    # the council's order: jobs, the country, commuting, then the programme, its projects last
    order = [headings.index(title) for title in ("Har nedgangen snudd?", "Regionen i landet", "Ett arbeidsmarked?",
                                                  "Dette ga programmet, ifølge rapporten", "Prosjektene i fase 3")]
    assert order == sorted(order), headings
    assert headings[-1] == "Prosjektene i fase 3"
    page.get_by_role("button", name=re.compile("^Forrige")).click()
    wait_for_slide(page, count - 1)
    assert slide_heading(page) == headings[-2]


def test_presentation_arrow_keys_and_municipality_link(make_page, data_server):
    page = open_app(make_page, data_server, "/?presentasjon=1&kommune=Grue")
    assert slide_heading(page) == "Grue: 2025"
    page.keyboard.press("ArrowRight")
    wait_for_slide(page, 2)
    assert slide_heading(page) == "Har nedgangen snudd?"
    assert page.locator(CHART).count() == 1
    page.keyboard.press("ArrowLeft")
    wait_for_slide(page, 1)
    assert slide_heading(page) == "Grue: 2025"
    assert "kommune=Grue" in page.url


def test_municipality_page_link(make_page, data_server, screenshot_dir):
    page = open_app(make_page, data_server, "/kommune?kommune=Grue", charts=True)
    assert_no_exception(page, data_server)
    assert slide_heading(page).startswith("Grue 2025: ")
    assert selected_municipalities(page) == ["Grue"]
    assert page.get_by_text(re.compile(r"/kommune\?kommune=Grue")).count() >= 1, "a link to send"
    screenshot(page, screenshot_dir, "data-kommune-1920x1080")


def test_png_download_is_an_image(make_page, data_server):
    page = open_app(make_page, data_server, "/maloppnaelse", charts=True)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Vis tall").first
    open_expander(expander)
    with page.expect_download(timeout=60_000) as info:
        expander.get_by_role("button", name="Last ned PNG").click()
    download = info.value
    assert download.suggested_filename.endswith(".png")
    assert download.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# -- numbers, links, downloads ---------------------------------------------------------------------
def test_level_axis_in_norwegian_number_format(make_page, data_server):
    page = open_app(make_page, data_server, "/trendbrudd", charts=True)
    labels = y_labels(page)
    assert any(re.fullmatch(f"22[{SPACES}]000", label) for label in labels), labels
    assert not any("," in label or "." in label for label in labels), f"no English separators: {labels}"
    values = [number(label) for label in labels]
    assert 17_000 <= min(values) and max(values) <= 23_000, "the region's made-up level is about 17 500–22 500"


def test_change_axis_uses_signs_and_true_minus(make_page, data_server):
    page = open_app(make_page, data_server, "/maloppnaelse", charts=True)
    labels = y_labels(page)
    assert "+100" in labels and f"{MINUS}100" in labels, labels
    assert not any(re.match(r"-\d", label) for label in labels), f"hyphen-minus instead of U+2212: {labels}"


def test_municipality_link_reproduces_filter(make_page, data_server):
    page = open_app(make_page, data_server, "/?kommune=Grue", charts=True)
    assert selected_municipalities(page) == ["Grue"]
    assert page.locator("h1").first.inner_text().startswith("Grue")
    assert max(number(label) for label in y_labels(page)) < 5_000, "the chart shows Grue alone, not the region"

    page.goto(data_server.url + "/trendbrudd?kommune=Grue")
    wait_ready(page, charts=True)
    assert selected_municipalities(page) == ["Grue"]


def test_year_range_and_view_links(make_page, data_server):
    page = open_app(make_page, data_server, "/?aar=2015&aar=2025", charts=True)
    years = sorted(int(year) for year in x_labels(page))  # vega may draw labels out of order
    assert years[0] == 2015 and years[-1] == 2025, years

    page.goto(data_server.url + "/trendbrudd?visning=Indeks")
    wait_ready(page, charts=True)
    assert page.get_by_role("radio", name="Indeks").get_attribute("aria-checked") == "true"
    assert any(axis["aria"].startswith("Y-axis titled 'Indeks") for axis in chart_axes(page))


@pytest.mark.parametrize("path", JOB_PAGES)
def test_csv_download_carries_source(make_page, data_server, path):
    page = open_app(make_page, data_server, path, charts=True)
    expander = page.locator('[data-testid="stExpander"]').filter(has_text="Vis tall").first
    open_expander(expander)
    button = expander.get_by_role("button", name="Last ned CSV")
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    text = download.path().read_bytes().decode("utf-8-sig")  # the BOM makes Excel read UTF-8
    assert text.startswith(SOURCE_HEADER), text[:200]
    lines = text.splitlines()
    assert lines[1].startswith("# "), "second header line: the region's definition"
    assert ";" in lines[2], "semicolon-separated for Norwegian Excel"
    page.locator(APP_READY).wait_for()
    assert_no_exception(page, data_server)


# -- the +100 target is the region's ----------------------------------------------------------------
JUDGEMENT = ("nådd", "mot målet", "under målet", "Mål +")


def judgements(page) -> list[str]:
    """Target verdicts in the main area's text and target labels drawn in its charts."""
    text = page.locator('[data-testid="stMain"]').inner_text()
    drawn = page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector + ' svg text')).map(t => t.textContent)""",
        CHART)
    return [word for word in JUDGEMENT if word in text] + [label for label in drawn if label.startswith("Mål +")]


@pytest.mark.parametrize("path", ["/", "/trendbrudd?visning=%C3%85rlig+endring", "/maloppnaelse", "/kommune"])
def test_no_target_judgement_for_one_municipality(make_page, data_server, screenshot_dir, path):
    separator = "&" if "?" in path else "?"
    page = open_app(make_page, data_server, f"{path}{separator}kommune=Grue", "1280x720", charts=True)
    assert_no_exception(page, data_server)
    assert judgements(page) == []
    region = open_app(make_page, data_server, path, "1280x720", charts=True)
    if path != "/kommune":
        assert judgements(region), "the whole region is held against the target"
    name = path.strip("/").split("?")[0] or "oversikt"
    screenshot(page, screenshot_dir, f"data-grue-{name}-1280x720")


def test_no_target_judgement_in_the_presentation_for_one_municipality(make_page, data_server):
    page = open_app(make_page, data_server, "/?presentasjon=1&kommune=Grue")
    for number in (1, 2, 3):
        if number > 1:
            page.keyboard.press("ArrowRight")
            wait_for_slide(page, number)
        assert judgements(page) == [], slide_heading(page)
    page.goto(data_server.url + "/?presentasjon=1")
    wait_ready(page)
    assert judgements(page), "the region's first slide gives the verdict"


def test_overview_headline_metrics_and_chart_above_the_fold(make_page, data_server):
    page = open_app(make_page, data_server, "/", "1280x720", charts=True)
    headline = page.locator("h1").first.inner_text()
    assert headline.startswith("2025: +110 arbeidsplasser"), headline
    chart = page.locator(CHART).first.bounding_box()
    metric = page.locator('[data-testid="stMetricValue"]').first.bounding_box()
    assert metric["y"] + metric["height"] <= 720
    assert chart["y"] + chart["height"] <= 720, f"the main chart ends at {chart['y'] + chart['height']:.0f} px"
