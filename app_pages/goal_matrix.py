"""Målmatrise: every goal on one screen, one goal's detail on request, and the report's story."""

import streamlit as st

from byr_data import export, fmt, params, report, store
from byr_data.ui import programme as ui_programme
from byr_data import programme_html as ph
from byr_data import programme_views as pv

st.title("Målmatrise", anchor=False)
period, caption = st.columns([1, 3], vertical_alignment="bottom")
matrix, portfolio, problems, shown = ui_programme.programme_period(period)
if matrix is None:
    st.error(f"Målmatrisen kan ikke vises: {fmt.escape_markdown(problems[0])}")
    st.stop()
caption.caption(shown)

live = ui_programme.jobs_goal_live_status()
overview = pv.overview(matrix, live)
st.markdown(f"**{fmt.escape_markdown(pv.headline(overview))}** {fmt.escape_markdown(pv.basis_sentence(overview))}")
st.html(ph.overview_html(overview, matrix))  # every outside string is HTML-escaped in overview_html

csv_column, print_column, _ = st.columns(3)
csv_column.download_button(
    "Last ned som CSV",
    lambda: export.csv_bytes(pv.overview_frame(matrix, live), *pv.csv_header(matrix, live)),
    file_name="malmatrise.csv", mime="text/csv", key="csv-malmatrise", on_click="ignore",
    icon=":material/download:", width="stretch")
print_column.download_button(
    "Utskriftsvennlig side",
    lambda: ph.print_html(matrix, live, fmt.date(store.now_utc())).encode("utf-8"),
    file_name="malmatrise-utskrift.html", mime="text/html", key="utskrift-malmatrise", on_click="ignore",
    icon=":material/print:", width="stretch", help="En side med oversikten og alle målene, klar til å skrives ut.")

labels = {goal.id: goal.short_label for goal in matrix.goals}
unknown = params.unknown_notice("mal", "mål", st.query_params.get_all("mal"), labels.values())
if unknown:
    st.warning(unknown)
for retired in ("status", "sok"):  # filters of an earlier version of this page: links may still carry them
    if retired in st.query_params:
        st.warning(params.notice(retired, "siden filtrerer ikke lenger på dette; oversikten viser alle målene"))
choice = st.selectbox("Vis detaljene for ett mål", options=list(labels), index=None, format_func=labels.get,
                      key="mal", bind="query-params", placeholder="Velg et mål")
if choice is None:
    st.caption("Detaljene viser hvert kriterium med rapportens egne ord, kommentaren og leveransene i fase 2.")
else:
    detail = pv.goal_detail(matrix, choice, live, portfolio)
    with st.container(border=True):
        st.subheader(detail.heading, anchor=False)
        st.caption(detail.title_line)
        left, right = st.columns([3, 2], gap="large")
        left.markdown(detail.criteria)
        with right:
            if detail.now:
                st.markdown(detail.now)
                if detail.now_source:
                    st.caption(detail.now_source)
            st.markdown(detail.report_text)

st.subheader("Bakgrunn og resultater, med rapportens ord", anchor=False)
try:
    story = ui_programme.report_story()
except report.ReportStoryError as exc:
    st.warning(f"Rapportens tekst kan ikke vises: {fmt.escape_markdown(str(exc))}")
else:
    why, results = st.columns(2, gap="large")
    why.markdown(pv.why_markdown(story))
    results.markdown(pv.results_markdown(story))
