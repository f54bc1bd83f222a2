"""Målmatrise: the final report's goals, their criteria and status, filterable and linkable."""

import streamlit as st

from byr_data import fmt, params, ui
from byr_data import goals as g

ALL_GOALS = "__alle__"
ALL_GOALS_LABEL = "Alle mål"


def _badge(matrix: g.GoalMatrix, word: str) -> str:
    """The status as a coloured badge with its word (Markdown), so a criterion is one element."""
    status = matrix.status(word)
    if status is None:  # a word from outside the vocabulary
        return f":gray-badge[{fmt.escape_markdown(word)}]"
    return f":{status.color}-badge[{status.icon or ''} {status.word}]"


def _quotes(quotes) -> str:
    return " · ".join(f"«{fmt.escape_markdown(q)}»" for q in quotes)


def _draw_live_jobs(matrix: g.GoalMatrix) -> None:
    with st.container(border=True):
        st.markdown("**Siste tall fra SSB**")
        live = ui.jobs_goal_live_status()
        st.markdown(f"{_badge(matrix, live.word)} {fmt.escape_markdown(live.text)}")
        st.caption(fmt.escape_markdown(live.source))


def _draw_criterion(matrix: g.GoalMatrix, criterion: g.Criterion) -> None:
    st.markdown(f"{_badge(matrix, criterion.status)} **{fmt.escape_markdown(criterion.text)}**")
    lines = []
    if criterion.evidence:
        if criterion.assessed:
            lines.append(f":gray-badge[vurdert] Vår vurdering, bygger på rapportens ord: {_quotes(criterion.evidence)}")
        else:
            lines.append(f"Står i rapporten: {_quotes(criterion.evidence)}")
    if criterion.note:
        lines.append(f"Merknad: {fmt.escape_markdown(criterion.note)}")
    if lines:
        st.caption("  \n".join(lines))


def _draw_goal(matrix: g.GoalMatrix, number: int, goal: g.Goal) -> None:
    with st.container(border=True):
        st.subheader(f"{number}. {fmt.escape_markdown(goal.title)}", anchor=False)
        left, right = st.columns([3, 2], gap="large")
        with left:
            if goal.linked_metric == "jobs_target":
                st.markdown(f"##### Status fra sluttrapporten ({matrix.status_year})")
            else:
                st.markdown("##### Måles ved prosjektslutt")
            for criterion in goal.criteria:
                _draw_criterion(matrix, criterion)
        with right:
            if goal.linked_metric == "jobs_target":
                _draw_live_jobs(matrix)
            # One Markdown element for the report's text keeps this long page quick to rerun.
            parts = ["##### Kommentar i rapporten",
                     fmt.escape_markdown(goal.comment) if goal.comment else "*Rapporten har ingen kommentar til dette målet.*"]
            if goal.deliverables:
                parts.append("##### Leveranser i fase 2")
                if goal.deliverables_title and goal.deliverables_title != goal.title:
                    parts.append(f"*Målet heter i leveransetabellen: «{fmt.escape_markdown(goal.deliverables_title)}»*")
                parts.append("\n".join(f"- {fmt.escape_markdown(d)}" for d in goal.deliverables))
            st.markdown("\n\n".join(parts))


st.title("Målmatrise", anchor=False)

try:
    matrix = ui.goal_matrix()
except g.GoalsDataError as exc:
    st.error(f"Målmatrisen kan ikke vises: {fmt.escape_markdown(str(exc))}")
    st.stop()

st.caption(
    f"{fmt.escape_markdown(matrix.source)}. Status per {matrix.status_year}. "
    f"{fmt.escape_markdown(matrix.status_note)}"
)

# Counts over all criteria, independent of the filters below.
counts = g.status_counts(matrix.goals, matrix.vocabulary)
shown_words = [w for w in matrix.vocabulary if counts[w.word] > 0]
metric_columns = st.columns(len(shown_words) + 1)
for column, word in zip(metric_columns, shown_words):
    column.metric(
        f":{word.color}-badge[{word.icon or ''} {word.word}]",
        counts[word.word],
        help=word.meaning,
    )
metric_columns[-1].metric("Kriterier i alt", sum(counts.values()))

# A link may carry values that are no longer valid (renamed status, edited title): say so
# before the bound widgets silently drop them.
titles = {goal.id: goal.title for goal in matrix.goals}
notices = []
unknown = params.unknown_values(st.query_params.get_all("status"), matrix.status_words)
if unknown:
    notices.append(params.notice("status", "ukjent status " + ", ".join(f"«{v}»" for v in unknown)))
unknown = params.unknown_values(st.query_params.get_all("mal"), [ALL_GOALS_LABEL, *titles.values()])
if unknown:
    notices.append(params.notice("mal", "ukjent mål " + ", ".join(f"«{v}»" for v in unknown)))

col_status, col_search, col_goal = st.columns([2, 2, 3])
statuses = col_status.multiselect(
    "Status",
    options=matrix.status_words,
    key="status",
    bind="query-params",
    placeholder="Alle statuser",
)
search = col_search.text_input(
    "Søk",
    key="sok",
    bind="query-params",
    placeholder="Søk i målene",
)
goal_choice = col_goal.selectbox(
    "Vis ett mål",
    options=[ALL_GOALS, *titles],
    format_func=lambda goal_id: ALL_GOALS_LABEL if goal_id == ALL_GOALS else titles[goal_id],
    key="mal",
    bind="query-params",
)
for notice in notices:
    st.warning(notice)

shown = g.filter_criteria(
    matrix.goals,
    statuses=statuses,
    text=search or "",
    goal_id=None if goal_choice == ALL_GOALS else goal_choice,
)
n_shown = sum(len(goal.criteria) for goal in shown)
st.caption(
    f"Viser {n_shown} av {sum(counts.values())} kriterier i {len(shown)} av "
    f"{len(matrix.goals)} mål."
)
if not shown:
    st.info("Ingen kriterier passer filtrene. Fjern et filter for å se flere.")

numbers = {goal.id: number for number, goal in enumerate(matrix.goals, start=1)}
for goal in shown:
    _draw_goal(matrix, numbers[goal.id], goal)
