"""Prosjekter: the phase-3 portfolio with owner, status and goals, HKP's role, and the report's lists."""

import streamlit as st

from byr_data import fmt, report
from byr_data.ui import programme as ui_programme
from byr_data import programme_html as ph
from byr_data import programme_views as pv


def _numbered(items) -> str:
    return "\n".join(f"{n}. {fmt.escape_markdown(item)}" for n, item in enumerate(items, start=1))


st.title("Prosjekter", anchor=False)
period, caption = st.columns([1, 3], vertical_alignment="bottom")
matrix, portfolio, problems, shown = ui_programme.programme_period(period)
if matrix is None or portfolio is None:
    st.error(f"Prosjektoversikten kan ikke vises: {fmt.escape_markdown(' '.join(problems))}")
    st.stop()
caption.caption(shown)

st.markdown(f"**{fmt.escape_markdown(pv.project_headline(portfolio, matrix.status_words))}**")
st.html(ph.project_table_html(portfolio, matrix))  # every outside string is HTML-escaped
with st.expander("Grunnlaget for statusene"):
    st.markdown(pv.project_basis_markdown(portfolio, matrix))

heading, text = pv.coordination_markdown(portfolio)
st.subheader(heading, anchor=False)
st.markdown(text)

try:
    story = ui_programme.report_story()
except report.ReportStoryError as exc:
    st.warning(f"Rapportens tekst kan ikke vises: {fmt.escape_markdown(str(exc))}")
else:
    st.markdown(pv.funding_markdown(story))

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
