"""Statusrapportering: the secretariat's half-yearly status report to the regional council.

Everyone sees the statuses of a period, what changed since the previous one, each item's history,
the printout (?utskrift=1) and the CSV. Only a signed-in editor sees the form (byr_data/ui/reporting.py).
"""

from datetime import date

import streamlit as st

from byr_data import fmt, reporting, style
from byr_data.ui import programme as ui_programme, reporting as ui_reporting
from byr_data import status_model as sm

matrix, portfolio, problems = ui_programme.programme_data()
if matrix is None:
    st.title("Statusrapportering", anchor=False)
    st.error("Statusrapporteringen kan ikke vises: " + " ".join(fmt.escape_markdown(p) for p in problems))
    st.stop()
history, db_problem = ui_programme.status_history()
report = ui_reporting.Report.build(matrix, portfolio, history, date.today())
known = report.known_periods

st.html(style.REPORTING_STYLE)
if st.query_params.get("utskrift") == "1":
    wanted = st.query_params.get("periode")
    ui_reporting.printout(report, ui_programme.status_changes(matrix, portfolio, wanted if wanted in known else None))
    st.stop()

st.container(key="rp-title").title("Statusrapportering", anchor=False)
if db_problem:  # an editor keeps the form (and what is typed); saving says why it fails
    st.warning(f"Viser status fra sluttrapporten (2018), fordi {db_problem}. Ingenting kan lagres før dette er "
               "rettet; gi beskjed til den som drifter dashbordet.")
who = ui_reporting.editor()
flash = st.session_state.pop(ui_reporting.FLASH, None)
if flash:
    st.success(flash, icon=":material/check_circle:")

current = sm.period_of(report.today)
options = known
if who is not None:  # an editor may start the current half-year; the final report is not edited here
    options = ([current] if current not in known else []) + [label for label in known if label != sm.BASELINE_PERIOD]
# Plain labels: a formatted label («ny periode») would stay on screen after the first save.
chosen = st.selectbox("Periode", options, key="periode", bind="query-params",
                      help="Halvårlig statusrapportering til regionrådet. Første periode er sluttrapporten (2018).")
changes = ui_programme.status_changes(matrix, portfolio, chosen)
st.markdown(f"**{fmt.escape_markdown(reporting.summary_message(changes))}**")
if chosen not in known:
    st.caption(f"{chosen} er en ny periode: skjemaet viser siste status for hvert punkt, og perioden opprettes når "
               "du lagrer.")

status_tab, history_view, print_tab = st.tabs(["Status i perioden", "Historikk", "Utskrift og nedlasting"])
with status_tab:
    if who is not None:
        ui_reporting.edit_form(report, chosen, who, changes)
    else:
        ui_reporting.read_only(report, changes)
with history_view:
    ui_reporting.history_tab(report)
with print_tab:
    ui_reporting.downloads(report, changes)
