"""Streamlit glue for «Regionen i landet»: every municipality's figures (table 07984 from their own cache
file, else table 11618 2020–2022 from the snapshot), read once per file version and shared by every
session; their background refresh; the page's view and slide built once per data version.

Only the comparison page and the presentation import this module: the region pages never read the
country and never wait for it.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import replace
from datetime import datetime
from types import FunctionType

import streamlit as st

from byr_data import fmt, regions
from byr_data.compare import charts, pages as compare_pages
from byr_data.page_model import Filters
from byr_data.ssb import cache, country
from byr_data.ssb.client import SsbError
from byr_data.ui import load

LOG = logging.getLogger("byr_data")


def version() -> tuple[int, int, int]:
    """Changes when the country cache is replaced or the settings are edited."""
    try:
        info = country.cache_file(cache.cache_dir()).stat()
        stamp = info.st_mtime_ns, info.st_size
    except OSError:
        stamp = 0, 0
    return (*stamp, regions.settings_version())


@st.cache_resource(max_entries=2, show_spinner=False)
def _data(version: tuple[int, int, int]) -> country.CountryData:
    notice = ()
    try:
        return country.read_cache(cache.cache_dir())
    except FileNotFoundError:
        pass
    except country.CountryError as exc:
        notice = (str(exc),)
    offline = country.from_11618(cache.read_snapshot_11618())
    return replace(offline, notes=offline.notes + notice)


def data() -> country.CountryData:
    """The country's figures at once; starts a background fetch from SSB when they are missing or old."""
    try:
        shown = _data(version())
    except cache.DataError as exc:
        st.error(f"Tallene for landet kan ikke vises: {fmt.escape_markdown(str(exc))}")
        st.stop()
    _maybe_refresh(shown)
    return shown


@st.cache_resource(max_entries=64, show_spinner=False,
                   hash_funcs={FunctionType: lambda builder: f"{builder.__module__}.{builder.__qualname__}",
                               regions.RegionSettings: hash, Filters: hash})
def _built(builder, version, filters: Filters, region: regions.RegionSettings):
    return builder(_data(version), filters, region)


def build(builder, filters: Filters, region: regions.RegionSettings):
    """`builder(country data, filters, region)`, cached per data version (compare.pages.page or .slide)."""
    return _built(builder, version(), filters, region)


def replay_key(filters: Filters, region: regions.RegionSettings) -> tuple:
    """What the page's charts depend on, for ui.blocks to replay them on reruns instead of sending them anew."""
    return version(), hash(filters), hash(region)


# -- the background fetch ------------------------------------------------------------------------
class _State:
    def __init__(self) -> None:
        self.running = False
        self.failed: str | None = None
        self.tried_version: int | None = None
        self.last_attempt: datetime | None = None
        self.lock = threading.Lock()


@st.cache_resource
def _state() -> _State:
    return _State()


def _configured() -> list[str]:
    settings = load.settings()
    return list(dict.fromkeys([*settings.selectable, *(c for other in settings.compare for c in other.members)]))


def _run(state: _State, configured: list[str]) -> None:
    try:
        country.refresh(cache.cache_dir(), configured, charts.map_names())
        state.failed = None
    except (SsbError, country.CountryError, OSError) as exc:
        LOG.warning("Country refresh failed: %s", exc)
        state.failed = str(exc)
    except Exception:  # a bug must not pass silently in a thread nobody watches
        LOG.exception("Country refresh failed unexpectedly")
        state.failed = load.UNEXPECTED
    finally:
        state.running = False


def _maybe_refresh(shown: country.CountryData) -> None:
    if os.environ.get(load.AUTO_REFRESH_ENV, "1") == "0":
        return
    if not shown.offline and not country.is_stale(shown, cache.now_utc()):
        return
    state = _state()
    now = cache.now_utc()
    with state.lock:  # a failure is tried again after an hour, or at once when the settings change
        recently = (state.last_attempt is not None and now - state.last_attempt < load.RETRY_AFTER_FAILURE
                    and state.tried_version == regions.settings_version())
        if state.running or recently:
            return
        state.running, state.last_attempt, state.tried_version = True, now, regions.settings_version()
    try:
        configured = _configured()
    except regions.SettingsError:
        state.running = False
        return
    threading.Thread(target=_run, args=(state, configured), daemon=True, name="ssb-country-refresh").start()


def banner(shown: country.CountryData) -> None:
    """Where the country's figures come from, and what the background fetch is doing."""
    if shown.offline:
        st.caption("Viser SSB tabell 11618 (2020–2022) for alle kommuner fra det offline øyeblikksbildet.")
    else:
        st.caption(f"Tall for alle kommuner fra SSB tabell {shown.table}, hentet {fmt.timestamp(shown.fetched_at)}; "
                   f"SSB oppdatert {fmt.ssb_updated(shown.updated)}.")
    state = _state()
    if state.running:
        st.caption("Henter tallene for hele landet fra SSB i bakgrunnen … de vises når du laster siden på nytt.")
    elif state.failed and shown.offline:
        st.caption(f"Tallene for hele landet kunne ikke hentes fra SSB: {fmt.escape_markdown(state.failed)}")


def slide(filters: Filters, region: regions.RegionSettings):
    """«Regionen i landet» for the presentation, known to its cache by the country's data version."""
    key = (version(), filters, region)
    return compare_pages.CountrySlide(key, build(compare_pages.slide, filters, region))
