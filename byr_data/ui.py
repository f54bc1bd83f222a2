"""Streamlit glue: cached loaders, background refresh and the provenance banner.

The only module in byr_data that imports streamlit; everything it shows is computed elsewhere.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import streamlit as st

from byr_data import fmt, regions, ssb, store

AUTO_REFRESH_ENV = "BYR_AUTO_REFRESH"  # "0" turns the background refresh off (tests, offline kiosks)
RETRY_AFTER_FAILURE = timedelta(hours=1)


# -- loading -------------------------------------------------------------------------------------
def _cache_key() -> tuple[int, int] | None:
    """Changes whenever the cache file is replaced, so a finished refresh shows on the next rerun."""
    try:
        info = store.cache_file().stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


@st.cache_data(show_spinner=False)
def _load_local(cache_key: tuple[int, int] | None) -> store.Dataset:
    return store.load_local()


def dataset() -> store.Dataset:
    """The best local data, at once; starts a background refresh when it is old."""
    try:
        data = _load_local(_cache_key())
    except store.DataError as exc:
        st.error(f"Ingen data kan vises: {exc}")
        st.stop()
    _maybe_refresh_in_background(data)
    return data


@st.cache_data(show_spinner=False)
def settings() -> regions.RegionSettings:
    return regions.load_settings()


def region_settings() -> regions.RegionSettings:
    try:
        return settings()
    except regions.SettingsError as exc:
        st.error(f"Regioninnstillingene har en feil, og appen kan ikke vise tall før den er rettet. {exc}")
        st.stop()


# -- background refresh --------------------------------------------------------------------------
@dataclass
class RefreshState:
    """Process-wide state of the background refresh, shared by every session."""

    running: bool = False
    last_attempt: datetime | None = None
    last_error: str | None = None
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
    except (ssb.SsbError, store.DataError, store.RefreshBusy) as exc:
        state.last_error = str(exc)
    finally:
        state.running = False


def _maybe_refresh_in_background(data: store.Dataset) -> None:
    if not _auto_refresh_enabled() or not data.is_stale(store.now_utc()):
        return
    state = _refresh_state()
    with state.lock:
        now = store.now_utc()
        recently_tried = state.last_attempt and now - state.last_attempt < RETRY_AFTER_FAILURE
        if state.running or recently_tried:
            return
        state.running, state.last_attempt = True, now
    threading.Thread(target=_run_refresh, args=(state,), daemon=True, name="ssb-refresh").start()


def refresh_now() -> None:
    """The refresh button: fetch in this run with progress, and keep the old data on failure."""
    with st.status("Henter tall fra SSB …", expanded=True) as status:
        try:
            data = store.refresh(progress=st.write)
        except (ssb.SsbError, store.DataError, store.RefreshBusy) as exc:
            status.update(label="Oppdateringen feilet – de forrige tallene vises fortsatt.", state="error")
            st.error(str(exc))
            return
        status.update(label=f"Oppdatert: {fmt.integer(len(data.frame))} rader fra SSB.", state="complete")
    _load_local.clear()


# -- provenance ----------------------------------------------------------------------------------
def provenance_banner(data: store.Dataset) -> None:
    """One discreet line on every page: where the figures come from and how old they are."""
    now = store.now_utc()
    provenance = data.provenance
    if provenance.source == "snapshot":
        st.caption(
            "Viser offline øyeblikksbilde av publiserte SSB-tall. "
            "Arbeidsplasser (arbeidssted) finnes her bare for 2017 – oppdater fra SSB under «Data og kilder»."
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
        st.caption(f"Siste automatiske oppdatering feilet: {state.last_error}")
    for notice in data.notices:
        st.warning(notice)
