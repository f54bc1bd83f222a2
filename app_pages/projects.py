"""Prosjekter: the phase-3 portfolio with owner, status and goals, HKP's role, and the report's lists."""

import streamlit as st

from byr_data import final_report, fmt
from byr_data.programme import html as programme_html, pages as programme_pages, story as programme_story
from byr_data.ui import load, programme


def _numbered(items) -> str:
    return "\n".join(f"{n}. {fmt.escape_markdown(item)}" for n, item in enumerate(items, start=1))


st.title("Prosjekter", anchor=False)
period, caption = st.columns([1, 3], vertical_alignment="bottom")
shown = programme.programme_period(period)
matrix, portfolio = shown.matrix, shown.portfolio
if matrix is None or portfolio is None:
    st.error(f"Prosjektoversikten kan ikke vises: {fmt.escape_markdown(' '.join(shown.problems))}")
    st.stop()
caption.caption(shown.caption)

st.markdown(f"**{fmt.escape_markdown(programme_pages.project_headline(portfolio, matrix.status_words))}**")
st.html(programme_html.project_table_html(portfolio, matrix))  # every outside string is HTML-escaped
with st.expander("Grunnlaget for statusene"):
    st.markdown(programme_pages.project_basis_markdown(portfolio, matrix))

heading, text = programme_pages.coordination_markdown(portfolio)
st.subheader(heading, anchor=False)
st.markdown(text)

try:
    story = load.report_story()
except final_report.ReportStoryError as exc:
    st.warning(f"Rapportens tekst kan ikke vises: {fmt.escape_markdown(str(exc))}")
else:
    st.markdown(programme_story.funding_markdown(story))

st.subheader("Fra rapporten", anchor=False)
for heading, text_list in (
    (f"Dette leverte fase 2 ({len(portfolio.phase2_summary.items)})", portfolio.phase2_summary),
    (f"Oppfølging fremover ({len(portfolio.follow_up.items)})", portfolio.follow_up),
    (
        f"Kritiske suksessfaktorer for fremtidig vekst ({len(portfolio.success_factors.items)})",
        portfolio.success_factors,
    ),
):
    with st.expander(heading):
        if not heading.startswith(text_list.intro):
            st.caption(fmt.escape_markdown(text_list.intro))
        st.markdown(_numbered(text_list.items))
