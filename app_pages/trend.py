"""«Trendbrudd»: did the decline turn, and does the turn hold?"""

import streamlit as st

from byr_data.jobs import pages as job_pages
from byr_data.ui import blocks, filters, load, trend

data = load.dataset()
chosen = filters.current()
heading = st.container()  # the headline comes from the view, which depends on the choice below
offline = load.is_offline(chosen.measure)  # offline there is one way to show each series, and no jobs path
# Both controls on one row: at 1280×720 the chart then starts high enough to be seen without scrolling.
view_column, projection_column = st.columns([2, 3], vertical_alignment="bottom")
with view_column:
    mode = trend.view_mode(offline)
with projection_column:  # the report's −3 000, if turned on
    projection = None if offline else trend.scenario_projection(chosen, mode)
view = load.build(job_pages.trend, chosen, load.region_settings(), load.source(), load.report_figures(), mode,
                  projection.per_year if projection else None)
with heading:
    blocks.show_heading(view, data)
blocks.show_body(view, load.csv_region(chosen))
if view.blocks and mode == trend.DEFAULT_VIEW:
    st.caption("Stiplet grå linje: trenden 2008–2014, videreført fra 2015-nivået. Skyggelagt: programmets faser.")
    if projection:
        trend.scenario_note(projection)

for title, table in view.tables:
    blocks.show_comparison(title, table)
