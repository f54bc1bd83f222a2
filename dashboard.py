"""Byregion dashboard: the entry point. Page config, navigation and shared filters; nothing else."""

import streamlit as st

from byr_data import ui

st.set_page_config(page_title="Byregion Kongsvingerregionen", page_icon=":material/trending_up:", layout="wide")

job_pages = [
    st.Page("pages/overview.py", title="Oversikt", icon=":material/home:", default=True),
    st.Page("pages/trend.py", title="Trendbrudd", icon=":material/trending_up:", url_path="trendbrudd"),
    st.Page("pages/attainment.py", title="Måloppnåelse", icon=":material/flag:", url_path="maloppnaelse"),
]
programme_pages = [
    st.Page("pages/goal_matrix.py", title="Målmatrise", icon=":material/checklist:", url_path="malmatrise"),
    st.Page("pages/projects.py", title="Prosjekter", icon=":material/account_tree:", url_path="prosjekter"),
]
other_pages = [
    st.Page("pages/data_sources.py", title="Data og kilder", icon=":material/database:", url_path="data"),
]
page = st.navigation({"Arbeidsplasser": job_pages, "Programmet": programme_pages, "Om tallene": other_pages})
if page in job_pages:
    ui.sidebar_filters()
page.run()
