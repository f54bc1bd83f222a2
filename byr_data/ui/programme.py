"""Streamlit glue for the programme pages: the goal matrix and projects from the final report
(read again when their files change), the status history and the chosen period's statuses, the jobs
goal's live status, the goal detail's «mal» parameter, and the council's changes slide."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from byr_data import final_report, fmt, params, regions
from byr_data.jobs import goal_status, notes
from byr_data.page_model import LiveStatus, Slide
from byr_data.programme import goal_files, goals
from byr_data.ssb import cache
from byr_data.status import model as status_model, period_view as pv, reporting, store as status_store
from byr_data.ui import periods
from byr_data.ui.load import build, data_version, file_versions, local_data, region_settings, settings


# -- the programme's files, read again when they change ------------------------------------------
@st.cache_resource(max_entries=8, show_spinner=False)
def _goal_matrix(versions: tuple[int, ...]):
    return goal_files.load_goals()


@st.cache_resource(max_entries=8, show_spinner=False)
def _portfolio(versions: tuple[int, ...]):
    return goal_files.load_portfolio()


def goal_matrix():
    """The goal matrix (raises GoalsDataError), read again whenever its files change."""
    return _goal_matrix(file_versions(goal_files.GOALS_FILE, goal_files.VOCABULARY_FILE))


def portfolio():
    return _portfolio(file_versions(goal_files.PROJECTS_FILE, goal_files.GOALS_FILE, goal_files.VOCABULARY_FILE))


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


def jobs_goal_live_status() -> LiveStatus:
    """The jobs goal's status from the latest local SSB figures (for the goal matrix).

    Never stops the page: the goal matrix must show even when the employment data cannot load."""
    try:
        data = local_data(data_version())
        region = settings()
    except (cache.DataError, regions.SettingsError) as exc:
        return LiveStatus("ikke angitt", f"Tallene fra SSB kan ikke vises: {exc}", "")
    return build(goal_status.jobs_goal_status, region, notes.source_line(data.provenance))


def report_owner_notice() -> None:
    """On the programme pages: whose final report they show, when the configured region is another."""
    note = final_report.report_owner_note(region_settings().name)
    if note:
        st.info(fmt.escape_markdown(note), icon=":material/info:")


def goal_choice(labels: dict[str, str]) -> str | None:
    """The goal whose details are shown (goal id, or None), bound to the URL as «mal»; the one owner of
    «mal» and of the retired filters «status» and «sok» that old links may still carry."""
    unknown = params.unknown_notice("mal", "mål", st.query_params.get_all("mal"), labels.values())
    if unknown:
        st.warning(unknown)
    for retired in ("status", "sok"):  # filters of an earlier version of Målmatrise
        if retired in st.query_params:
            st.warning(params.notice(retired, "siden filtrerer ikke lenger på dette; oversikten viser alle målene"))
    return st.selectbox("Vis detaljene for ett mål", options=list(labels), index=None, format_func=labels.get,
                        key="mal", bind="query-params", placeholder="Velg et mål")


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


def db_problem_notice(problem: str | None) -> None:
    """Why only the final report's statuses are shown, when the status database cannot be read."""
    if problem:
        st.warning(f"Viser status fra sluttrapporten (2018), fordi {problem}. Ingenting kan lagres før dette er "
                   "rettet; gi beskjed til den som drifter dashbordet.")


def period_view(matrix, portfolio, where=st) -> pv.PeriodView:
    """The period selector (in `where`; newest by default) and the statuses of the chosen period.
    Raises goals.GoalsDataError when the report files clash."""
    history, problem = status_history()
    items = status_model.report_items(matrix, portfolio)
    baseline = status_model.baseline_entries(matrix, portfolio)
    newest = pv.build_view(items, baseline, history)
    chosen = periods.select([p.label for p in newest.periods], where)
    db_problem_notice(problem)
    return newest if chosen == newest.period.label else pv.build_view(items, baseline, history, chosen)


@dataclass(frozen=True)
class ProgrammePeriod:
    """The programme's data with the statuses of the chosen reporting period."""

    matrix: goals.GoalMatrix | None
    portfolio: goals.Portfolio | None
    problems: tuple[str, ...]  # what kept the files, or the period's statuses, from loading
    caption: str  # which period and date are shown
    period: str | None  # the chosen period's label (None when the report files clash)


def programme_period(where=st) -> ProgrammePeriod:
    """programme_data() with the statuses of the period chosen in the selector (drawn in `where`)."""
    report_owner_notice()
    matrix, portfolio_, problems = programme_data()
    try:
        view = period_view(matrix, portfolio_, where)
    except goals.GoalsDataError as exc:
        return ProgrammePeriod(matrix, portfolio_, (*problems, str(exc)), "Viser status fra sluttrapporten (2018).",
                               None)
    matrix, portfolio_ = pv.apply(view, matrix, portfolio_)
    return ProgrammePeriod(matrix, portfolio_, problems, pv.period_caption(view), view.period.label)


def status_changes(matrix, portfolio, period: str | None = None) -> reporting.PeriodChanges:
    """Each item's status in `period` (None: the newest) against the previous period."""
    history, _ = status_history()
    return reporting.period_changes(status_model.report_items(matrix, portfolio),
                                    status_model.baseline_entries(matrix, portfolio), history, period)


def council_changes(period: str | None) -> tuple[Slide, ...]:
    """«Endringer siden forrige rapport» for the presentation's chosen period (none for 2018)."""
    matrix, portfolio_, _ = programme_data()  # the report's own statuses: the baseline to compare with
    return tuple(reporting.changes_slides(status_changes(matrix, portfolio_, period)))
