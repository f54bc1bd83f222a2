"""«Oversikt»: the finding for the latest year, the figures under it, and the yearly change against the target."""

import streamlit as st

from byr_data import ui, views
from byr_data.ui import load as ui_load

data = ui_load.dataset()
chosen = ui.filters()
view = ui_load.build(views.overview, chosen, ui_load.region_settings(), ui_load.source(), ui_load.report_figures())
ui.show_page(view, data, ui_load.csv_region(chosen))

st.subheader("Mer", anchor=False)
links = [
    ("app_pages/trend.py", "Trendbrudd", ":material/trending_up:"),
    ("app_pages/attainment.py", "Måloppnåelse", ":material/flag:"),
    ("app_pages/goal_matrix.py", "Målmatrise", ":material/checklist:"),
    ("app_pages/projects.py", "Prosjekter", ":material/account_tree:"),
    ("app_pages/data_sources.py", "Data og kilder", ":material/database:"),
]
for column, (page, label, icon) in zip(st.columns(len(links)), links):
    column.page_link(page, label=label, icon=icon)
st.markdown("[:material/slideshow: Presentasjon for regionrådet](?presentasjon=1) – viser utvalget du har valgt; "
            "bla med piltastene.")
