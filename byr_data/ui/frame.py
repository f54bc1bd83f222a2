"""The page frame: the catch-all around each page, the page language and keyboard script, and the
grouped navigation in the sidebar."""

from __future__ import annotations

import logging
from collections import deque

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from byr_data import accessibility, fmt
from byr_data.ssb import cache

LOG = logging.getLogger("byr_data")


PAGE_FAILED = ("Denne siden kunne ikke vises på grunn av en feil i appen. Prøv å laste siden på nytt; "
               "hvis feilen blir stående, kontakt den som drifter dashbordet.")


@st.cache_resource
def _page_errors() -> deque:
    """The latest page errors of this server process (when, which page, which kind), newest last."""
    return deque(maxlen=5)


def run_page(body, name: str = "") -> None:
    """Run a page (`body()`); any error becomes one plain Norwegian sentence (details in the log and,
    without paths or traceback, on «Data og kilder»), while Streamlit's own rerun and stop requests
    pass through untouched."""
    try:
        body()
    except ScriptControlException:  # st.rerun(), st.stop(), st.switch_page(): not errors
        raise
    except Exception as exc:
        LOG.exception("Page %s failed", name)
        _page_errors().append((cache.now_utc(), name or "/", type(exc).__name__))
        st.error(PAGE_FAILED)


def page_error_details() -> None:
    """On «Data og kilder»: the latest page errors, for whoever runs the dashboard (details in the log)."""
    errors = list(_page_errors())
    if not errors:
        return
    with st.expander(f"Feil på sidene siden serveren startet ({len(errors)})"):
        for when, page, kind in reversed(errors):
            st.write(f"{fmt.timestamp(when)}: siden «{fmt.escape_markdown(page)}» feilet "
                     f"(feiltype {fmt.escape_markdown(kind)}). Detaljene står i serverens logg.")


def page_accessibility() -> None:
    """Run accessibility.PAGE_SCRIPT: the page language, keyboard access to wide tables, the phone's menu."""
    with st.container(key="page-script"):  # hidden by PAGE_STYLE: it takes no room
        st.html(accessibility.PAGE_SCRIPT, unsafe_allow_javascript=True)


def page_links(sections: dict[str, list]) -> None:
    """The navigation at the top of the sidebar: a label per section and a link per page.

    Streamlit's own sectioned navigation puts section wrappers inside its <ul> (an invalid list
    for screen readers); plain page links keep the grouping without that."""
    with st.sidebar.container(key="page-nav"):
        for section, pages in sections.items():
            st.caption(f"**{section}**")
            for page in pages:
                st.page_link(page)
