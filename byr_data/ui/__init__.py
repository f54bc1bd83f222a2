"""Streamlit glue for the page frame: the catch-all around each page, the shared filters, how a page
draws its headline, metrics and charts, the navigation and styles, and the presentation mode.

The package byr_data/ui is the only place in byr_data that imports streamlit; everything it shows is
computed elsewhere. Loading data lives in `ui/load.py`, the programme pages' data in `ui/programme.py`,
the status reporting page's parts in `ui/reporting.py` (not imported here: job pages never load them).
"""

from __future__ import annotations

import logging
import re
from collections import deque
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from byr_data import accessibility, export, fmt, params, regions, store, views
from byr_data.ui.load import dataset, region_settings, provenance_banner

LOG = logging.getLogger("byr_data")
NUMBERED = re.compile(r"\d+\. ")  # a list item that starts with its own number


# -- the catch-all around each page -----------------------------------------------------------------
PAGE_FAILED = ("Denne siden kunne ikke vises på grunn av en feil i appen. Prøv å laste siden på nytt; "
               "hvis feilen blir stående, kontakt den som drifter dashbordet.")


@st.cache_resource
def _page_errors() -> deque:
    """The latest page errors of this server process (when, which page, which kind), newest last."""
    return deque(maxlen=5)


def run_page(body, name: str = "") -> None:
    """Run a page (`body()`); any error becomes one plain Norwegian sentence (details in the log and,
    without paths or traceback, on «Data og kilder»), while Streamlit's own rerun and stop requests
    pass through untouched."""
    try:
        body()
    except ScriptControlException:  # st.rerun(), st.stop(), st.switch_page(): not errors
        raise
    except Exception as exc:
        LOG.exception("Page %s failed", name)
        _page_errors().append((store.now_utc(), name or "/", type(exc).__name__))
        st.error(PAGE_FAILED)


def page_error_details() -> None:
    """On «Data og kilder»: the latest page errors, for whoever runs the dashboard (details in the log)."""
    errors = list(_page_errors())
    if not errors:
        return
    with st.expander(f"Feil på sidene siden serveren startet ({len(errors)})"):
        for when, page, kind in reversed(errors):
            st.write(f"{fmt.timestamp(when)}: siden «{fmt.escape_markdown(page)}» feilet "
                     f"(feiltype {fmt.escape_markdown(kind)}). Detaljene står i serverens logg.")


# -- shared filters (drawn once in dashboard.py, read by every page) --------------------------------
MEASURE_OPTIONS = {"arbeidssted": "Arbeidsplasser", "bosted": "Sysselsatte bosatte"}  # labels are URL values


def sidebar_filters() -> views.Filters:
    """Municipalities, years, measure and smoothing in the sidebar, each bound to the URL."""
    region = region_settings()
    data = dataset()
    names = {code: regions.municipality_name(code) for code in region.selectable}
    years = sorted(set(data.frame.loc[data.frame["verdi"].notna(), "aar"]))
    first, last = (years[0], years[-1]) if years else (None, None)

    years_problem = params.invalid_year_range(st.query_params.get_all("aar"), first, last) if years else None
    notices = [params.unknown_notice("kommune", "kommune", st.query_params.get_all("kommune"), names.values()),
               params.notice("aar", years_problem) if years_problem else None,
               params.unknown_notice("maal", "tallgrunnlag", st.query_params.get_all("maal"), MEASURE_OPTIONS.values())]

    with st.sidebar:
        st.header("Utvalg")
        codes = st.multiselect("Kommuner", list(names), default=list(region.members), format_func=names.get,
                               key="kommune", bind="query-params")
        # The URL key stays «maal» and the values stay the labels, so old links keep working.
        measure = st.radio("Tallgrunnlag", list(MEASURE_OPTIONS), format_func=MEASURE_OPTIONS.get, key="maal",
                           bind="query-params", help="Arbeidsplasser: de som jobber i kommunene, uansett hvor de "
                           "bor – målet om +100 i året gjelder dem. Sysselsatte bosatte: de som bor i kommunene "
                           "og er i arbeid, uansett hvor de jobber.")
        span = None
        if first is not None and first < last:
            chosen = st.slider("År", first, last, (first, last), key="aar", bind="query-params")
            span = (min(chosen), max(chosen))
        rolling = st.toggle("3-års glidende snitt", key="snitt", bind="query-params",
                            help="Jevner ut store svingninger i små kommuner. Beregnes aldri over bruddet 2014/15.")
        for notice in filter(None, notices):
            st.warning(notice)
    if not codes:
        st.warning("Ingen kommuner er valgt – viser hele regionen.")
        codes = list(region.members)
    chosen = views.Filters(codes=tuple(codes), measure=measure, years=span, rolling=rolling)
    st.session_state["_filters"] = chosen
    return chosen


def filters() -> views.Filters:
    """The filters dashboard.py drew for this run (the region's defaults on pages without them)."""
    region = region_settings()
    return st.session_state.get("_filters") or views.Filters(codes=region.members)


def show_heading(view: views.PageView, data: store.Dataset) -> None:
    """The page's finding as its headline, what it covers, where the figures come from, the metrics."""
    st.title(view.title, anchor=False)
    if view.context:
        st.caption(view.context)
    provenance_banner(data)
    show_metrics(view)


def show_metrics(view: views.PageView) -> None:
    if view.missing:
        st.info(view.missing)
    if view.metrics:
        for column, metric in zip(st.columns(len(view.metrics)), view.metrics):
            column.metric(metric.label, metric.value, metric.delta,
                          delta_color={1: "green", -1: "red"}.get(metric.delta_sign, "gray"),
                          delta_arrow={1: "up", -1: "down"}.get(metric.delta_sign, "off"))


def show_body(view: views.PageView, csv_region: str) -> None:
    """The charts that prove the headline, then the sentences that explain it."""
    for block in view.blocks:
        show_block(block, view.source, csv_region)
    for text in view.texts:
        st.write(text)


def show_page(view: views.PageView, data: store.Dataset, csv_region: str) -> None:
    """A job page: headline, metrics, charts with table twins and downloads, then the explanations."""
    show_heading(view, data)
    show_body(view, csv_region)


def show_view(view: views.PageView, csv_region: str) -> None:
    """A part of a page under a heading the page draws itself: metrics, texts, then charts."""
    show_metrics(view)
    for text in view.texts:
        st.write(text)
    for block in view.blocks:
        show_block(block, view.source, csv_region)


def show_block(block: views.Block, source: str, csv_region: str) -> None:
    """The chart's finding as a heading (it wraps on a phone), the chart, its source line, and the table twin."""
    if block.title:
        st.container(key=f"chart-title-{block.name}").subheader(fmt.escape_markdown(block.title), anchor=False)
    st.vega_lite_chart(block.spec, width="stretch")
    st.caption(source)  # the app's own credit line and fetch date
    # Lazy: the table and downloads are built only while the expander is open, keeping reruns cheap.
    table_twin = st.expander("Vis tall", key=f"vis-{block.name}", on_change="rerun")
    if not table_twin.open:
        return
    with table_twin:
        st.dataframe(block.table, hide_index=True, width="stretch")
        csv, png = st.columns(2)
        csv.download_button("Last ned CSV", lambda: export.csv_bytes(block.data, source, csv_region),
                            file_name=f"{block.name}.csv", mime="text/csv", key=f"csv-{block.name}",
                            on_click="ignore", icon=":material/download:")
        # The PNG is rendered only when asked for (about a second each).
        png.download_button("Last ned PNG", lambda: export.png_bytes(block.chart), file_name=f"{block.name}.png",
                            mime="image/png", key=f"png-{block.name}", on_click="ignore", icon=":material/image:")


def show_comparison(title: str, table) -> None:
    """The report's figures against SSB's: the short figures as a table, the report's own words below
    it, each after its year (a column of quotes beside four short ones broke words mid-word on a phone)."""
    st.subheader(title, anchor=False)
    st.container(key="report-comparison").table(table.drop(columns=views.QUOTE), border="horizontal")
    quotes = (f"{fmt.escape_markdown(year)}: «{fmt.escape_markdown(quote)}»"
              for year, quote in zip(table.iloc[:, 0], table[views.QUOTE]))
    st.markdown(f"**{views.QUOTE}**  \n" + "  \n".join(quotes))
    st.caption(views.COMPARISON_NOTE)


def share_link(page_path: str, municipality: str) -> None:
    """A link to send: this page for one municipality."""
    base = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
    st.caption("Lenke til denne visningen for kommunen:")
    st.code(f"{base}/{page_path}?{urlencode({'kommune': municipality})}", language=None)


def page_accessibility() -> None:
    """Run accessibility.PAGE_SCRIPT: the page language, keyboard access to wide tables, the phone's menu."""
    with st.container(key="page-script"):  # hidden by PAGE_STYLE: it takes no room
        st.html(accessibility.PAGE_SCRIPT, unsafe_allow_javascript=True)


def page_links(sections: dict[str, list]) -> None:
    """The navigation at the top of the sidebar: a label per section and a link per page.

    Streamlit's own sectioned navigation puts section wrappers inside its <ul> (an invalid list
    for screen readers); plain page links keep the grouping without that."""
    with st.sidebar.container(key="page-nav"):
        for section, pages in sections.items():
            st.caption(f"**{section}**")
            for page in pages:
                st.page_link(page)


def filter_summary_text(chosen: views.Filters, region: regions.RegionSettings) -> str:
    """«Utvalg: Kongsvingerregionen · 2015–2025 · Arbeidsplasser · 3-års glidende snitt» (pure)."""
    years = f"{chosen.years[0]}–{chosen.years[1]}" if chosen.years else "alle år"
    parts = [views.selection_name(chosen.codes, region), years, views.MEASURE_TITLES[chosen.measure]]
    if chosen.rolling:
        parts.append("3-års glidende snitt")
    return "Utvalg: " + " · ".join(parts)


def filter_summary(chosen: views.Filters) -> None:
    """One line naming the active filters, above the page: on a phone the sidebar is hidden."""
    text = filter_summary_text(chosen, region_settings())
    st.container(key="filter-summary").caption(fmt.escape_markdown(text))


# -- presentation mode ---------------------------------------------------------------------------
def slide_navigation(count: int) -> int:
    """Previous/next buttons (and the arrow keys); the current view lives in the URL as «lysbilde»."""
    def step(delta: int) -> None:
        st.session_state["lysbilde"] = min(max((st.session_state.get("lysbilde") or 1) + delta, 1), count)

    previous, position, following = st.columns([1, 4, 1], vertical_alignment="center")
    # The arrow keys work too; Streamlit shows the shortcut on the button.
    previous.button("Forrige", on_click=step, args=(-1,), key="forrige", shortcut="Left", width="stretch")
    following.button("Neste", on_click=step, args=(1,), key="neste", shortcut="Right", width="stretch")
    st.session_state.setdefault("lysbilde", 1)  # highlight the first view before the URL has one
    with position:
        number = st.segmented_control("Visning", list(range(1, count + 1)), key="lysbilde",
                                      bind="query-params", label_visibility="collapsed")
    return number or 1


MAX_LARGE_ITEMS = 5  # a text slide with more items keeps the normal size, so it fits without scrolling


def show_slide(slide: views.Slide, number: int, count: int) -> None:
    st.title(slide.heading, anchor=False)
    # Keyed containers get a CSS class (st-key-…) that PRESENTATION_STYLE sizes. A chart or a long list
    # needs the room: its message is set smaller. Otherwise the text has the screen and is set larger.
    roomy = slide.chart is None and len(slide.items) <= MAX_LARGE_ITEMS
    kind = slide.tone if roomy else "chart"
    large = "-large" if roomy else ""
    with st.container(key="slide-message"):
        st.container(key=f"slide-message-{kind}").markdown(fmt.escape_markdown(slide.message))
    if slide.detail:
        st.container(key=f"slide-detail{large}").markdown(fmt.escape_markdown(slide.detail))
    if slide.spec is not None:
        # Streamlit sizes charts only in pixels: the chart stretches to its container, whose height
        # PRESENTATION_STYLE sets as a share of the screen.
        # (the pixel height only makes it a fixed-height container, in which a chart can stretch; the
        # style replaces it).
        with st.container(key="slide-chart", height=400, border=False):
            st.vega_lite_chart(slide.spec, width="stretch", height="stretch")
    if slide.items:
        # Items that carry their own number («1. …») are lines of their own, not bullets as well.
        numbered = all(NUMBERED.match(item) for item in slide.items)
        st.container(key=f"slide-items{large}").markdown(
            "  \n".join(fmt.escape_markdown(item) for item in slide.items) if numbered
            else "\n".join(f"- {fmt.escape_markdown(item)}" for item in slide.items))
    # The source line is the app's own text (a credit and a date), not text from outside.
    st.container(key="slide-source").caption(f"{number} / {count}" + (f" · {slide.source}" if slide.source else ""))
