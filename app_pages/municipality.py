"""«Kommune»: one municipality's own numbers in the regional context, with a link to send."""

import streamlit as st

from byr_data import regions
from byr_data.jobs import pages as job_pages
from byr_data.page_model import Filters
from byr_data.ui import blocks, filters, load

data = load.dataset()
chosen = filters.current()
heading = st.container()  # the headline names the municipality chosen below
code = chosen.codes[0]
if len(chosen.codes) > 1:
    code = st.selectbox("Kommune", chosen.codes, format_func=regions.municipality_name, key="vis_kommune")
view = load.build(job_pages.municipality, code, chosen, load.region_settings(), load.source())
with heading:
    blocks.show_heading(view, data)
blocks.show_body(view, load.csv_region(Filters(codes=(code,))))
for title, table in view.tables:
    st.subheader(title, anchor=False)
    st.dataframe(table, hide_index=True, width="stretch")
filters.share_link("kommune", regions.municipality_name(code))
