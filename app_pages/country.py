"""«Regionen i landet»: the region's growth against its county, the comparison regions and Norway; every
municipality ranked and mapped (compare.pages.page)."""

import streamlit as st

from byr_data.compare import pages as compare_pages
from byr_data.ui import blocks, country, filters, load

shown = country.data()
chosen = filters.current()
view = country.build(compare_pages.page, chosen, load.region_settings())

st.title(view.title, anchor=False)
if view.context:
    st.caption(view.context)
country.banner(shown)
blocks.show_metrics(view)
blocks.show_body(view, load.csv_region(chosen), replay_key=country.replay_key(chosen, load.region_settings()))
