"""Trendbrudd's own controls: the view («visning») and the report's phase-1 projection («anslag»),
each the one owner of its URL parameter."""

from __future__ import annotations

import streamlit as st

from byr_data import analysis, final_report, fmt, params
from byr_data.jobs import pages as job_pages
from byr_data.page_model import Filters
from byr_data.ui.load import region_settings, report_story

DEFAULT_VIEW = job_pages.TREND_VIEWS[0]


def view_mode(offline: bool) -> str:
    """The chosen view (Nivå, Indeks, Årlig endring), bound to the URL as «visning». Offline there is
    one way to show each series: the control is not drawn, and a link asking for another view gets a notice."""
    notice = params.view_notice(st.query_params.get_all("visning"), job_pages.TREND_VIEWS, offline)
    if notice:
        st.warning(notice)
    if offline:
        return DEFAULT_VIEW
    return st.segmented_control("Vis som", list(job_pages.TREND_VIEWS), default=DEFAULT_VIEW, key="visning",
                                bind="query-params") or DEFAULT_VIEW


def scenario_projection(chosen: Filters, mode: str):
    """The toggle for the report's phase-1 projection on the trend page (off by default, «anslag» in
    the URL); the projection when it is on and applies (the whole region's jobs, Kongsvingerregionen's report)."""
    region = region_settings()
    if mode != DEFAULT_VIEW or not final_report.is_report_region(region.name) \
            or not analysis.judges_target(chosen.codes, chosen.measure, region):
        return None
    try:
        projection = report_story().projection
    except final_report.ReportStoryError:
        return None
    label = (f"Vis anslaget fra fase 1 ({fmt.signed(projection.jobs)} arbeidsplasser på "
             f"{projection.years} år uten radikale tiltak)")
    return projection if st.toggle(label, key="anslag", bind="query-params") else None


def scenario_note(projection: final_report.Projection) -> None:
    """Under the chart: the report's words, and that the line is our conversion of them."""
    st.caption(
        f"Lilla prikket linje: vår omregning av rapportens anslag, ca. {fmt.signed(projection.per_year)} "
        f"arbeidsplasser i året regnet fra 2015-nivået (rapporten oppgir ikke startår eller forløp). "
        f"Rapporten ({fmt.escape_markdown(projection.place)}): «{fmt.escape_markdown(projection.quote)}»")
