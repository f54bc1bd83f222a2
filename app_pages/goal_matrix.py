"""Målmatrise: every goal on one screen, one goal's detail on request, and the report's story."""

import streamlit as st

from byr_data import export, final_report, fmt
from byr_data.programme import html as programme_html, pages as programme_pages, story as programme_story
from byr_data.ssb import cache
from byr_data.ui import load, papers, programme

st.title("Målmatrise", anchor=False)
period, caption = st.columns([1, 3], vertical_alignment="bottom")
shown = programme.programme_period(period)
matrix, portfolio = shown.matrix, shown.portfolio
if matrix is None:
    st.error(f"Målmatrisen kan ikke vises: {fmt.escape_markdown(shown.problems[0])}")
    st.stop()
caption.caption(shown.caption)

live = programme.jobs_goal_live_status()
overview = programme_pages.overview(matrix, live)
st.markdown(f"**{fmt.escape_markdown(programme_pages.headline(overview))}** {fmt.escape_markdown(programme_pages.basis_sentence(overview))}")
st.html(programme_html.overview_html(overview, matrix))  # every outside string is HTML-escaped in overview_html

csv_column, print_column, pdf_column = st.columns(3)
csv_column.download_button(
    "Last ned som CSV",
    lambda: export.csv_bytes(programme_pages.overview_frame(matrix, live), *programme_pages.csv_header(matrix, live)),
    file_name="malmatrise.csv", mime="text/csv", key="csv-malmatrise", on_click="ignore",
    icon=":material/download:", width="stretch")
print_column.download_button(
    "Utskriftsvennlig side",
    lambda: programme_html.print_html(matrix, live, fmt.date(cache.now_utc())).encode("utf-8"),
    file_name="malmatrise-utskrift.html", mime="text/html", key="utskrift-malmatrise", on_click="ignore",
    icon=":material/print:", width="stretch", help="En side med oversikten og alle målene, klar til å skrives ut.")
papers.status_report_download(shown.period, pdf_column)  # built when clicked, for the period shown

choice = programme.goal_choice({goal.id: goal.short_label for goal in matrix.goals})
if choice is None:
    st.caption("Detaljene viser hvert kriterium med rapportens egne ord, kommentaren og leveransene i fase 2.")
else:
    detail = programme_pages.goal_detail(matrix, choice, live, portfolio)
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
    story = load.report_story()
except final_report.ReportStoryError as exc:
    st.warning(f"Rapportens tekst kan ikke vises: {fmt.escape_markdown(str(exc))}")
else:
    why, results = st.columns(2, gap="large")
    why.markdown(programme_story.why_markdown(story))
    results.markdown(programme_story.results_markdown(story))
