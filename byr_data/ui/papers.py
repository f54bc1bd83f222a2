"""Streamlit glue for the council papers (byr_data/papers): the download buttons. Each document is
built only when its button is clicked (a callable passed to st.download_button), from the view models
the page already has; the building itself is pure and tested. Should a build fail, Streamlit logs it
and the button reports that the file could not be made (no traceback)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from byr_data import regions
from byr_data.jobs import notes, pages as job_pages
from byr_data.page_model import Filters, PageView, Slide
from byr_data.papers import deck, pptx_deck, status_report
from byr_data.ssb import cache
from byr_data.status import reporting
from byr_data.ui import load, programme

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def slug(text: str) -> str:
    """«2026 H2» -> «2026-h2», «sluttrapporten (2018)» -> «sluttrapporten-2018» (for file names)."""
    kept = "".join(char if char.isalnum() else " " for char in text.lower())
    return "-".join(kept.split())


def job_views(region: regions.RegionSettings) -> tuple[tuple[PageView, ...], tuple[str, ...]]:
    """The region's job figures as Oversikt and Måloppnåelse show them, or why they cannot be shown."""
    try:
        data = load.local_data(load.data_version())
    except cache.DataError as exc:
        return (), (f"Tallene fra SSB: {exc}",)
    chosen = Filters(codes=tuple(region.members))
    source = notes.source_line(data.provenance)
    report = load.report_figures()  # None for a region other than the report's own
    return (load.build(job_pages.overview, chosen, region, source, report),
            load.build(job_pages.attainment, chosen, region, source)), ()


def status_paper(period: str | None) -> status_report.StatusPaper | None:
    """Everything the status report of `period` shows (None when the programme's files cannot load)."""
    matrix, portfolio, problems = programme.programme_data()
    if matrix is None:
        return None
    try:
        region = load.settings()
    except regions.SettingsError as exc:
        region, views, more = None, (), (f"Regioninnstillingene: {exc}",)
    else:
        views, more = job_views(region)
    history, db_problem = programme.status_history()
    problems = (*problems, *more, *((f"Statusdatabasen: {db_problem}",) if db_problem else ()))
    return status_report.paper_for(region.name if region else "Byregionen", matrix, portfolio, history, period,
                                   programme.jobs_goal_live_status(), views, cache.now_utc(), problems)


def status_report_download(period: str | None, where=st, width: str = "stretch") -> None:
    """«Last ned statusrapporten (PDF)» for the chosen period (None: the newest); the paper is gathered and
    typeset only when the button is clicked, so a rerun costs only the button."""
    matrix, portfolio, _ = programme.programme_data()
    if matrix is None:
        return
    label = period or programme.status_changes(matrix, portfolio).period

    def document() -> bytes:
        paper = status_paper(label)
        if paper is None:  # the programme's files went bad since the page was drawn
            raise RuntimeError("the programme's files cannot be read")
        return status_report.pdf(paper)

    where.download_button(
        "Last ned statusrapporten (PDF)", document,
        file_name=f"statusrapport-{slug(reporting.period_name(label))}-{date.today():%Y-%m-%d}.pdf",
        mime=PDF, key="pdf-statusrapport", on_click="ignore", icon=":material/picture_as_pdf:",
        width=width, help="Statusrapport til regionrådet for perioden: måloversikt, hvert mål med kriterier, "
        "status og kilder, prosjektene og arbeidsplasstallene med diagrammer.")


def presentation_downloads(sequence: list[Slide], pdf_column=st, pptx_column=st) -> None:
    """«Last ned presentasjonen (PDF)» and «… (PowerPoint)»: the slides shown, one page or slide a view
    (each button in its own column: quiet, at the side, the slide has the screen)."""
    try:
        name = load.settings().name
    except regions.SettingsError:
        name = "Byregionen"
    stem = f"presentasjon-{slug(name)}-{date.today():%Y-%m-%d}"
    pdf_column.download_button(
        "Last ned presentasjonen (PDF)", lambda: deck.pdf(sequence, name, cache.now_utc()),
        file_name=f"{stem}.pdf", mime=PDF, key="pdf-presentasjon", on_click="ignore",
        icon=":material/picture_as_pdf:", width="stretch")
    pptx_column.download_button(
        "Last ned presentasjonen (PowerPoint)", lambda: pptx_deck.pptx(sequence, name),
        file_name=f"{stem}.pptx", mime=PPTX, key="pptx-presentasjon", on_click="ignore",
        icon=":material/slideshow:", width="stretch")
