"""Streamlit glue for the programme pages: the goal matrix and projects from the final report, the
status history and its periods, the report's projection on the trend page, and status reporting's
sign-in and council slide."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from byr_data import analysis, editor_access, fmt, goals, notes, params, regions, report, reporting, status_model, status_store, store, views
from byr_data.ui.load import _cache_key, _load_local, build, region_settings, settings


# -- the programme's files, read again when they change ------------------------------------------
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


def jobs_goal_live_status() -> views.LiveStatus:
    """The jobs goal's status from the latest local SSB figures (for the goal matrix).

    Never stops the page: the goal matrix must show even when the employment data cannot load."""
    try:
        data = _load_local(_cache_key())
        region = settings()
    except (store.DataError, regions.SettingsError) as exc:
        return views.LiveStatus("ikke angitt", f"Tallene fra SSB kan ikke vises: {exc}", "")
    return build(views.jobs_goal_status, region, notes.source_line(data.provenance))


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
    unknown = params.unknown_notice("periode", "periode", st.query_params.get_all("periode"), summaries)
    # The option is the label itself: a bound widget puts what it shows in the URL (periode=2025 H2).
    chosen = where.selectbox("Periode", list(summaries), key="periode", bind="query-params",
                             help="Statusrapporteringen til regionrådet hvert halvår. Eldste periode er sluttrapporten.")
    if unknown:
        st.warning(unknown)
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
