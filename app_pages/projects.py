"""Prosjekter: the phase-3 portfolio, follow-up arrangements and success factors."""

import pandas as pd
import streamlit as st

from byr_data import fmt, ui
from byr_data import goals as g


def _numbered(items) -> str:
    return "\n".join(f"{n}. {fmt.escape_markdown(item)}" for n, item in enumerate(items, start=1))


st.title("Prosjekter", anchor=False)

try:
    portfolio = ui.portfolio()
except g.GoalsDataError as exc:
    st.error(f"Prosjektoversikten kan ikke vises: {fmt.escape_markdown(str(exc))}")
    st.stop()

st.caption(
    f"{fmt.escape_markdown(portfolio.source)}. Status per {portfolio.status_year}. "
    f"{fmt.escape_markdown(portfolio.status_note)}"
)

st.subheader(f"Prosjektene i fase 3 ({len(portfolio.projects)})", anchor=False)
table = pd.DataFrame(
    {
        "Prosjekt": [fmt.escape_markdown(p.name) for p in portfolio.projects],
        "Ansvarlig": [fmt.escape_markdown(p.responsible) for p in portfolio.projects],
        "Merknad": [fmt.escape_markdown(p.note or "") for p in portfolio.projects],
    },
    index=pd.RangeIndex(1, len(portfolio.projects) + 1, name="Nr."),
)
st.table(table, border="horizontal")

coordination = portfolio.coordination
st.subheader(
    f"{fmt.escape_markdown(coordination.title)} ({fmt.escape_markdown(coordination.actor)})",
    anchor=False,
)
st.markdown("\n".join(f"- {fmt.escape_markdown(role)}" for role in coordination.roles))
st.markdown(fmt.escape_markdown(coordination.description))
if coordination.note:
    st.info(fmt.escape_markdown(coordination.note), icon=":material/info:")

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
