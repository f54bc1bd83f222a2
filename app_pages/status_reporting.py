"""Statusrapportering: the secretariat's half-yearly status report to the regional council.

Everyone sees the statuses of a period, what changed since the previous one, each item's history,
the printout (?utskrift=1) and the CSV. Only a signed-in editor (byr_data/ui/sign_in.py) sees the form (byr_data/ui/reporting.py).
"""

from datetime import date

import streamlit as st

from byr_data import fmt, style
from byr_data.status import reporting
from byr_data.ui import papers, periods, programme, reporting as ui_reporting, sign_in

matrix, portfolio, problems = programme.programme_data()
if matrix is None:
    st.title("Statusrapportering", anchor=False)
    st.error("Statusrapporteringen kan ikke vises: " + " ".join(fmt.escape_markdown(p) for p in problems))
    st.stop()
history, db_problem = programme.status_history()
report = ui_reporting.Report.build(matrix, portfolio, history, date.today())

st.html(style.REPORTING_STYLE)
if ui_reporting.wants_printout():
    ui_reporting.printout(report, programme.status_changes(matrix, portfolio, periods.from_link(report.known_periods)))
    st.stop()

st.container(key="rp-title").title("Statusrapportering", anchor=False)
programme.db_problem_notice(db_problem)  # an editor keeps the form (and what is typed); saving says why it fails
who = sign_in.editor()
flash = st.session_state.pop(ui_reporting.FLASH, None)
if flash:
    st.success(flash, icon=":material/check_circle:")

chosen = ui_reporting.choose_period(report, editing=who is not None)
changes = programme.status_changes(matrix, portfolio, chosen)
st.markdown(f"**{fmt.escape_markdown(reporting.summary_message(changes))}**")
if chosen not in report.known_periods:
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
    papers.status_report_download(chosen, width="content")  # built when clicked, for the chosen period
    ui_reporting.downloads(report, changes)
