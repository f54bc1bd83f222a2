"""«Næringer og landet»: jobs by industry, against Norway, and the structural split of the change."""

import streamlit as st

from byr_data import fmt
from byr_data.industry import pages as industry_pages
from byr_data.ui import blocks, filters, load

data = load.dataset()
chosen = filters.current()
view = load.build(industry_pages.page, chosen, load.region_settings(), load.source())

st.title(view.title, anchor=False)
load.provenance_banner(data)
if view.headline:
    st.subheader(view.headline, anchor=False)
if view.missing:
    st.info(view.missing)
if view.notes:
    st.caption(" ".join(view.notes))
for part in view.parts:
    if part.title:
        st.header(fmt.escape_markdown(part.title), anchor=False, divider="gray")
    blocks.show_view(part, load.csv_region(chosen))
