"""Streamlit glue for the commuting table 03321: its data (cache, else the snapshot) loaded once per file
version and shared, its builders cached like `ui.load.build`, and its provenance line."""

from __future__ import annotations

from types import FunctionType

import streamlit as st

from byr_data import fmt, regions
from byr_data.commuting import pages as commuting_pages
from byr_data.page_model import Filters
from byr_data.ssb import cache, commuting_store


def data_version() -> tuple[int, int, int]:
    """Changes whenever the 03321 cache file is replaced or the region settings are edited."""
    try:
        info = commuting_store.cache_file(cache.cache_dir()).stat()
        stamp = info.st_mtime_ns, info.st_size
    except OSError:
        stamp = 0, 0
    return (*stamp, regions.settings_version())


@st.cache_resource(max_entries=4, show_spinner=False)
def _local(version) -> commuting_store.CommutingData:
    return commuting_store.load_local(cache.cache_dir(), cache.configured_codes())


def data() -> commuting_store.CommutingData:
    """The best local 03321 data, at once (never the network); stops the page with a Norwegian message
    when not even the snapshot can be read."""
    try:
        return _local(data_version())
    except cache.DataError as exc:
        st.error(f"Pendlingstallene kan ikke vises: {fmt.escape_markdown(str(exc))}")
        st.stop()


@st.cache_resource(max_entries=64, show_spinner=False,
                   hash_funcs={FunctionType: lambda builder: f"{builder.__module__}.{builder.__qualname__}",
                               regions.RegionSettings: hash, Filters: hash})
def _built(builder, version, args: tuple):
    return builder(_local(version).flows, *args)


def build(builder, *args):
    """`build(commuting_pages.page, filters, region, source)` calls the builder on the shown flows, cached.
    Call `data()` first on the page: it stops the page with a Norwegian message when nothing can be read."""
    return _built(builder, data_version(), args)


def replay_key(filters: Filters, region: regions.RegionSettings) -> tuple:
    """What the page's charts depend on, for ui.blocks to replay them on reruns instead of sending them anew."""
    return data_version(), hash(filters), hash(region)


def source(shown: commuting_store.CommutingData | None = None) -> str:
    return commuting_pages.source_line((shown or data()).provenance)


def provenance_line(shown: commuting_store.CommutingData) -> None:
    """Where the commuting figures come from, and what went wrong on the way."""
    provenance = shown.provenance
    if provenance.source == "snapshot":
        st.caption("Viser offline øyeblikksbilde av SSB-tabell 03321 (pendling 2017–2022). Nye tall hentes sammen med "
                   "sysselsettingstallene på siden «Data og kilder».")
    else:
        st.caption(f"Pendlingstall fra SSB tabell 03321, hentet {fmt.timestamp(provenance.fetched_at)}; "
                   f"SSB oppdatert {fmt.ssb_updated(provenance.updated)}.")
    for notice in shown.notices:
        st.warning(fmt.escape_markdown(notice))


class Prebuilt:
    """Slides built here, handed to another cached builder (`load.build(presentation.presentation, …)`): hashed
    by what they were built from (the data version and arguments), not chart by chart on every rerun."""

    def __init__(self, slides, key):
        self.slides, self.key = tuple(slides), key

    def __iter__(self):
        return iter(self.slides)

    def __reduce__(self):  # what Streamlit's cache hashes for an object it does not know
        return (Prebuilt, ((), self.key))


def slides(filters: Filters, region: regions.RegionSettings) -> Prebuilt:
    """«Ett arbeidsmarked?» for the presentation (commuting.pages.slides), cached."""
    source_line = source()
    return Prebuilt(build(commuting_pages.slides, filters, region, source_line),
                    (data_version(), filters, region, source_line))
