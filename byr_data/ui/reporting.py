"""Streamlit glue for «Statusrapportering»: the period's form (saved in one transaction with the
conflict check of status.saving), the read-only view, each item's history, the printout and the CSV.
The sign-in is in `ui.sign_in`.

The form's input lives in session state, so a failed save leaves everything typed on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from byr_data import fmt, params
from byr_data.programme import sources
from byr_data.status import csv_format, model as sm, period_view, reporting, saving, store as ss
from byr_data.ui import periods

FLASH = "_byr_report_saved"


@dataclass(frozen=True)
class Report:
    """What every part of the page works on: the report's items and the recorded statuses."""

    matrix: object  # goals.GoalMatrix
    items: dict  # item id -> status_model.Item
    baseline: tuple  # the final report's statuses (2018)
    groups: tuple  # reporting.Group: the form's sections
    history: tuple  # every recorded status
    today: date

    @classmethod
    def build(cls, matrix, portfolio, history, today: date) -> "Report":
        return cls(matrix, sm.report_items(matrix, portfolio), sm.baseline_entries(matrix, portfolio),
                   reporting.groups(matrix, portfolio), history, today)

    @property
    def known_periods(self) -> list[str]:
        return [p.label for p in period_view.build_view(self.items, self.baseline, self.history).periods]


def key(period: str, *parts: str) -> str:
    return "|".join(("rp", period, *parts))


def badge(r: Report, word: str) -> str:
    status = r.matrix.status(word)
    if status is None:
        return f":gray-badge[{fmt.escape_markdown(word)}]"
    return f":{status.color}-badge[{status.icon or ''} {status.word}]"


# -- which view, which period --------------------------------------------------------------------
def wants_printout() -> bool:
    """«utskrift=1» in the URL: the printable page of a period (the one owner of «utskrift»)."""
    requested = st.query_params.get_all("utskrift")
    if requested and requested[-1] != "1":
        st.warning(params.notice("utskrift", f"«{requested[-1]}» er ikke et gyldig valg (bruk utskrift=1)"))
    return bool(requested) and requested[-1] == "1"


def choose_period(r: Report, editing: bool) -> str:
    """The period to show or edit. An editor may start the current half-year; the final report is
    not edited here (only shown)."""
    known = r.known_periods
    options = known
    if editing:
        current = sm.period_of(r.today)
        options = ([current] if current not in known else []) + [label for label in known if label != sm.BASELINE_PERIOD]
    # Plain labels: a formatted label («ny periode») would stay on screen after the first save.
    return periods.select(options, help="Halvårlig statusrapportering til regionrådet. Første periode er "
                          "sluttrapporten (2018).", known=known)


# -- the form ------------------------------------------------------------------------------------
def open_form(r: Report, period: str, changes: reporting.PeriodChanges) -> dict:
    """What the form showed when it was opened: each item's draft and latest entry id in the period."""
    snapshot_key = key(period, "opened")
    if snapshot_key not in st.session_state:
        drafts = {c.item.id: reporting.Draft.start(c.after, period, r.matrix.vocabulary) for c in changes.changes}
        in_period = [e for e in r.history if e.period == period]
        st.session_state[snapshot_key] = {"drafts": drafts, "ids": reporting.latest_ids(in_period)}
        for item, draft in drafts.items():
            for field, value in (("status", draft.status), ("basis", draft.basis), ("comment", draft.comment),
                                 ("evidence", draft.evidence_text)):
                st.session_state[key(period, item, field)] = value
        st.session_state[key(period, "date")] = r.today
    return st.session_state[snapshot_key]


def typed(r: Report, period: str) -> dict[str, reporting.Draft]:
    return {item: reporting.Draft.typed(*(st.session_state[key(period, item, f)]
                                          for f in ("status", "basis", "comment", "evidence")))
            for item in r.items}


def draw_item(r: Report, period: str, change: reporting.Change, previous: str | None) -> None:
    item = change.item
    st.markdown(f"**{fmt.escape_markdown(item.name)}**")
    st.caption(fmt.escape_markdown(reporting.change_line(change, previous)))
    words = [w.word for w in r.matrix.vocabulary]
    current = st.session_state[key(period, item.id, "status")]
    status, basis = st.columns(2)
    status.selectbox("Status", words if current in words else [*words, current], key=key(period, item.id, "status"))
    basis.radio("Grunnlag", list(sm.BASES), format_func=sm.BASES.get, horizontal=True,
                key=key(period, item.id, "basis"))
    comment, evidence = st.columns(2)
    comment.text_area("Kommentar", key=key(period, item.id, "comment"), height=68)
    evidence.text_area("Belegg (ett sitat eller én kilde per linje)", key=key(period, item.id, "evidence"), height=68)


def save(r: Report, period: str, who: dict, opened: dict) -> None:
    """Validate, then record every changed item in one transaction; on any problem, say so and keep
    the input. Another editor's save of the same item since opening: show both and wait for a
    second click."""
    drafts = typed(r, period)
    try:
        entries = reporting.entries_to_save(drafts, opened["drafts"], period=period,
                                            day=st.session_state[key(period, "date")], who=who["name"],
                                            items=r.items, vocabulary=r.matrix.vocabulary, today=r.today)
    except reporting.DraftErrors as exc:
        st.error("Ingenting er lagret. Rett dette først:\n\n" + "\n".join(f"- {fmt.escape_markdown(e)}" for e in exc.errors))
        return
    if not entries:
        st.info("Ingen endringer å lagre.")
        return
    try:
        outcome = saving.save_period(entries, drafts, opened["ids"], period, who["name"], r.items)
    except ss.StatusDbError as exc:
        st.error(f"Ingenting er lagret, fordi {fmt.escape_markdown(exc.page_text)}. Det du har skrevet står fortsatt i skjemaet; prøv "
                 "å lagre igjen om litt.")
        return
    opened["ids"] = outcome.latest_ids
    if outcome.conflicts:
        st.session_state[key(period, "conflicts")] = outcome.conflicts
        return
    # The form starts again from what is saved now, so it also shows what others saved meanwhile
    # (kept, those values would count as this editor's changes at the next save).
    forget_form(period)
    saved = outcome.saved
    st.session_state[FLASH] = (f"Lagret {saved} {'status' if saved == 1 else 'statuser'} i {period}."
                               if saved else "En annen redaktør hadde allerede lagret det samme; ingenting nytt er lagret.")
    st.rerun()


def draw_conflicts(period: str) -> None:
    clashes = st.session_state.get(key(period, "conflicts"))
    if not clashes:
        return
    lines = [f"En annen redaktør har lagret {len(clashes)} av de samme punktene etter at du åpnet skjemaet. "
             "Trykk «Lagre perioden» igjen for å lagre din versjon (den blir gjeldende, og begge blir stående i "
             "historikken), eller endre skjemaet først."]
    for clash in clashes:
        theirs = clash.theirs
        lines.append(f"**{fmt.escape_markdown(reporting.shorten(clash.item.name))}**  \n"
                     f"Lagret av {fmt.escape_markdown(theirs.who)} {fmt.timestamp(theirs.recorded_at)}: "
                     f"{reporting.describe(theirs)}  \nDin versjon: {reporting.describe(clash.mine)}")
    st.warning("\n\n".join(lines), icon=":material/group:")


def edit_form(r: Report, period: str, who: dict, changes: reporting.PeriodChanges) -> None:
    opened = open_form(r, period, changes)
    by_id = {c.item.id: c for c in changes.changes}
    with st.form(key(period, "form"), enter_to_submit=False):
        st.date_input("Dato statusene gjelder", key=key(period, "date"), format="DD.MM.YYYY", max_value=r.today)
        for number, group in enumerate(r.groups):
            with st.container(border=True, key=f"rp-card-{number}"):  # REPORTING_STYLE sizes its heading
                st.subheader(fmt.escape_markdown(group.title), anchor=False)
                for item in group.items:
                    draw_item(r, period, by_id[item.id], changes.previous)
        submitted = st.form_submit_button("Lagre perioden", type="primary", icon=":material/save:")
    if submitted:
        save(r, period, who, opened)
    draw_conflicts(period)
    if st.button("Forkast endringene og vis det som er lagret", key="rp-reset"):
        forget_form(period)
        st.rerun()


def forget_form(period: str) -> None:
    for name in [k for k in st.session_state if isinstance(k, str) and k.startswith(key(period, ""))]:
        del st.session_state[name]


# -- reading -------------------------------------------------------------------------------------
def read_only(r: Report, changes: reporting.PeriodChanges) -> None:
    by_id = {c.item.id: c for c in changes.changes}
    for number, group in enumerate(r.groups):
        with st.container(border=True, key=f"rp-card-{number}"):  # REPORTING_STYLE sizes its heading
            st.subheader(fmt.escape_markdown(group.title), anchor=False)
            lines = []
            for item in group.items:
                change = by_id[item.id]
                word = change.after.status if change.after else "ikke angitt"
                mark = sources.mark(change.after.basis, change.after.from_report, word) if change.after else None
                assessed = f" :gray-badge[{mark}]" if mark else ""
                notes = [reporting.change_line(change, changes.previous)]
                if change.after and change.after.comment:
                    notes.append(sources.labelled_note(change.after.comment.rstrip("."), change.after.from_report))
                note = ". ".join(n for n in notes if n)
                lines.append(f"- {badge(r, word)}{assessed} **{fmt.escape_markdown(item.name)}**"
                             + (f"  \n  {fmt.escape_markdown(note)}" if note else ""))
            st.markdown("\n".join(lines))


def history_tab(r: Report) -> None:
    names = {item.id: f"{group.title.split('.')[0]}. {reporting.shorten(item.name)}"
             if item.kind == "kriterium" else f"Prosjekt: {reporting.shorten(item.name)}"
             for group in r.groups for item in group.items}
    chosen = st.selectbox("Vis historikken for", list(names), format_func=names.get, key="rp-history")
    widths = {"Periode": 140, "Status": 110, "Grunnlag": 170, "Dato": 95, "Kommentar": 320, "Belegg": 260}
    st.dataframe(reporting.history_table(chosen, r.baseline, r.history), hide_index=True, width="stretch",
                 column_config={name: st.column_config.TextColumn(width=w) for name, w in widths.items()})


def printout(r: Report, changes: reporting.PeriodChanges) -> None:
    st.title(f"Statusrapport til regionrådet – {reporting.period_name(changes.period)}", anchor=False)
    registered = f", sist registrert {changes.date:%d.%m.%Y}" if changes.date else ""
    st.caption(f"Periode {changes.period}{registered}. Skrevet ut {r.today:%d.%m.%Y}. Byregionprogrammet "
               "Kongsvingerregionen.")
    st.markdown(f"**{fmt.escape_markdown(reporting.summary_message(changes))}**")
    with st.container(key="rp-screen-only"):
        st.caption("Skriv ut med Ctrl+P (Cmd+P på Mac). Menyen og denne linjen kommer ikke med på utskriften.")
    for title, table in reporting.printout_tables(r.groups, changes):
        st.subheader(fmt.escape_markdown(title), anchor=False)
        st.table(table.map(fmt.escape_markdown), border="horizontal")


def downloads(r: Report, changes: reporting.PeriodChanges) -> None:
    slug = changes.period.replace(" (", "-").replace(")", "").replace(" ", "-")
    entries = [c.after for c in changes.changes if c.after is not None]
    st.download_button("Last ned perioden som CSV (Excel)", lambda: csv_format.to_csv(entries, r.items),
                       file_name=f"statusrapport-{slug}-{r.today:%Y-%m-%d}.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
    st.markdown(f"[Utskriftsvennlig side (åpnes i ny fane)](statusrapportering?utskrift=1&periode="
                f"{changes.period.replace(' ', '+').replace('(', '%28').replace(')', '%29')})")
    st.caption("CSV-fila har én linje per kriterium og prosjekt med statusen som gjelder i perioden, og "
               "perioden statusen er fra.")
