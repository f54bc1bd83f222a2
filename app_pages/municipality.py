"""«Kommune»: one municipality's own numbers in the regional context, with a link to send."""

import streamlit as st

from byr_data import regions, ui, views
from byr_data.ui import load as ui_load

data = ui_load.dataset()
chosen = ui.filters()
heading = st.container()  # the headline names the municipality chosen below
code = chosen.codes[0]
if len(chosen.codes) > 1:
    code = st.selectbox("Kommune", chosen.codes, format_func=regions.municipality_name, key="vis_kommune")
view = ui_load.build(views.municipality, code, chosen, ui_load.region_settings(), ui_load.source())
with heading:
    ui.show_heading(view, data)
ui.show_body(view, ui_load.csv_region(views.Filters(codes=(code,))))
for title, table in view.tables:
    st.subheader(title, anchor=False)
    st.dataframe(table, hide_index=True, width="stretch")
ui.share_link("kommune", regions.municipality_name(code))
