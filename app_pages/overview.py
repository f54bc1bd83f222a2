"""«Oversikt»: the headline numbers for the latest year."""

import streamlit as st

from byr_data import ui, views

data = ui.dataset()
chosen = ui.filters()
view = ui.build(views.overview, chosen, ui.region_settings(), ui.source(), ui.report_figures())

st.title(view.title, anchor=False)
ui.provenance_banner(data)
ui.show_view(view, ui.csv_region(chosen))

st.subheader("Mer")
links = [
    ("app_pages/trend.py", "Trendbrudd", ":material/trending_up:"),
    ("app_pages/attainment.py", "Måloppnåelse", ":material/flag:"),
    ("app_pages/goal_matrix.py", "Målmatrise", ":material/checklist:"),
    ("app_pages/projects.py", "Prosjekter", ":material/account_tree:"),
    ("app_pages/data_sources.py", "Data og kilder", ":material/database:"),
]
for column, (page, label, icon) in zip(st.columns(len(links)), links):
    column.page_link(page, label=label, icon=icon)
st.markdown("[:material/slideshow: Presentasjon for regionrådet](?presentasjon=1) – blar med piltastene; "
            "legg til `&kommune=Grue` for én kommune.")
