"""The shared filters (municipalities, years, measure, smoothing): drawn once in the sidebar by
dashboard.py, bound to the URL, read by every job page; the one owner of «kommune», «aar», «maal»
and «snitt», and of the link that sends a municipality's view."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from byr_data import fmt, page_model, params, regions
from byr_data.page_model import MEASURE_TITLES, Filters
from byr_data.ui.load import dataset, region_settings

FILTERS = "_filters"  # session state: the filters drawn for this run


def sidebar() -> Filters:
    """Municipalities, years, measure and smoothing in the sidebar, each bound to the URL."""
    region = region_settings()
    data = dataset()
    names = {code: regions.municipality_name(code) for code in region.selectable}
    years = sorted(set(data.frame.loc[data.frame["verdi"].notna(), "aar"]))
    first, last = (years[0], years[-1]) if years else (None, None)

    years_problem = params.invalid_year_range(st.query_params.get_all("aar"), first, last) if years else None
    notices = [params.unknown_notice("kommune", "kommune", st.query_params.get_all("kommune"), names.values()),
               params.notice("aar", years_problem) if years_problem else None,
               params.unknown_notice("maal", "tallgrunnlag", st.query_params.get_all("maal"), MEASURE_TITLES.values())]

    with st.sidebar:
        st.header("Utvalg")
        codes = st.multiselect("Kommuner", list(names), default=list(region.members), format_func=names.get,
                               key="kommune", bind="query-params")
        # The URL key stays «maal» and the values stay the labels, so old links keep working.
        measure = st.radio("Tallgrunnlag", list(MEASURE_TITLES), format_func=MEASURE_TITLES.get, key="maal",
                           bind="query-params", help="Arbeidsplasser: de som jobber i kommunene, uansett hvor de "
                           "bor – målet om +100 i året gjelder dem. Sysselsatte bosatte: de som bor i kommunene "
                           "og er i arbeid, uansett hvor de jobber.")
        span = None
        if first is not None and first < last:
            chosen = st.slider("År", first, last, (first, last), key="aar", bind="query-params")
            measured = data.frame.loc[data.frame["verdi"].notna() & (data.frame["maal"] == measure), "aar"]
            span = page_model.years_of_measure((min(chosen), max(chosen)), sorted(set(measured)))
        rolling = st.toggle("3-års glidende snitt", key="snitt", bind="query-params",
                            help="Jevner ut store svingninger i små kommuner. Beregnes aldri over bruddet 2014/15.")
        for notice in filter(None, notices):
            st.warning(notice)
    if not codes:
        st.warning("Ingen kommuner er valgt – viser hele regionen.")
        codes = list(region.members)
    chosen = Filters(codes=tuple(codes), measure=measure, years=span, rolling=rolling)
    st.session_state[FILTERS] = chosen
    return chosen


def current() -> Filters:
    """The filters dashboard.py drew for this run (the region's defaults on pages without them)."""
    region = region_settings()
    return st.session_state.get(FILTERS) or Filters(codes=region.members)


def summary_text(chosen: Filters, region: regions.RegionSettings) -> str:
    """«Utvalg: Kongsvingerregionen · 2015–2025 · Arbeidsplasser · 3-års glidende snitt» (pure)."""
    years = f"{chosen.years[0]}–{chosen.years[1]}" if chosen.years else "alle år"
    parts = [regions.selection_name(chosen.codes, region), years, MEASURE_TITLES[chosen.measure]]
    if chosen.rolling:
        parts.append("3-års glidende snitt")
    return "Utvalg: " + " · ".join(parts)


def summary(chosen: Filters) -> None:
    """One line naming the active filters, above the page: on a phone the sidebar is hidden."""
    text = summary_text(chosen, region_settings())
    st.container(key="filter-summary").caption(fmt.escape_markdown(text))


def share_link(page_path: str, municipality: str) -> None:
    """A link to send: this page for one municipality."""
    base = st.context.url.split("?")[0].rsplit("/", 1)[0] if st.context.url else ""
    st.caption("Lenke til denne visningen for kommunen:")
    st.code(f"{base}/{page_path}?{urlencode({'kommune': municipality})}", language=None)
