"""Streamlit glue for the data: cached loaders, region settings, view builders cached per data
version, the background and button refresh, and the provenance line every job page shows."""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import FunctionType

import pandas as pd
import streamlit as st

from byr_data import final_report, fmt, regions
from byr_data.jobs import notes, selection
from byr_data.page_model import Filters
from byr_data.programme import goals
from byr_data.ssb import cache, table_11618

LOG = logging.getLogger("byr_data")
AUTO_REFRESH_ENV = "BYR_AUTO_REFRESH"  # "0" turns the background refresh off (tests, offline kiosks)
RETRY_AFTER_FAILURE = timedelta(hours=1)


# -- loading -------------------------------------------------------------------------------------
def data_version() -> tuple[int, int, int]:
    """Changes whenever the cache file is replaced (a finished refresh shows on the next rerun) or the
    region settings are edited (the cache may then lack a municipality)."""
    try:
        info = cache.cache_file().stat()
        stamp = info.st_mtime_ns, info.st_size
    except OSError:
        stamp = 0, 0
    return (*stamp, regions.settings_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def local_data(version: tuple[int, int, int]) -> cache.Dataset:
    """The shown data of `version` (data_version()): shared, not copied, on every rerun; nothing
    downstream changes a frame in place."""
    return cache.load_local()


# The arguments are mostly frozen dataclasses: Python's own hash of their content takes a fraction of a
# millisecond, where Streamlit's generic hashing of the goal matrix and portfolio cost about 10 ms a rerun.
@st.cache_resource(max_entries=256, show_spinner=False,
                   hash_funcs={FunctionType: lambda builder: f"{builder.__module__}.{builder.__qualname__}"}
                   | {cls: hash for cls in (goals.GoalMatrix, goals.Portfolio, final_report.ReportFigures,
                                            regions.RegionSettings, Filters)}
                   | {"byr_data.compare.pages.CountrySlide": hash})  # by name: region pages never import compare
def _built(builder, version, args: tuple):
    """A view built once per data version and arguments, shared by reruns and sessions (read-only)."""
    return builder(local_data(version).frame, *args)


def build(builder, *args):
    """Call a pure view builder on the shown data, cached: `build(job_pages.trend, filters, region,
    source, report, mode)` calls `job_pages.trend(frame, filters, region, source, report, mode)`."""
    return _built(builder, data_version(), args)


@st.cache_resource(max_entries=8, show_spinner=False)
def _offline(version, measure: str) -> bool:
    return selection.is_offline(local_data(version).frame, Filters(codes=(), measure=measure))


def is_offline(measure: str) -> bool:
    """`jobs.selection.is_offline` for the shown data, worked out once per data version and measure."""
    return _offline(data_version(), measure)


@st.cache_resource(max_entries=4, show_spinner=False)
def _cache_status(version, expected: tuple[str, ...]) -> cache.CacheStatus:
    return cache.cache_status(expected)


def cache_status() -> cache.CacheStatus:
    """The cache file's state, read once per file version and settings (not on every rerun)."""
    return _cache_status(data_version(), tuple(region_settings().selectable))


def dataset() -> cache.Dataset:
    """The best local data, at once; starts a background refresh when it is old."""
    try:
        data = local_data(data_version())
    except cache.DataError as exc:
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
        cache.refresh()
        state.last_error = None
    except cache.REFRESH_ERRORS as exc:
        LOG.warning("Background refresh failed: %s", exc)
        state.last_error = str(exc)
    except Exception:  # a bug must not pass silently in a thread nobody watches
        LOG.exception("Background refresh failed unexpectedly")
        state.last_error = UNEXPECTED
    finally:
        state.running = False


def _maybe_refresh_in_background(data: cache.Dataset) -> None:
    if not _auto_refresh_enabled() or not data.is_stale(cache.now_utc()):
        return
    state = _refresh_state()
    version = regions.settings_version()
    with state.lock:
        now = cache.now_utc()
        recently_tried = (state.last_attempt and now - state.last_attempt < RETRY_AFTER_FAILURE
                          and state.settings_version == version)
        if state.running or recently_tried:
            return
        state.running, state.last_attempt, state.settings_version = True, now, version
    threading.Thread(target=_run_refresh, args=(state,), daemon=True, name="ssb-refresh").start()


_REFRESH_DONE = "_byr_refresh_done"  # session state: the refresh button's success, shown after the rerun
_REFRESH_NOTICES = "_byr_refresh_notices"  # what went wrong beside the success, shown with it


UNEXPECTED = "Noe uventet gikk galt under oppdateringen. Feilen er skrevet i loggen."


def refresh_failure_headline(exc: BaseException, shown: cache.Dataset) -> str:
    """What the refresh button says in one line after a failure, and what is shown instead."""
    if isinstance(exc, cache.RefreshBusy):
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
            data = cache.refresh(progress=lambda message: st.write(message))
        except cache.REFRESH_ERRORS as exc:
            problem = exc
        except Exception as exc:
            LOG.exception("Refresh from the button failed unexpectedly")
            problem = exc
        if problem is not None:
            status.update(label="Oppdateringen feilet", state="error", expanded=False)
    if problem is not None:
        # Visible, not inside the collapsed box: what happened, what is shown now, and SSB's reason.
        expected = isinstance(problem, cache.REFRESH_ERRORS)
        st.error(f"**{refresh_failure_headline(problem, local_data(data_version()))}**  \n"
                 + (fmt.escape_markdown(str(problem)) if expected else UNEXPECTED))
        return
    local_data.clear()
    # Rerun so the whole page shows the new figures, not the ones read before the button was pressed;
    # the banner repeats the success once.
    message = f"Oppdatert: {fmt.integer(len(data.frame))} rader fra SSB. Tallene som vises er de nye."
    st.session_state[_REFRESH_DONE] = message
    st.session_state[_REFRESH_NOTICES] = data.notices  # e.g. the commuting table 03321 kept its previous figures
    st.rerun()


# -- provenance ----------------------------------------------------------------------------------
def provenance_banner(data: cache.Dataset) -> None:
    """One discreet line on every page: where the figures come from and how old they are."""
    now = cache.now_utc()
    provenance = data.provenance
    if provenance.source == "snapshot":
        st.caption(
            f"Viser offline øyeblikksbilde av publiserte SSB-tall: {notes.snapshot_summary(data.frame)}. "
            "Nye tall hentes med knappen på siden «Data og kilder»."
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
    for notice in st.session_state.pop(_REFRESH_NOTICES, ()):
        st.warning(fmt.escape_markdown(notice))
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


# -- the shown data's report, credit and region definition ---------------------------------------
def report_figures():
    """The final report's figures, or None for a region other than the report's own."""
    if not final_report.is_report_region(region_settings().name):
        return None
    return _report_figures()


@st.cache_data(show_spinner=False)
def _report_figures():
    return final_report.load_report_figures()


def file_versions(*paths) -> tuple[int, ...]:
    """Modification times: an edited data file is read again on the next rerun."""
    return tuple(path.stat().st_mtime_ns if path.exists() else 0 for path in paths)


@st.cache_resource(max_entries=8, show_spinner=False)
def _report_story(versions: tuple[int, ...]):
    return final_report.load_report_story()


def report_story():
    """The report's story (raises final_report.ReportStoryError), read again whenever its file changes."""
    return _report_story(file_versions(final_report.REPORT_STORY_FILE))


@st.cache_resource(max_entries=4, show_spinner=False)
def _table_differences(version, members: tuple[str, ...]):
    """Table 07984 (the shown data) against the snapshot's 11618 for the region, or None when it cannot be read."""
    try:
        country = cache.read_snapshot_11618()
    except cache.DataError:
        return None
    names = {code: regions.municipality_name(code) for code in members}
    other = pd.concat([table_11618.region_rows(country, members, names, measure) for measure in ("arbeidssted", "bosted")])
    return notes.table_differences(local_data(version).frame, other, members)


def table_differences():
    """«Data og kilder»: how far 07984 and 11618 differ for the region in the years both have (cached)."""
    return _table_differences(data_version(), tuple(region_settings().members))


def source() -> str:
    return notes.source_line(dataset().provenance)


def csv_region(filters: Filters) -> str:
    return notes.region_definition(regions.selection_name(filters.codes, region_settings()), filters.codes)
