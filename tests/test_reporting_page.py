"""AppTest of «Statusrapportering» through dashboard.py: viewers never see the form; editors sign in
with st.login + the allowlist (a verified `email` claim) or with the hashed password (a wrong password
pauses that name in every session, under a ceiling for the whole app); saving a period, the concurrent-edit warning, a failed save keeping the input, the printout and
the council slide. Every test has its own database (BYR_STATUS_DB, tests/conftest.py) and writes
its own secrets."""

from __future__ import annotations

import sqlite3
import time
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from byr_data import fmt
from byr_data.programme import goal_files, goals
from byr_data.status import access as ea, model as sm, period_view, passwords, store as ss, text as text_rules
from byr_data.ui import sign_in as ui_sign_in

PAGE = "app_pages/status_reporting.py"
PASSWORD = "riktig-passord-123"
HASH = passwords.hash_password(PASSWORD)
MATRIX = goal_files.load_goals()
ITEM = "sakornfond-1"
ITEM_NAME = next(c.text for c in goals.all_criteria(MATRIX.goals) if c.id == ITEM)
STATUS_2018 = next(c.status for c in goals.all_criteria(MATRIX.goals) if c.id == ITEM)
NEW_STATUS = "ikke nådd" if STATUS_2018 != "ikke nådd" else "pågår"
PERIOD = sm.period_of(date.today())
OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "test-only-cookie-secret",
        "client_id": "test-client", "client_secret": "test-only",
        "server_metadata_url": "https://login.invalid/.well-known/openid-configuration"}


def app(secrets: dict, user: dict | None = None, query: dict | None = None) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=90)
    for name, value in secrets.items():
        at.secrets[name] = value
    if user is not None:
        at.user = user
    at.run()
    at.query_params.update(query or {})
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def field(item: str, name: str, period: str = PERIOD) -> str:
    return f"rp|{period}|{item}|{name}"


def has_form(at: AppTest) -> bool:
    return any(b.label == "Lagre perioden" for b in at.button)


def click(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sign_in(at: AppTest, password: str = PASSWORD, name: str = "Kari Nordmann") -> AppTest:
    name_box = next(t for t in at.text_input if t.label == "Navnet ditt")
    password_box = next(t for t in at.text_input if t.label == "Passord")
    name_box.input(name)
    password_box.input(password)
    return click(at, "Logg inn")


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in getattr(at, kind)]


def set_status(at: AppTest, status: str = NEW_STATUS, evidence: str = "Styrets protokoll 12.11.2026",
               comment: str = "Vurdert på nytt") -> None:
    at.selectbox(key=field(ITEM, "status")).set_value(status)
    at.text_area(key=field(ITEM, "evidence")).input(evidence)
    at.text_area(key=field(ITEM, "comment")).input(comment)


def recorded() -> list[sm.Entry]:
    return list(ss.read_history())


# -- viewers and editors -------------------------------------------------------------------------
def test_without_sign_in_settings_the_page_is_read_only_and_says_how_to_enable_editing():
    at = app({"editors": {"emails": ["kari@kommune.no"]}})  # an allowlist alone enables nothing
    assert not has_form(at) and not at.text_area
    info = " ".join(texts(at, "info"))
    assert "skrivebeskyttet" in info and "redaktørpassord" in info and "secrets" not in info
    assert any(ITEM_NAME in body for body in texts(at, "markdown"))  # viewers see every status


def test_password_editor_signs_in_for_the_session_and_sees_the_form():
    at = app({passwords.SECRET_KEY: HASH})
    assert not has_form(at)
    sign_in(at)
    assert has_form(at)
    assert "Logget inn som redaktør: Kari Nordmann" in texts(at, "caption")
    at.run()  # a rerun (another click) keeps the sign-in
    assert has_form(at)
    click(at, "Logg ut")
    assert not has_form(at)


def test_wrong_password_pauses_that_name_in_every_session_and_says_when_to_try_again():
    throttle = ui_sign_in.password_throttle()  # the process-wide object the page uses, on a frozen clock
    throttle.clock = lambda: 1000.0
    at = app({passwords.SECRET_KEY: HASH})
    sign_in(at, password="feil-passord-123")
    assert any(f"Feil passord. Du kan prøve igjen om {ea.wait_text(ea.FIRST_PAUSE_S)}." in e
               for e in texts(at, "error")) and not has_form(at)
    sign_in(at)  # the right password during the name's pause is refused unchecked
    assert any("For mange feil passord for navnet «Kari Nordmann»" in e and "Prøv igjen om 2 sekunder" in e
               for e in texts(at, "error")) and not has_form(at)
    other_tab = app({passwords.SECRET_KEY: HASH})  # the same name in a new session is paused too
    sign_in(other_tab)
    assert any("For mange feil passord for navnet" in e for e in texts(other_tab, "error"))
    throttle.clock = lambda: 1000.0 + ea.FIRST_PAUSE_S  # the pause is over
    sign_in(other_tab)
    assert has_form(other_tab)


def test_a_strangers_wrong_passwords_do_not_keep_the_editors_out():
    throttle = ui_sign_in.password_throttle()
    throttle.clock = lambda: 1000.0
    stranger = app({passwords.SECRET_KEY: HASH})
    sign_in(stranger, password="gjetning-123", name="Ukjent")
    sign_in(stranger, password="gjetning-456", name="Ukjent")  # refused: «Ukjent» is paused
    assert not has_form(stranger)
    editor_tab = app({passwords.SECRET_KEY: HASH})
    sign_in(editor_tab)  # Kari, at the same moment, with the right password
    assert has_form(editor_tab) and not texts(editor_tab, "error")


def test_guessing_under_new_names_meets_the_ceiling_and_is_told_when_to_try_again():
    throttle = ui_sign_in.password_throttle()
    throttle.clock = lambda: 1000.0
    at = app({passwords.SECRET_KEY: HASH})
    for n in range(ea.WRONG_PER_MINUTE):
        sign_in(at, password="gjetning-123", name=f"Navn {n}")
    sign_in(at)  # a new name, the right password, within the same minute
    assert not has_form(at)
    assert any("For mange feil passord i dashbordet det siste minuttet" in e and "Prøv igjen om 60 sekunder" in e
               for e in texts(at, "error"))
    throttle.clock = lambda: 1060.0
    sign_in(at)
    assert has_form(at)


def test_oidc_viewer_not_signed_in_sees_a_sign_in_button_and_no_form():
    at = app({"auth": OIDC, "editors": {"emails": ["kari@kommune.no"]}}, user={"is_logged_in": False})
    assert not has_form(at)
    assert any(b.label == "Logg inn for å registrere status" for b in at.button)


def test_oidc_signed_in_but_not_on_the_allowlist_cannot_edit():
    at = app({"auth": OIDC, "editors": {"emails": ["kari@kommune.no"]}},
             user={"is_logged_in": True, "email": "ola@kommune.no", "name": "Ola"})
    assert not has_form(at)
    assert any("har ikke redigeringsrett" in w for w in texts(at, "warning"))


@pytest.mark.parametrize("claims, why", [
    ({"email": "kari@kommune.no", "email_verified": False}, "ikke bekreftet"),
    ({"preferred_username": "kari@kommune.no"}, "ingen e-postadresse"),
    ({"upn": "kari@kommune.no"}, "ingen e-postadresse"),
])
def test_oidc_account_without_a_verified_email_claim_cannot_edit(claims, why):
    at = app({"auth": OIDC, "editors": {"emails": ["kari@kommune.no"]}},
             user={"is_logged_in": True, "name": "Kari Nordmann", **claims})
    assert not has_form(at)
    warning = " ".join(texts(at, "warning"))
    assert fmt.escape_markdown(why) in warning and "redigeringsrett" in warning
    assert any(b.label == "Logg ut" for b in at.button)


def test_oidc_editor_on_the_allowlist_saves_as_themselves():
    at = app({"auth": OIDC, "editors": {"emails": ["Kari@Kommune.no"]}, passwords.SECRET_KEY: HASH},
             user={"is_logged_in": True, "email": "kari@kommune.no", "name": "Kari Nordmann"})
    assert has_form(at) and not any(t.label == "Passord" for t in at.text_input)  # [auth] wins
    set_status(at)
    click(at, "Lagre perioden")
    [entry] = recorded()
    assert (entry.item, entry.status, entry.who, entry.period) == (ITEM, NEW_STATUS, "Kari Nordmann", PERIOD)


# -- saving --------------------------------------------------------------------------------------
def test_saving_a_period_records_only_the_changed_items_in_one_go_and_shows_the_change():
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    set_status(at)
    at.selectbox(key=field("sakornfond-2", "status")).set_value("ikke angitt")
    click(at, "Lagre perioden")
    assert f"Lagret 2 statuser i {PERIOD}." in texts(at, "success")
    entries = recorded()
    assert sorted(e.item for e in entries) == [ITEM, "sakornfond-2"]
    assert {e.id for e in entries} == {1, 2} and all(e.who == "Kari Nordmann" for e in entries)
    assert fmt.escape_markdown(f"Endret siden sluttrapporten (2018): {STATUS_2018} → {NEW_STATUS}") in texts(at, "caption")
    # the form now shows what is saved: saving again records nothing
    click(at, "Lagre perioden")
    assert "Ingen endringer å lagre." in texts(at, "info") and len(recorded()) == 2


def test_another_editors_save_since_opening_is_shown_before_saving():
    kari = sign_in(app({passwords.SECRET_KEY: HASH}), name="Kari")
    ola = sign_in(app({passwords.SECRET_KEY: HASH}), name="Ola")
    set_status(ola, status="pågår", evidence="Olas kilde")
    click(ola, "Lagre perioden")
    set_status(kari, evidence="Karis kilde")
    click(kari, "Lagre perioden")
    warning = " ".join(texts(kari, "warning"))
    assert "En annen redaktør har lagret 1 av de samme punktene" in warning
    assert "Lagret av Ola" in warning and "Olas kilde" in warning and "Karis kilde" in warning
    assert [e.who for e in recorded()] == ["Ola"]  # nothing saved yet
    assert kari.text_area(key=field(ITEM, "evidence")).value == "Karis kilde"
    click(kari, "Lagre perioden")  # the second click saves; the later save counts
    history = recorded()
    assert [(e.who, e.status) for e in history] == [("Ola", "pågår"), ("Kari", NEW_STATUS)]
    assert period_view.latest_per_item(history)[ITEM].who == "Kari"


def test_invalid_input_is_refused_and_kept():
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    set_status(at, status="nådd", evidence="", comment="Et langt resonnement som ikke må gå tapt")
    click(at, "Lagre perioden")
    assert any("Ingenting er lagret" in e and "krever belegg" in e for e in texts(at, "error"))
    assert recorded() == []
    assert at.text_area(key=field(ITEM, "comment")).value == "Et langt resonnement som ikke må gå tapt"
    assert at.selectbox(key=field(ITEM, "status")).value == "nådd"


def test_a_failed_save_keeps_everything_typed(monkeypatch, tmp_path):
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    set_status(at, comment="Skrevet før databasen sviktet")
    ss.db_path().parent.mkdir(parents=True, exist_ok=True)
    ss.db_path().write_bytes(b"this is not a database" * 100)
    click(at, "Lagre perioden")
    assert any("Ingenting er lagret" in e and "fortsatt i skjemaet" in e for e in texts(at, "error"))
    assert at.text_area(key=field(ITEM, "comment")).value == "Skrevet før databasen sviktet"
    assert at.selectbox(key=field(ITEM, "status")).value == NEW_STATUS
    ss.db_path().unlink()  # repaired: the same input saves
    click(at, "Lagre perioden")
    assert [e.comment for e in recorded()] == ["Skrevet før databasen sviktet"]


def test_a_read_only_database_keeps_the_input_and_the_other_tabs(read_only_sqlite):
    saved_period()  # the database exists; from now on it can only be read
    read_only_sqlite()
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    at.selectbox(key=field("sakornfond-2", "status")).set_value("ikke angitt")
    at.text_area(key=field("sakornfond-2", "comment")).input("Skrevet mens fila var skrivebeskyttet")
    click(at, "Lagre perioden")
    [error] = texts(at, "error")
    assert error == ("Ingenting er lagret, fordi statushistorikken er skrivebeskyttet på serveren – gi beskjed til "
                     "den som drifter dashbordet. Det du har skrevet står fortsatt i skjemaet; prøv å lagre igjen om "
                     "litt.")
    assert at.text_area(key=field("sakornfond-2", "comment")).value == "Skrevet mens fila var skrivebeskyttet"
    assert [t.label for t in at.tabs] == ["Status i perioden", "Historikk", "Utskrift og nedlasting"]
    assert at.selectbox(key="rp-history") is not None and at.dataframe  # the history tab
    assert any(b.label.startswith("Last ned perioden som CSV") for b in at.get("download_button"))  # the print tab
    assert len(recorded()) == 1


def test_a_save_behind_another_writers_lock_says_so_within_seconds_and_can_be_tried_again():
    saved_period()
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    at.selectbox(key=field("sakornfond-2", "status")).set_value("ikke angitt")
    at.text_area(key=field("sakornfond-2", "comment")).input("Skrevet mens en annen lagret")
    other = sqlite3.connect(ss.db_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another editor's save (or an import) holds the write lock
    started = time.monotonic()
    try:
        click(at, "Lagre perioden")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert time.monotonic() - started < 8
    assert any("Ingenting er lagret" in e and "opptatt med en annen lagring" in e and "prøv å lagre igjen" in e
               for e in texts(at, "error"))
    assert at.text_area(key=field("sakornfond-2", "comment")).value == "Skrevet mens en annen lagret"
    click(at, "Lagre perioden")  # the lock is gone: trying again saves
    assert "Lagret 1 status i " + PERIOD + "." in texts(at, "success")
    assert [e.comment for e in recorded()][-1] == "Skrevet mens en annen lagret"


def test_a_name_without_a_visible_character_is_refused_at_sign_in():
    at = sign_in(app({passwords.SECRET_KEY: HASH}), name="\u200b\u200c\u200d")
    assert not has_form(at)
    assert any(e.startswith("Navnet har ingen synlige tegn") for e in texts(at, "error"))


@pytest.mark.parametrize("comment, message", [
    ("Før\x00etter", "kommentaren inneholder et nulltegn"),
    ("x" * (text_rules.MAX_COMMENT_CHARS + 1), "kommentaren har 4"),
], ids=["nul", "too-long"])
def test_a_nul_or_an_overlong_comment_is_refused_and_kept(comment, message):
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    set_status(at, comment=comment)
    click(at, "Lagre perioden")
    assert any("Ingenting er lagret" in e and message in e for e in texts(at, "error"))
    assert at.text_area(key=field(ITEM, "comment")).value == comment
    assert recorded() == []


# -- history, printout, download, slide ----------------------------------------------------------
def saved_period() -> None:
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    set_status(at)
    click(at, "Lagre perioden")


def test_history_printout_and_download_for_viewers():
    saved_period()
    at = app({})
    assert not has_form(at)
    at.selectbox(key="rp-history").set_value(ITEM).run()
    history = at.dataframe[0].value
    assert list(history["Periode"]) == [PERIOD, sm.BASELINE_PERIOD]
    assert list(history["Status"]) == [NEW_STATUS, STATUS_2018]
    printed = app({}, query={"utskrift": "1", "periode": PERIOD})
    assert [t.value for t in printed.title] == [f"Statusrapport til regionrådet – {PERIOD}"]
    assert any(f"Periode {PERIOD}" in c and f"Skrevet ut {date.today():%d.%m.%Y}" in c for c in texts(printed, "caption"))
    assert printed.table and not printed.text_area
    assert any(b.label.startswith("Last ned perioden som CSV") for b in at.get("download_button"))


def test_council_slide_shows_the_changes_once_a_period_is_recorded():
    at = AppTest.from_file("../dashboard.py", default_timeout=90)
    at.query_params["presentasjon"] = "1"
    at.run()
    count = len(at.segmented_control[0].options)
    saved_period()
    at = AppTest.from_file("../dashboard.py", default_timeout=90)
    at.query_params.update({"presentasjon": "1", "lysbilde": str(count + 1)})
    at.run()
    assert not at.exception
    assert len(at.segmented_control[0].options) == count + 1
    assert [t.value for t in at.title] == ["Endringer siden forrige rapport"]
    body = " ".join(texts(at, "markdown"))
    assert fmt.escape_markdown("1 statusendring siden sluttrapporten (2018)") in body
    assert fmt.escape_markdown(f"{ITEM_NAME}: {STATUS_2018} → {NEW_STATUS}") in body


def test_saving_other_items_never_reverts_what_another_editor_saved_meanwhile():
    kari = sign_in(app({passwords.SECRET_KEY: HASH}), name="Kari")
    ola = sign_in(app({passwords.SECRET_KEY: HASH}), name="Ola")
    set_status(ola, status="pågår", evidence="Olas kilde")
    click(ola, "Lagre perioden")
    kari.selectbox(key=field("sakornfond-2", "status")).set_value("ikke angitt")
    click(kari, "Lagre perioden")
    assert [(e.who, e.item) for e in recorded()] == [("Ola", ITEM), ("Kari", "sakornfond-2")]
    assert kari.selectbox(key=field(ITEM, "status")).value == "pågår"  # the form now shows Ola's save
    click(kari, "Lagre perioden")
    assert len(recorded()) == 2


def test_the_printout_names_a_period_it_does_not_know_and_prints_the_newest():
    printed = app({}, query={"utskrift": "1", "periode": "2031 H1"})
    assert any("«2031 H1»" in w for w in texts(printed, "warning"))
    assert [t.value for t in printed.title] == ["Statusrapport til regionrådet – sluttrapporten (2018)"]


def test_a_printout_value_other_than_1_is_named_and_the_page_shown():
    at = app({}, query={"utskrift": "ja"})
    assert any("«utskrift»" in w and "«ja»" in w for w in texts(at, "warning"))
    assert [t.value for t in at.title] == ["Statusrapportering"]


def test_an_editor_linked_to_the_final_report_is_told_it_is_not_edited_here():
    at = sign_in(app({passwords.SECRET_KEY: HASH}))
    at.query_params["periode"] = sm.BASELINE_PERIOD  # a link to the final report, opened by a signed-in editor
    at.run()
    assert any(f"«{fmt.escape_markdown(sm.BASELINE_PERIOD)}» kan ikke velges her" in w for w in texts(at, "warning"))
    assert at.selectbox(key="periode").value == PERIOD
