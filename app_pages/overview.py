"""«Oversikt»: the headline numbers for the latest year."""

import streamlit as st

from byr_data import ui, views

data = ui.dataset()
chosen = ui.filters()
view = ui.build(views.overview, chosen, ui.region_settings(), ui.source(), ui.report_figures())

st.title(view.title)
ui.provenance_banner(data)
ui.show_view(view, ui.csv_region(chosen))

st.subheader("Mer")
left, middle, right = st.columns(3)
left.page_link("app_pages/trend.py", label="Trendbrudd", icon=":material/trending_up:")
middle.page_link("app_pages/attainment.py", label="Måloppnåelse", icon=":material/flag:")
right.page_link("app_pages/data_sources.py", label="Data og kilder", icon=":material/database:")
