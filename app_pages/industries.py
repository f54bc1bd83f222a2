"""«Næringer og landet»: jobs by industry, against Norway, and the structural split of the change."""

import streamlit as st

from byr_data import fmt, industry_views, ui

data = ui.dataset()
chosen = ui.filters()
view = ui.build(industry_views.page, chosen, ui.region_settings(), ui.source())

st.title(view.title, anchor=False)
ui.provenance_banner(data)
if view.headline:
    st.subheader(view.headline, anchor=False)
if view.missing:
    st.info(view.missing)
if view.notes:
    st.caption(" ".join(view.notes))
for part in view.parts:
    if part.title:
        st.header(fmt.escape_markdown(part.title), anchor=False, divider="gray")
    ui.show_view(part, ui.csv_region(chosen))
