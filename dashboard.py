"""Byregion dashboard: the entry point. Page config, navigation and shared filters; nothing else."""

import streamlit as st

st.set_page_config(page_title="Byregion Kongsvingerregionen", page_icon="📈", layout="wide")

pages = [
    st.Page("pages/data_sources.py", title="Data og kilder", icon="🗂️", url_path="data"),
]
st.navigation(pages).run()
