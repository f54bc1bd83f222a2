"""«Måloppnåelse»: yearly and cumulative change against the target, and each municipality's part."""

import streamlit as st

from byr_data import ui, views

data = ui.dataset()
chosen = ui.filters()
view = ui.build(views.attainment, chosen, ui.region_settings(), ui.source())
st.title(view.title, anchor=False)
ui.provenance_banner(data)
ui.show_view(view, ui.csv_region(chosen))
