"""Streamlit glue: cached loaders, background refresh and the provenance banner.

The only module in byr_data that imports streamlit; everything it shows is computed elsewhere.
"""

from __future__ import annotations

import importlib
import logging
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from byr_data import (
    accessibility,
    analysis,
    editor_access,
    export,
    fmt,
    goals,
    notes,
    params,
    regions,
    report,
    reporting,
    status_model,
    status_store,
    store,
    views,
)

LOG = logging.getLogger("byr_data")
AUTO_REFRESH_ENV = "BYR_AUTO_REFRESH"  # "0" turns the background refresh off (tests, offline kiosks)
RETRY_AFTER_FAILURE = timedelta(hours=1)


# -- loading -------------------------------------------------------------------------------------
def _cache_key() -> tuple[int, int, int]:
    """Changes whenever the cache file is replaced (a finished refresh shows on the next rerun) or the
    region settings are edited (the cache may then lack a municipality)."""
    try:
        info = store.cache_file().stat()
        cache = info.st_mtime_ns, info.st_size
    except OSError:
        cache = 0, 0
    return (*cache, regions.settings_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _load_local(cache_key: tuple[int, int, int]) -> store.Dataset:
    """Shared, not copied, on every rerun: nothing downstream changes a frame in place."""
    return store.load_local()


@st.cache_resource(max_entries=256, show_spinner=False)
def _built(module: str, builder_name: str, data_key, args: tuple):
    """A view built once per data version and arguments, shared by reruns and sessions (read-only)."""
    return getattr(importlib.import_module(module), builder_name)(_load_local(data_key).frame, *args)


def build(builder, *args):
    """Call a view builder (views.*, industry_views.*) on the shown data:
    `build(views.trend, filters, region, source, report, mode)`."""
    return _built(builder.__module__, builder.__name__, _cache_key(), args)


@st.cache_resource(max_entries=4, show_spinner=False)
def _cache_status(cache_key, expected: tuple[str, ...]) -> store.CacheStatus:
    return store.cache_status(expected)


def cache_status() -> store.CacheStatus:
    """The cache file's state, read once per file version and settings (not on every rerun)."""
    return _cache_status(_cache_key(), tuple(region_settings().selectable))


def dataset() -> store.Dataset:
    """The best local data, at once; starts a background refresh when it is old."""
    try:
        data = _load_local(_cache_key())
    except store.DataError as exc:
        st.error(f"Ingen data kan vises: {fmt.escape_markdown(str(exc))}")
        st.stop()
    _maybe_refresh_in_background(data)
    return data


@st.cache_resource(max_entries=4, show_spinner=False)
def _settings(version: int) -> regions.RegionSettings:
    return regions.load_settings()


def settings() -> regions.RegionSettings:
    """The region settings (raises SettingsError), read again whenever the file changes."""
    return _settings(regions.settings_version())


def region_settings() -> regions.RegionSettings:
    try:
        return settings()
    except regions.SettingsError as exc:
        st.error("Regioninnstillingene har en feil, og appen kan ikke vise tall før den er rettet. "
                 + fmt.escape_markdown(str(exc)))
        st.stop()


# -- background refresh --------------------------------------------------------------------------
@dataclass
class RefreshState:
    """Process-wide state of the background refresh, shared by every session."""

    running: bool = False
    last_attempt: datetime | None = None
    last_error: str | None = None
    settings_version: int | None = None  # of the last attempt: an edited region starts a new one
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource
def _refresh_state() -> RefreshState:
    return RefreshState()


def _auto_refresh_enabled() -> bool:
    return os.environ.get(AUTO_REFRESH_ENV, "1") != "0"


def _run_refresh(state: RefreshState) -> None:
    try:
        store.refresh()
        state.last_error = None
    except store.REFRESH_ERRORS as exc:
        LOG.warning("Background refresh failed: %s", exc)
        state.last_error = str(exc)
    except Exception:  # a bug must not pass silently in a thread nobody watches
        LOG.exception("Background refresh failed unexpectedly")
        state.last_error = UNEXPECTED
    finally:
        state.running = False


def _maybe_refresh_in_background(data: store.Dataset) -> None:
    if not _auto_refresh_enabled() or not data.is_stale(store.now_utc()):
        return
    state = _refresh_state()
    version = regions.settings_version()
    with state.lock:
        now = store.now_utc()
        recently_tried = (state.last_attempt and now - state.last_attempt < RETRY_AFTER_FAILURE
                          and state.settings_version == version)
        if state.running or recently_tried:
            return
        state.running, state.last_attempt, state.settings_version = True, now, version
    threading.Thread(target=_run_refresh, args=(state,), daemon=True, name="ssb-refresh").start()


_REFRESH_DONE = "_byr_refresh_done"  # session state: the refresh button's success, shown after the rerun


UNEXPECTED = "Noe uventet gikk galt under oppdateringen. Feilen er skrevet i loggen."


def refresh_failure_headline(exc: BaseException, shown: store.Dataset) -> str:
    """What the refresh button says in one line after a failure, and what is shown instead."""
    if isinstance(exc, store.RefreshBusy):
        what = "En annen oppdatering pågår allerede"
    elif "svarte ikke i tide" in str(exc):
        what = "SSB svarte ikke i tide"
    elif isinstance(exc, regions.SettingsError):
        what = "Regioninnstillingene har en feil"
    else:
        what = "Oppdateringen feilet"
    if shown.provenance.source == "snapshot":
        return f"{what}. Appen viser fortsatt det medfølgende øyeblikksbildet."
    return f"{what}. Appen viser fortsatt tallene fra SSB hentet {fmt.timestamp(shown.provenance.fetched_at)}."


def refresh_now() -> None:
    """The refresh button: fetch in this run with progress, and keep the old data on failure."""
    problem = None
    with st.status("Henter tall fra SSB …", expanded=True) as status:
        try:
            data = store.refresh(progress=lambda message: st.write(message))
        except store.REFRESH_ERRORS as exc:
            problem = exc
        except Exception as exc:
            LOG.exception("Refresh from the button failed unexpectedly")
            problem = exc
        if problem is not None:
            status.update(label="Oppdateringen feilet", state="error", expanded=False)
    if problem is not None:
        # Visible, not inside the collapsed box: what happened, what is shown now, and SSB's reason.
        expected = isinstance(problem, store.REFRESH_ERRORS)
        st.error(f"**{refresh_failure_headline(problem, _load_local(_cache_key()))}**  \n"
                 + (fmt.escape_markdown(str(problem)) if expected else UNEXPECTED))
        return
    _load_local.clear()
    # Rerun so the whole page shows the new figures, not the ones read before the button was pressed;
    # the banner repeats the success once.
    message = f"Oppdatert: {fmt.integer(len(data.frame))} rader fra SSB. Tallene som vises er de nye."
    st.session_state[_REFRESH_DONE] = message
    st.rerun()


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


# -- provenance ----------------------------------------------------------------------------------
def provenance_banner(data: store.Dataset) -> None:
    """One discreet line on every page: where the figures come from and how old they are."""
    now = store.now_utc()
    provenance = data.provenance
    if provenance.source == "snapshot":
        st.caption(
            "Viser offline øyeblikksbilde av publiserte SSB-tall. "
            "Arbeidsplasser finnes her bare for 2017; nye tall hentes med knappen på siden «Data og kilder»."
        )
    else:
        age = provenance.age(now)
        stale = " – eldre enn ett døgn" if data.is_stale(now) else ""
        st.caption(
            f"Tall fra SSB tabell {provenance.table}, hentet {fmt.timestamp(provenance.fetched_at)} "
            f"({fmt.age(age)} siden{stale}); SSB oppdatert {fmt.ssb_updated(provenance.updated)}."
        )
    state = _refresh_state()
    if state.running:
        st.caption("Henter nye tall fra SSB i bakgrunnen … de nye tallene vises når du laster siden på nytt.")
    elif state.last_error:
        reason = state.last_error if state.last_error == UNEXPECTED else fmt.escape_markdown(state.last_error)
        st.warning(f"Siste automatiske oppdatering fra SSB feilet: {reason} Tallene som vises er ikke endret.")
    done = st.session_state.pop(_REFRESH_DONE, None)
    if done:
        st.success(done)
    for notice in data.notices:
        st.warning(fmt.escape_markdown(notice))
    try:
        lacking = data.lacking(settings().selectable)
    except regions.SettingsError:
        lacking = []
    if lacking:
        names = ", ".join(fmt.escape_markdown(regions.municipality_name(c)) for c in lacking)
        st.warning(f"Tallene som vises mangler {names}, som står i regioninnstillingene. "
                   "Nye tall hentes fra SSB under «Data og kilder».")


# -- shared filters (drawn once in dashboard.py, read by every page) --------------------------------
MEASURE_OPTIONS = {"arbeidssted": "Arbeidsplasser", "bosted": "Sysselsatte bosatte"}  # labels are URL values


def sidebar_filters() -> views.Filters:
    """Municipalities, years, measure and smoothing in the sidebar, each bound to the URL."""
    region = region_settings()
    data = dataset()
    names = {code: regions.municipality_name(code) for code in region.selectable}
    years = sorted(set(data.frame.loc[data.frame["verdi"].notna(), "aar"]))
    first, last = (years[0], years[-1]) if years else (None, None)

    notices = []
    unknown = params.unknown_values(st.query_params.get_all("kommune"), names.values())
    if unknown:
        notices.append(params.notice("kommune", "ukjent kommune " + ", ".join(f"«{u}»" for u in unknown)))
    if first is not None:
        problem = params.invalid_year_range(st.query_params.get_all("aar"), first, last)
        if problem:
            notices.append(params.notice("aar", problem))
    unknown = params.unknown_values(st.query_params.get_all("maal"), MEASURE_OPTIONS.values())
    if unknown:
        notices.append(params.notice("maal", "ukjent tallgrunnlag " + ", ".join(f"«{u}»" for u in unknown)))

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
        for notice in notices:
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


def report_figures():
    """The final report's figures, or None for a region other than the report's own."""
    if not report.is_report_region(region_settings().name):
        return None
    return _report_figures()


@st.cache_data(show_spinner=False)
def _report_figures():
    return report.load_report_figures()


def source() -> str:
    return notes.source_line(dataset().provenance)


def csv_region(filters: views.Filters) -> str:
    return notes.region_definition(views.selection_name(filters.codes, region_settings()), filters.codes)


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


def jobs_goal_live_status() -> views.LiveStatus:
    """The jobs goal's status from the latest local SSB figures (for the goal matrix).

    Never stops the page: the goal matrix must show even when the employment data cannot load."""
    try:
        data = _load_local(_cache_key())
        region = settings()
    except (store.DataError, regions.SettingsError) as exc:
        return views.LiveStatus("ikke angitt", f"Tallene fra SSB kan ikke vises: {exc}", "")
    return build(views.jobs_goal_status, region, notes.source_line(data.provenance))


def share_link(page_path: str, municipality: str) -> None:
    """A link to send: this page for one municipality."""
    base = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
    st.caption("Lenke til denne visningen for kommunen:")
    st.code(f"{base}/{page_path}?{urlencode({'kommune': municipality})}", language=None)


PAGE_STYLE = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem;}
[data-testid="stMainBlockContainer"] h1 {font-size: 2.1rem; line-height: 1.25;}  /* a headline (a whole finding) in two lines */
[class*="st-key-chart-title-"] h3 {font-size: 1.3rem; line-height: 1.3; padding: 0.25rem 0 0;}
/* A phone: titles small enough that «Kongsvingerregionen» fits on a line instead of breaking mid-word. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {padding-top: 4.5rem;}  /* below the header, which covers the top */
  h1 {font-size: 1.75rem !important; overflow-wrap: normal !important; word-break: normal !important; hyphens: auto;}
  [class*="st-key-chart-title-"] h3 {font-size: 1.15rem;}
  /* Tables and the link to send fit the width and wrap instead of scrolling sideways. */
  [data-testid="stTable"] table {table-layout: fixed; width: 100%;}
  [data-testid="stCode"] pre, [data-testid="stCode"] code {white-space: pre-wrap !important; overflow-wrap: anywhere;}
  [data-testid="stTable"] :is(th, td) {padding: 0.3rem 0.25rem;}
  [data-testid="stTable"] :is(th, td), [data-testid="stTable"] :is(th, td) * {font-size: 0.8rem;
    overflow-wrap: anywhere !important; hyphens: auto; white-space: normal;}
}
/* The filter summary stands in for the sidebar when the sidebar is closed (always, on a phone). */
.stApp:has([data-testid="stSidebar"][data-collapsed="false"]) .st-key-filter-summary {display: none;}
.st-key-page-script {display: none;}
.st-key-page-nav {gap: 0.1rem;}
.st-key-page-nav [data-testid="stCaptionContainer"] {margin-top: 0.6rem;}
[data-testid="stTable"] :is(td, th) {white-space: normal; overflow-wrap: break-word;}
[data-testid="stCode"] code {white-space: pre-wrap !important; overflow-wrap: break-word;}
[data-testid="stSidebar"][data-collapsed="true"], [data-testid="stSidebar"][data-collapsed="true"] * {visibility: hidden !important;}
:focus-visible:not(input), div:not([data-testid="stMultiSelectTagsContainer"]):has(> input:focus-visible),
div:has(> [data-testid="stMultiSelectTagsContainer"] > input:focus-visible), [data-testid="stRadioOption"]:has(input:focus-visible),
[data-testid="stCheckbox"] label:has(input:focus-visible), [data-testid="stSlider"] [data-rac]:has(> div > input:focus-visible)
{outline: 3px solid #1f4e79 !important; outline-offset: 2px;}
.st-key-page-nav a:focus-visible {outline-offset: -3px;}
</style>"""
# - less empty space above the title, and a headline (a whole finding) in two lines at most,
#   so headline, metrics and the main chart show at 1280×720; a compact navigation;
# - tables and links wrap on a phone or at 200 % zoom instead of scrolling sideways;
# - a closed sidebar is out of the keyboard's way (Streamlit only slides it off screen);
# - keyboard focus always visible (WCAG 2.4.7): Streamlit's radio, toggle and slider hide their
#   real input, so the visible control around it gets the outline; links and the multiselect too.


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
SLIDE_CHART_MIN_VH = 55  # the slide chart's least share of the screen height (at 1280×720 and 1920×1080)
# The slide fills the screen: the page is one column the height of the screen, and the chart's
# container takes what the heading, message and source line leave (at least SLIDE_CHART_MIN_VH).
PRESENTATION_STYLE = f"""<style>
header[data-testid="stHeader"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"] {{display: none;}}
[data-testid="stMainBlockContainer"] {{padding: 0.8rem 1.5rem 0.4rem !important; max-width: 100%;
  height: 100vh; box-sizing: border-box; display: flex; flex-direction: column;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > * {{flex-shrink: 0;}}
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(> .stHtml) {{display: none;}}
h1 {{font-size: clamp(1.8rem, 3.4vh, 2.8rem) !important; padding: 0 !important;}}
.st-key-slide-message p {{font-size: clamp(2.6rem, 6vw, 5.5rem); font-weight: 700; line-height: 1.1; margin: 0.2em 0;}}
.st-key-slide-message-good p {{color: #2e7d32;}} .st-key-slide-message-bad p {{color: #b23a3a;}}
.st-key-slide-message-chart p {{font-size: clamp(1.9rem, 4.6vh, 3.4rem); font-weight: 700; line-height: 1.15; margin: 0;}}
.st-key-slide-detail p, .st-key-slide-items li {{font-size: clamp(1.2rem, 2.7vh, 2rem); line-height: 1.3; margin: 0;}}
[data-testid="stLayoutWrapper"]:has(> .st-key-slide) {{flex: 1 1 0; min-height: 0;}}
.st-key-slide > * {{flex-shrink: 0;}}
[data-testid="stLayoutWrapper"]:has(> .st-key-slide-chart) {{flex: 1 1 0; min-height: {SLIDE_CHART_MIN_VH}vh;}}
.st-key-slide-chart {{height: 100% !important; min-height: {SLIDE_CHART_MIN_VH}vh; overflow: visible !important;}}
.st-key-slide-source p {{font-size: clamp(0.95rem, 1.9vh, 1.4rem); color: #444 !important; margin: 0; line-height: 1.3;}}
.st-key-slide-items ul {{padding-left: 1.4em; margin: 0;}}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] {{padding-bottom: 0; margin-bottom: 0;}}
.st-key-slide-source [data-testid="stCaptionContainer"] {{padding: 0; margin: 0; opacity: 1;}}
</style>"""


def _versions(*paths) -> tuple[int, ...]:
    """Modification times: an edited data file is read again on the next rerun."""
    return tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)


@st.cache_resource(max_entries=8, show_spinner=False)
def _goal_matrix(versions: tuple[int, ...]):
    return goals.load_goals()


@st.cache_resource(max_entries=8, show_spinner=False)
def _portfolio(versions: tuple[int, ...]):
    return goals.load_portfolio()


def goal_matrix():
    """The goal matrix (raises GoalsDataError), read again whenever its files change."""
    return _goal_matrix(_versions(goals.GOALS_FILE, goals.VOCABULARY_FILE))


def portfolio():
    return _portfolio(_versions(goals.PROJECTS_FILE, goals.GOALS_FILE, goals.VOCABULARY_FILE))


@st.cache_resource(max_entries=8, show_spinner=False)
def _report_story(versions: tuple[int, ...]):
    return report.load_report_story()


def report_story():
    """The report's story (raises report.ReportStoryError), read again whenever its file changes."""
    return _report_story(_versions(report.REPORT_STORY_FILE))


def programme_data():
    """The goal matrix and the portfolio, or the problems that keep them from loading."""
    problems = []
    try:
        matrix = goal_matrix()
    except goals.GoalsDataError as exc:
        matrix = None
        problems.append(str(exc))
    try:
        portfolio_ = portfolio()
    except goals.GoalsDataError as exc:
        portfolio_ = None
        problems.append(str(exc))
    return matrix, portfolio_, tuple(problems)


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


def show_slide(slide: views.Slide, number: int, count: int) -> None:
    st.title(slide.heading, anchor=False)
    # Keyed containers get a CSS class (st-key-…) that PRESENTATION_STYLE enlarges.
    # A chart or a long list needs the room: its message is set smaller.
    kind = "chart" if slide.chart is not None or len(slide.items) > 4 else slide.tone
    with st.container(key="slide-message"):
        st.container(key=f"slide-message-{kind}").markdown(fmt.escape_markdown(slide.message))
    if slide.detail:
        st.container(key="slide-detail").markdown(fmt.escape_markdown(slide.detail))
    if slide.spec is not None:
        # Streamlit sizes charts only in pixels: the chart stretches to its container, whose height
        # PRESENTATION_STYLE sets as a share of the screen.
        # (the pixel height only makes it a fixed-height container, in which a chart can stretch; the
        # style replaces it).
        with st.container(key="slide-chart", height=400, border=False):
            st.vega_lite_chart(slide.spec, width="stretch", height="stretch")
    if slide.items:
        st.container(key="slide-items").markdown("\n".join(f"- {fmt.escape_markdown(item)}" for item in slide.items))
    # The source line is the app's own text (a credit and a date), not text from outside.
    st.container(key="slide-source").caption(f"{number} / {count}" + (f" · {slide.source}" if slide.source else ""))


# -- reporting periods (status history) ----------------------------------------------------------
@st.cache_resource(max_entries=8, show_spinner=False)
def _status_history(path: str, version: tuple[int, ...]) -> tuple[status_model.Entry, ...]:
    return status_store.read_history(Path(path))


def status_history() -> tuple[tuple[status_model.Entry, ...], str | None]:
    """Every recorded status, read again whenever the database file changes. When it cannot be
    read: no entries and why, so the pages show the final report's statuses (read-only)."""
    path = status_store.db_path()
    try:
        return _status_history(str(path), status_store.file_version(path)), None
    except status_store.StatusDbError as exc:
        return (), exc.page_text


def period_view(matrix, portfolio, where=st) -> status_model.PeriodView:
    """The period selector (in `where`; newest by default, bound to the URL as «periode») and the
    statuses of the chosen period. Raises goals.GoalsDataError when the report files clash."""
    history, problem = status_history()
    items = status_model.report_items(matrix, portfolio)
    baseline = status_model.baseline_entries(matrix, portfolio)
    newest = status_model.build_view(items, baseline, history)
    summaries = {p.label: p for p in newest.periods}
    unknown = params.unknown_values(st.query_params.get_all("periode"), summaries)
    # The option is the label itself: a bound widget puts what it shows in the URL (periode=2025 H2).
    chosen = where.selectbox("Periode", list(summaries), key="periode", bind="query-params",
                             help="Statusrapporteringen til regionrådet hvert halvår. Eldste periode er sluttrapporten.")
    if unknown:
        st.warning(params.notice("periode", "ukjent periode " + ", ".join(f"«{u}»" for u in unknown)))
    if problem:
        st.warning(f"Viser status fra sluttrapporten (2018), fordi {problem}. Ingenting kan lagres før dette er "
                   "rettet; gi beskjed til den som drifter dashbordet.")
    return newest if chosen == newest.period.label else status_model.build_view(items, baseline, history, chosen)


def scenario_projection(chosen: views.Filters, mode: str):
    """The toggle for the report's phase-1 projection on the trend page (off by default); the
    projection when it is on and applies (the whole region's jobs, Kongsvingerregionen's report)."""
    region = region_settings()
    if mode != "Nivå" or not report.is_report_region(region.name) \
            or not analysis.judges_target(chosen.codes, chosen.measure, region):
        return None
    try:
        projection = report_story().projection
    except report.ReportStoryError:
        return None
    label = (f"Vis anslaget fra fase 1 ({fmt.signed(projection.jobs)} arbeidsplasser på "
             f"{projection.years} år uten tiltak)")
    return projection if st.toggle(label, key="anslag", bind="query-params") else None


def scenario_note(projection: report.Projection) -> None:
    """Under the chart: the report's words, and that the line is our conversion of them."""
    st.caption(
        f"Lilla prikket linje: vår omregning av rapportens anslag, ca. {fmt.signed(projection.per_year)} "
        f"arbeidsplasser i året regnet fra 2015-nivået (rapporten oppgir ikke startår eller forløp). "
        f"Rapporten ({fmt.escape_markdown(projection.place)}): «{fmt.escape_markdown(projection.quote)}»")


def report_owner_notice() -> None:
    """On the programme pages: whose final report they show, when the configured region is another."""
    note = report.report_owner_note(region_settings().name)
    if note:
        st.info(fmt.escape_markdown(note), icon=":material/info:")


def programme_period(where=st):
    """programme_data() with the statuses of the period chosen in the selector (drawn in `where`):
    (matrix, portfolio, problems, caption saying which period and date are shown)."""
    report_owner_notice()
    matrix, portfolio_, problems = programme_data()
    try:
        view = period_view(matrix, portfolio_, where)
    except goals.GoalsDataError as exc:
        return matrix, portfolio_, (*problems, str(exc)), "Viser status fra sluttrapporten (2018)."
    return (*status_model.apply(view, matrix, portfolio_), problems, status_model.period_caption(view))


# -- status reporting: sign-in and the council slide ----------------------------------------------
def secrets() -> dict:
    """`.streamlit/secrets.toml` as a dict; empty when there is none or it cannot be read."""
    try:
        return st.secrets.to_dict()
    except StreamlitSecretNotFoundError:
        return {}


@st.cache_resource(show_spinner=False)
def password_throttle() -> editor_access.PasswordThrottle:
    """One per server process: a wrong password pauses the tries of every tab, not just this one."""
    return editor_access.PasswordThrottle()


def status_changes(matrix, portfolio, period: str | None = None) -> reporting.PeriodChanges:
    """Each item's status in `period` (None: the newest) against the previous period."""
    history, _ = status_history()
    return reporting.period_changes(status_model.report_items(matrix, portfolio),
                                    status_model.baseline_entries(matrix, portfolio), history, period)


def council_changes(period: str | None) -> tuple[views.Slide, ...]:
    """«Endringer siden forrige rapport» for the presentation's chosen period (none for 2018)."""
    matrix, portfolio_, _ = programme_data()  # the report's own statuses: the baseline to compare with
    return tuple(reporting.changes_slides(status_changes(matrix, portfolio_, period)))
