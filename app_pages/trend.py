"""«Trendbrudd»: did the decline turn, and does the turn hold?"""

import streamlit as st

from byr_data import params, ui, views
from byr_data.ui import load as ui_load, programme as ui_programme

data = ui_load.dataset()
chosen = ui.filters()
heading = st.container()  # the headline comes from the view, which depends on the choice below
mode, projection = "Nivå", None
offline = ui_load.is_offline(chosen.measure)  # offline there is one way to show each series, and no jobs path
notice = params.view_notice(st.query_params.get_all("visning"), views.TREND_VIEWS, offline)
if notice:
    st.warning(notice)
if not offline:
    mode = st.segmented_control("Vis som", list(views.TREND_VIEWS), default="Nivå", key="visning",
                                bind="query-params") or "Nivå"
    projection = ui_programme.scenario_projection(chosen, mode)  # the report's −3 000 projection, if turned on
view = ui_load.build(views.trend, chosen, ui_load.region_settings(), ui_load.source(), ui_load.report_figures(), mode,
                projection.per_year if projection else None)
with heading:
    ui.show_heading(view, data)
ui.show_body(view, ui_load.csv_region(chosen))
if view.blocks and mode == "Nivå":
    st.caption("Stiplet grå linje: trenden 2008–2014, videreført fra 2015-nivået. Skyggelagt: programmets faser.")
    if projection:
        ui_programme.scenario_note(projection)

for title, table in view.tables:
    ui.show_comparison(title, table)
