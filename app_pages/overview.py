"""«Oversikt»: the finding for the latest year, the figures under it, and the yearly change against the target."""

import streamlit as st

from byr_data.jobs import pages as job_pages
from byr_data.ui import blocks, filters, load

data = load.dataset()
chosen = filters.current()
view = load.build(job_pages.overview, chosen, load.region_settings(), load.source(), load.report_figures())
blocks.show_page(view, data, load.csv_region(chosen))

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
# True on a phone too (no arrow keys there): the buttons show their keyboard shortcut themselves.
st.markdown("[:material/slideshow: Presentasjon for regionrådet](?presentasjon=1) – viser utvalget du har valgt; "
            "bla med «Forrige» og «Neste».")
