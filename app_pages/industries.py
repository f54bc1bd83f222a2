"""«Næringer og landet»: jobs by industry, against Norway, and the structural split of the change."""

import streamlit as st

from byr_data import fmt, industry_views, ui
from byr_data.ui import load as ui_load

data = ui_load.dataset()
chosen = ui.filters()
view = ui_load.build(industry_views.page, chosen, ui_load.region_settings(), ui_load.source())

st.title(view.title, anchor=False)
ui_load.provenance_banner(data)
if view.headline:
    st.subheader(view.headline, anchor=False)
if view.missing:
    st.info(view.missing)
if view.notes:
    st.caption(" ".join(view.notes))
for part in view.parts:
    if part.title:
        st.header(fmt.escape_markdown(part.title), anchor=False, divider="gray")
    ui.show_view(part, ui_load.csv_region(chosen))
