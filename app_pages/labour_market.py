"""«Arbeidsmarkedet»: is the region one labour market? Commuting from SSB table 03321."""

import streamlit as st

from byr_data.commuting import pages as commuting_pages
from byr_data.ui import blocks, commuting, filters, load

load.dataset()  # starts the background refresh (07984 and 03321 together) when the figures are old
shown = commuting.data()
chosen = filters.current()
view = commuting.build(commuting_pages.page, chosen, load.region_settings(), commuting.source(shown))

st.title(view.title, anchor=False)
if view.context:
    st.caption(view.context)
commuting.provenance_line(shown)
blocks.show_metrics(view)
blocks.show_body(view, load.csv_region(chosen), replay_key=commuting.replay_key(chosen, load.region_settings()))

ratio = load.build(commuting_pages.jobs_ratio, chosen, load.region_settings())
if ratio is not None:
    st.subheader("Arbeidsplasser per sysselsatt bosatt (en annen tabell)", anchor=False)
    st.caption("Fra SSB-tabell 07984, ikke fra pendlingstabellen: vises for seg og settes aldri sammen med "
               "pendlingstallene over.")
    st.table(ratio, border="horizontal")
    st.caption(commuting_pages.CREDIT_07984)
