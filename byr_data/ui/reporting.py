"""Streamlit glue for «Statusrapportering»: editor sign-in, the period's form with its one-transaction
save and conflict check, the read-only view, each item's history, the printout and the CSV.

The form's input lives in session state, so a failed save leaves everything typed on screen.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import date

import streamlit as st

from byr_data import editor_access as ea
from byr_data import fmt, reporting, status_csv
from byr_data.ui import programme as ui_programme
from byr_data import status_model as sm
from byr_data import status_store as ss

EDITOR = "_byr_editor"  # session state: the editor signed in with the password, for this browser session
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
        return [p.label for p in sm.build_view(self.items, self.baseline, self.history).periods]


def key(period: str, *parts: str) -> str:
    return "|".join(("rp", period, *parts))


def badge(r: Report, word: str) -> str:
    status = r.matrix.status(word)
    if status is None:
        return f":gray-badge[{fmt.escape_markdown(word)}]"
    return f":{status.color}-badge[{status.icon or ''} {status.word}]"


# -- who may edit --------------------------------------------------------------------------------
def password_sign_in(config: ea.AccessConfig) -> None:
    with st.form("rp-login", enter_to_submit=True):
        st.markdown("**Logg inn som redaktør**")
        name = st.text_input("Navnet ditt", max_chars=ea.MAX_NAME, help="Lagres som «registrert av» på hver status.")
        password = st.text_input("Passord", type="password")
        if not st.form_submit_button("Logg inn"):
            return
    try:
        name = ea.clean_name(name)
    except ValueError as exc:
        st.error(fmt.escape_markdown(str(exc)))  # our own sentence, but it may quote what was typed
        return
    attempt = ui_programme.password_throttle().attempt(password, config.password_hash)
    if attempt.ok:
        st.session_state[EDITOR] = {"name": name, "via": ea.PASSWORD}
        st.rerun()
    elif attempt.checked:
        st.error(f"Feil passord. Du kan prøve igjen om {ea.wait_text(attempt.wait_s)}.")
    else:
        st.error(f"For mange feil passord: innloggingen er stengt en liten stund. Prøv igjen om "
                 f"{ea.wait_text(attempt.wait_s)}.")


def editor() -> dict | None:
    """The signed-in editor ({"name", "via"}), or None; draws the sign-in or says why not."""
    config = ea.access_config(ui_programme.secrets())
    if config.mode == ea.NONE:
        st.info("Siden er skrivebeskyttet: redigering er ikke slått på. Den som drifter dashbordet kan slå den "
                "på med innlogging via kommunens konto (og en liste over redaktørenes e-postadresser), eller "
                "med et felles redaktørpassord som bare lagres som en sikker hash. Fremgangsmåten står i "
                "dashbordets dokumentasjon, under «Statusrapportering».", icon=":material/lock:")
        return None
    if config.problem:
        st.warning(f"Redigering er ikke mulig nå: {config.problem}. Gi beskjed til den som drifter dashbordet.")
        return None
    if config.mode == ea.OIDC:
        email, name = ea.oidc_identity(st.user.to_dict())
        if email is None:
            st.button("Logg inn for å registrere status", on_click=st.login, icon=":material/login:")
            return None
        if not ea.may_edit(config, email):
            st.warning(f"Du er logget inn som {fmt.escape_markdown(email)}, men har ikke redigeringsrett. Be den som "
                       "drifter dashbordet om å legge e-postadressen til blant redaktørene.")
            st.button("Logg ut", on_click=st.logout)
            return None
        who = {"name": name or email, "via": ea.OIDC}
    else:
        who = st.session_state.get(EDITOR)
        if who is None:
            with st.expander("Logg inn for å registrere status", icon=":material/login:"):
                password_sign_in(config)
            return None
    left, right = st.columns([4, 1], vertical_alignment="center")
    left.caption(f"Logget inn som redaktør: {fmt.escape_markdown(who['name'])}")
    if right.button("Logg ut", key="rp-logout"):
        if who["via"] == ea.OIDC:
            st.logout()
        st.session_state.pop(EDITOR, None)
        st.rerun()
    return who


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
        with closing(ss.open_store(create=True)) as store:
            try:
                store.record(entries, who=who["name"], latest_ids=opened["ids"])
            except ss.EditConflict as conflict:
                period_entries = store.entries(period=period)
                clashes = reporting.conflicts(opened["ids"], period_entries, drafts, conflict.items, r.items)
                opened["ids"] = reporting.latest_ids(period_entries)  # seen now: the next click saves
                if clashes:
                    st.session_state[key(period, "conflicts")] = clashes
                    return
                # The others saved exactly what was typed here: record only the rest.
                entries = [e for e in entries if e.item not in conflict.items]
                if entries:
                    store.record(entries, who=who["name"], latest_ids=opened["ids"])
    except ss.StatusDbError as exc:
        st.error(f"Ingenting er lagret, fordi {fmt.escape_markdown(exc.page_text)}. Det du har skrevet står fortsatt i skjemaet; prøv "
                 "å lagre igjen om litt.")
        return
    # The form starts again from what is saved now, so it also shows what others saved meanwhile
    # (kept, those values would count as this editor's changes at the next save).
    forget_form(period)
    st.session_state[FLASH] = (f"Lagret {len(entries)} {'status' if len(entries) == 1 else 'statuser'} i {period}."
                               if entries else "En annen redaktør hadde allerede lagret det samme; ingenting nytt er lagret.")
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
        for group in r.groups:
            with st.container(border=True):
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
    for group in r.groups:
        with st.container(border=True):
            st.subheader(fmt.escape_markdown(group.title), anchor=False)
            lines = []
            for item in group.items:
                change = by_id[item.id]
                word = change.after.status if change.after else "ikke angitt"
                assessed = " :gray-badge[vurdert]" if change.after and change.after.assessed else ""
                notes = [reporting.change_line(change, changes.previous)]
                if change.after and change.after.comment:
                    notes.append(f"Kommentar: {change.after.comment.rstrip('.')}")
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
    st.download_button("Last ned perioden som CSV (Excel)", status_csv.to_csv(entries, r.items),
                       file_name=f"statusrapport-{slug}-{r.today:%Y-%m-%d}.csv", mime="text/csv",
                       icon=":material/download:", on_click="ignore")
    st.markdown(f"[Utskriftsvennlig side (åpnes i ny fane)](statusrapportering?utskrift=1&periode="
                f"{changes.period.replace(' ', '+').replace('(', '%28').replace(')', '%29')})")
    st.caption("CSV-fila har én linje per kriterium og prosjekt med statusen som gjelder i perioden, og "
               "perioden statusen er fra.")
