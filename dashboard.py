"""Byregion dashboard: the entry point. Page config, navigation and shared filters; nothing else."""

import streamlit as st

from byr_data import style

presenting = st.query_params.get("presentasjon") == "1"
# No page_title: each page's own title names the browser tab. The icon is a local file (works offline).
st.set_page_config(page_icon="assets/icon.png", layout="wide",
                   initial_sidebar_state="collapsed" if presenting else "auto")
# The style goes out before pandas and Altair are loaded: the page has its look at once, and
# Streamlit's one-time check of the first element's call stack runs while few modules are loaded.
st.html(style.PAGE_STYLE)

from byr_data.ui import filters, frame  # noqa: E402  (after the first element, see above)

frame.page_accessibility()

job_pages = [
    st.Page("app_pages/overview.py", title="Oversikt", icon=":material/home:", default=True),
    st.Page("app_pages/trend.py", title="Trendbrudd", icon=":material/trending_up:", url_path="trendbrudd"),
    st.Page("app_pages/attainment.py", title="Måloppnåelse", icon=":material/flag:", url_path="maloppnaelse"),
    st.Page("app_pages/municipality.py", title="Kommune", icon=":material/location_city:", url_path="kommune"),
    st.Page("app_pages/industries.py", title="Næringer og landet", icon=":material/factory:", url_path="naeringer"),
    st.Page("app_pages/country.py", title="Regionen i landet", icon=":material/map:", url_path="regionen-i-landet"),
    st.Page("app_pages/labour_market.py", title="Arbeidsmarkedet", icon=":material/commute:", url_path="arbeidsmarkedet"),
]
programme_pages = [
    st.Page("app_pages/goal_matrix.py", title="Målmatrise", icon=":material/checklist:", url_path="malmatrise"),
    st.Page("app_pages/projects.py", title="Prosjekter", icon=":material/account_tree:", url_path="prosjekter"),
    st.Page("app_pages/status_reporting.py", title="Statusrapportering", icon=":material/edit_note:",
            url_path="statusrapportering"),
]
other_pages = [
    st.Page("app_pages/data_sources.py", title="Data og kilder", icon=":material/database:", url_path="data"),
    st.Page("app_pages/accessibility.py", title="Tilgjengelighet", icon=":material/accessibility:",
            url_path="tilgjengelighet"),
]
if presenting:  # ?presentasjon=1: the council sequence alone, no navigation
    presentation = st.Page("app_pages/presentation.py", title="Presentasjon", url_path="presentasjon")
    page = st.navigation([presentation], position="hidden")
else:
    # Our own grouped links: Streamlit's sectioned sidebar list is not a valid list for screen readers.
    sections = {"Arbeidsplasser": job_pages, "Programmet": programme_pages, "Om dashbordet": other_pages}
    page = st.navigation([entry for pages in sections.values() for entry in pages], position="hidden")
    frame.page_links(sections)


def show_page() -> None:
    if presenting or page in job_pages:
        chosen = filters.sidebar()
        if not presenting:
            filters.summary(chosen)  # on a phone the sidebar is hidden: the filters in one line
    page.run()


frame.run_page(show_page, page.title)  # a Norwegian sentence instead of a traceback, if a page fails
