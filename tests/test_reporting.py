"""The reporting logic without a UI: grouping, drafts to entries, the concurrent-edit check (also
inside the store's transaction), changes between periods, the council slide, the printout, and
who may edit (allowlist, password pause)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import replace
from datetime import date

import pytest

from byr_data.programme import goal_files
from byr_data.status import access as ea, model as sm, period_view, passwords, reporting, store as ss

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
ITEMS = sm.report_items(MATRIX, PORTFOLIO)
BASELINE = sm.baseline_entries(MATRIX, PORTFOLIO)
TODAY = date(2026, 11, 27)
CRITERION = "sakornfond-1"
STATUS_2018 = next(e for e in BASELINE if e.item == CRITERION).status


def entry(n: int, item=CRITERION, period="2026 H2", status="pågår", who="Kari", comment="", **extra) -> sm.Entry:
    made = sm.make_entry(item=item, period=period, status=status, basis="assessed", day=extra.pop("day", "15.11.2026"),
                         who=who, comment=comment, evidence="Protokoll", items=ITEMS,
                         vocabulary=MATRIX.vocabulary, today=TODAY)
    return replace(made, id=n, recorded_at=sm.now_utc(), **extra)


def drafts_from(changes: reporting.PeriodChanges) -> dict[str, reporting.Draft]:
    return {c.item.id: reporting.Draft.start(c.after, changes.period, MATRIX.vocabulary) for c in changes.changes}


# -- grouping ------------------------------------------------------------------------------------
def test_every_criterion_and_project_once_grouped_by_goal():
    groups = reporting.groups(MATRIX, PORTFOLIO)
    listed = [item.id for group in groups for item in group.items]
    assert sorted(listed) == sorted(ITEMS) and len(listed) == len(set(listed))
    assert groups[0].title == f"1. {MATRIX.goals[0].title}"
    assert [i.id for i in groups[0].items] == [c.id for c in MATRIX.goals[0].criteria]
    assert groups[-1].title == reporting.PROJECTS_GROUP
    assert [i.id for i in groups[-1].items] == [p.id for p in PORTFOLIO.projects]


# -- the form ------------------------------------------------------------------------------------
def test_only_changed_items_become_entries_all_validated():
    changes = reporting.period_changes(ITEMS, BASELINE, (), "2026 H2")
    opened = drafts_from(changes)
    drafts = dict(opened)
    drafts[CRITERION] = reporting.Draft.typed("nådd", "stated", "  Fondet er etablert \n", "Styrets protokoll\n\n")
    saved = reporting.entries_to_save(drafts, opened, period="2026 H2", day=TODAY, who="Kari", items=ITEMS,
                                      vocabulary=MATRIX.vocabulary, today=TODAY)
    assert [(e.item, e.status, e.basis, e.comment, e.evidence, e.period, e.who) for e in saved] == [
        (CRITERION, "nådd", "stated", "Fondet er etablert", ("Styrets protokoll",), "2026 H2", "Kari")]
    assert reporting.changed_items(opened, opened) == []


def test_a_new_period_starts_with_the_carried_status_but_no_old_comment_or_evidence():
    quoted = next(e for e in BASELINE if e.evidence and e.comment)
    fresh = reporting.Draft.start(quoted, "2026 H2", MATRIX.vocabulary)
    assert (fresh.status, fresh.basis, fresh.comment, fresh.evidence) == (quoted.status, "assessed", "", ())
    same_period = entry(7, comment="Rettes")
    assert reporting.Draft.start(same_period, "2026 H2", MATRIX.vocabulary).comment == "Rettes"
    assert reporting.Draft.start(None, "2026 H2", MATRIX.vocabulary).status == "ikke angitt"


def test_invalid_drafts_name_every_item_and_nothing_is_returned():
    changes = reporting.period_changes(ITEMS, BASELINE, (), "2026 H2")
    opened = drafts_from(changes)
    drafts = dict(opened)
    first, second = list(ITEMS)[:2]
    drafts[first] = reporting.Draft.typed("nådd", "stated", "", "")  # «nådd» needs evidence
    drafts[second] = reporting.Draft.typed("nådd", "assessed", "", "")
    with pytest.raises(reporting.DraftErrors) as caught:
        reporting.entries_to_save(drafts, opened, period="2026 H2", day=TODAY, who="Kari", items=ITEMS,
                                  vocabulary=MATRIX.vocabulary, today=TODAY)
    assert len(caught.value.errors) == 2
    assert all("krever belegg" in error for error in caught.value.errors)
    assert caught.value.errors[0].startswith(f"«{reporting.shorten(ITEMS[first].name)}»")


def test_a_future_date_is_refused():
    opened = drafts_from(reporting.period_changes(ITEMS, BASELINE, (), "2026 H2"))
    drafts = {**opened, CRITERION: reporting.Draft.typed("pågår", "assessed", "", "x")}
    with pytest.raises(reporting.DraftErrors, match="fram i tid"):
        reporting.entries_to_save(drafts, opened, period="2026 H2", day=date(2026, 12, 1), who="Kari",
                                  items=ITEMS, vocabulary=MATRIX.vocabulary, today=TODAY)


def test_conflict_when_someone_saved_the_same_item_since_opening():
    mine = reporting.Draft.typed("nådd", "stated", "", "Min kilde")
    opened_ids = {CRITERION: 1}
    later = entry(5, status="ikke nådd", who="Ola")
    found = reporting.conflicts(opened_ids, [entry(1), later], {CRITERION: mine}, [CRITERION], ITEMS)
    assert [(c.item.id, c.theirs.who, c.mine.status) for c in found] == [(CRITERION, "Ola", "nådd")]
    # nothing new since opening, or the other editor saved exactly the same: no conflict
    assert reporting.conflicts({CRITERION: 5}, [entry(1), later], {CRITERION: mine}, [CRITERION], ITEMS) == []
    same = reporting.Draft.of(later, MATRIX.vocabulary)
    assert reporting.conflicts(opened_ids, [entry(1), later], {CRITERION: same}, [CRITERION], ITEMS) == []
    # an item nobody had touched when the form was opened
    assert len(reporting.conflicts({}, [later], {CRITERION: mine}, [CRITERION], ITEMS)) == 1


def test_the_store_refuses_a_stale_save_in_the_same_transaction(tmp_path):
    path = tmp_path / "status.sqlite3"
    with ss.open_store(path, create=True) as store:
        store.record([entry(0, who="Kari")])
        opened = reporting.latest_ids(store.entries(period="2026 H2"))
        store.record([entry(0, who="Ola", status="nådd")], latest_ids=opened)  # the other editor, first
        with pytest.raises(ss.EditConflict) as caught:
            store.record([entry(0, who="Kari", status="ikke nådd")], latest_ids=opened)
        assert caught.value.items == (CRITERION,)
        assert [e.who for e in store.entries()] == ["Kari", "Ola"]  # nothing of the refused save
        # seen both: the second save goes through, the later one counts, both stay in the history
        store.record([entry(0, who="Kari", status="ikke nådd")], latest_ids=reporting.latest_ids(store.entries()))
        history = store.entries()
    assert [e.status for e in history] == ["pågår", "nådd", "ikke nådd"]
    assert period_view.latest_per_item(history)[CRITERION].who == "Kari"


# -- changes between periods ---------------------------------------------------------------------
HISTORY = (entry(1, period="2026 H1", status="pågår", day="15.05.2026"),
           entry(2, period="2026 H2", status="nådd"),
           entry(3, item="sakornfond-2", period="2026 H2", status="ikke startet"),
           entry(4, item="sakornfond-2", period="2026 H2", status="pågår", comment="Rettet"))


def test_changes_since_the_previous_period():
    changes = reporting.period_changes(ITEMS, BASELINE, HISTORY, "2026 H2")
    assert (changes.period, changes.previous, changes.date) == ("2026 H2", "2026 H1", date(2026, 11, 15))
    fund = changes.change(CRITERION)
    assert (fund.before.status, fund.after.status, fund.status_changed) == ("pågår", "nådd", True)
    assert reporting.change_line(fund, changes.previous) == "Endret siden 2026 H1: pågår → nådd"
    corrected = changes.change("sakornfond-2")
    assert corrected.after.comment == "Rettet"  # the later entry in the period counts
    untouched = next(c for c in changes.changes if not c.recorded)
    assert reporting.change_line(untouched, changes.previous) == "Uendret siden sluttrapporten (2018)"
    assert len(changes.recorded) == 2


def test_a_new_period_starts_from_the_newest_statuses():
    changes = reporting.period_changes(ITEMS, BASELINE, HISTORY, "2027 H1")
    assert reporting.summary_message(changes) == "2027 H1: ingen status er registrert ennå. Forrige rapport er 2026 H2."
    assert reporting.summary_message(reporting.period_changes(ITEMS, BASELINE, HISTORY)).startswith(
        "2026 H2: 2 av ")
    assert (changes.previous, changes.date, changes.recorded) == ("2026 H2", None, [])
    assert changes.change(CRITERION).after.status == "nådd"
    assert reporting.change_line(changes.change(CRITERION), "2026 H2") == "Uendret siden 2026 H2"


def test_the_final_report_has_no_previous_period():
    changes = reporting.period_changes(ITEMS, BASELINE, HISTORY, sm.BASELINE_PERIOD)
    assert changes.previous is None and changes.change(CRITERION).after.status == STATUS_2018
    assert reporting.changes_slides(changes) == []
    assert reporting.changes_slides(reporting.period_changes(ITEMS, BASELINE, ())) == []


def test_council_slide_lists_the_changes():
    [slide] = reporting.changes_slides(reporting.period_changes(ITEMS, BASELINE, HISTORY))
    assert slide.heading == "Endringer siden forrige rapport"
    assert slide.message == "2 statusendringer siden 2026 H1"
    assert "Statusrapport 2026 H2, sist registrert 15.11.2026" in slide.detail
    assert f"{reporting.shorten(ITEMS[CRITERION].name, 60)}: pågår → nådd" in slide.items


def test_council_slide_without_changes_and_with_many():
    quiet = (entry(1, period="2026 H1", status="pågår", day="15.05.2026"), entry(2, period="2026 H2", status="pågår"))
    [slide] = reporting.changes_slides(reporting.period_changes(ITEMS, BASELINE, quiet))
    assert slide.message == "Ingen statusendringer siden 2026 H1" and slide.items == []
    judged = [e.item for e in BASELINE if e.status != "ikke angitt"][:10]  # ten items that will change
    assert len(judged) == 10
    many = [entry(n, item=item, status="ikke angitt", evidence=()) for n, item in enumerate(judged, 1)]
    [slide] = reporting.changes_slides(reporting.period_changes(ITEMS, BASELINE, many))
    assert len(slide.items) == reporting.SLIDE_MAX_ITEMS and slide.items[-1].startswith("… og 4 til")


def test_printout_and_history_tables():
    changes = reporting.period_changes(ITEMS, BASELINE, HISTORY, "2026 H2")
    tables = reporting.printout_tables(reporting.groups(MATRIX, PORTFOLIO), changes)
    assert sum(len(table) for _, table in tables) == len(ITEMS)
    rows = {row["Kriterium eller prosjekt"]: row for _, table in tables for _, row in table.iterrows()}
    fund = rows[ITEMS[CRITERION].name]
    assert (fund["Status"], fund["Registrert"]) == ("nådd (vurdert av sekretariatet)", "2026 H2, 15.11.2026, Kari")
    assert fund["Belegg"] == "Protokoll"
    quoted = next(e for e in BASELINE if e.evidence and e.item not in {"sakornfond-1", "sakornfond-2"})
    assert rows[ITEMS[quoted.item].name]["Belegg"] == " · ".join(f"«{q}»" for q in quoted.evidence)  # report's words
    history = reporting.history_table("sakornfond-2", BASELINE, HISTORY)
    assert list(history["Periode"]) == ["2026 H2", "2026 H2", sm.BASELINE_PERIOD]
    assert list(history["Gjelder"]) == ["ja", "nei, erstattet senere i perioden", "ja"]
    baseline = history.iloc[-1]  # our reading of the report, with our note labelled as ours
    assert (baseline["Grunnlag"], baseline["Registrert av"]) == ("vår vurdering ut fra sluttrapporten (2018)",) * 2
    assert baseline["Kommentar"].startswith("Vår merknad: ")


# -- who may edit --------------------------------------------------------------------------------
HASH = passwords.hash_password("riktig-passord-123")


def test_access_modes_from_secrets():
    assert ea.access_config({}).mode == ea.NONE
    assert ea.access_config({"editors": {"emails": ["a@b.no"]}}).mode == ea.NONE  # no [auth]: no sign-in
    password = ea.access_config({passwords.SECRET_KEY: HASH})
    assert (password.mode, password.can_edit) == (ea.PASSWORD, True)
    broken = ea.access_config({passwords.SECRET_KEY: "nonsense"})
    assert not broken.can_edit and "kan ikke leses" in broken.problem
    oidc = ea.access_config({"auth": {"client_id": "x"}, "editors": {"emails": [" Kari@Kommune.no "]},
                             passwords.SECRET_KEY: HASH})
    assert oidc.mode == ea.OIDC and oidc.editor_emails == {"kari@kommune.no"}
    assert ea.access_config({"auth": {"client_id": "x"}}).problem  # nobody allowed yet


def identity(**claims) -> ea.Identity:
    return ea.oidc_identity({"is_logged_in": True, **claims})


def test_signing_in_is_not_enough_to_edit():
    config = ea.access_config({"auth": {"client_id": "x"}, "editors": {"emails": ["kari@kommune.no"]}})
    assert ea.may_edit(config, identity(email="KARI@kommune.no").email)
    assert not ea.may_edit(config, identity(email="ola@kommune.no").email)
    assert ea.oidc_identity({"email": "kari@kommune.no"}) == ea.Identity(signed_in=False)  # not signed in
    kari = identity(email=" kari@kommune.no ", name="Kari")
    assert (kari.signed_in, kari.email, kari.name, kari.problem) == (True, "kari@kommune.no", "Kari", None)


@pytest.mark.parametrize("verified", [True, "true", "True"])
def test_a_verified_email_is_checked_against_the_list(verified):
    assert identity(email="kari@kommune.no", email_verified=verified).email == "kari@kommune.no"


@pytest.mark.parametrize("verified", [False, "false", None, "", 0, "yes"])
def test_an_email_the_provider_says_is_not_verified_is_not_used(verified):
    config = ea.access_config({"auth": {"client_id": "x"}, "editors": {"emails": ["kari@kommune.no"]}})
    account = identity(email="kari@kommune.no", email_verified=verified, name="Kari")
    assert account.signed_in and account.email is None and "ikke bekreftet" in account.problem
    assert not ea.may_edit(config, account.email)


@pytest.mark.parametrize("claims", [{"preferred_username": "kari@kommune.no"}, {"upn": "kari@kommune.no"},
                                    {"email": "  "}, {}])
def test_only_the_email_claim_counts_for_the_list(claims):
    """Entra ID's preferred_username and upn are not verified addresses (and may be changed by a user):
    an account without an `email` claim cannot edit, and is told why."""
    config = ea.access_config({"auth": {"client_id": "x"}, "editors": {"emails": ["kari@kommune.no"]}})
    account = identity(name="Kari", **claims)
    assert account.signed_in and account.email is None and "ingen e-postadresse" in account.problem
    assert account.name == "Kari" and not ea.may_edit(config, account.email)


def cheap_hash(password: str) -> str:
    """The stored format at the lowest scrypt cost, so the throttle's tests can check hundreds of tries."""
    salt = b"byr-test-salt-16"
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2, r=1, p=1, dklen=32)
    return "$".join(["scrypt", "2", "1", "1", base64.b64encode(salt).decode(), base64.b64encode(digest).decode()])


CHEAP = cheap_hash("riktig-passord-123")


def test_wrong_passwords_pause_further_tries_under_that_name():
    now = [1000.0]
    throttle = ea.PasswordThrottle(clock=lambda: now[0])
    first = throttle.attempt("Kari Nordmann", "feil-passord-xyz", CHEAP)
    assert (first.ok, first.checked, first.wait_s) == (False, True, ea.FIRST_PAUSE_S)
    refused = throttle.attempt(" kari  NORDMANN ", "riktig-passord-123", CHEAP)  # the same name, the right password
    assert (refused.ok, refused.checked, refused.why) == (False, False, ea.NAME_PAUSED)
    now[0] += ea.FIRST_PAUSE_S
    assert throttle.attempt("Kari Nordmann", "feil-igjen-xyz", CHEAP).wait_s == 2 * ea.FIRST_PAUSE_S  # doubles
    now[0] += 2 * ea.FIRST_PAUSE_S
    assert throttle.attempt("Kari Nordmann", "riktig-passord-123", CHEAP).ok
    assert throttle.wait_s("Kari Nordmann") == 0
    for _ in range(12):
        now[0] += throttle.wait_s("Ola") + 61  # past the pause and the minute of the ceiling
        throttle.attempt("Ola", "feil", CHEAP)
    assert throttle.wait_s("Ola") == ea.MAX_PAUSE_S


def test_a_stranger_cannot_keep_the_editors_out():
    """One wrong try each time the pause ends, for a day: every other name signs in at once, every time."""
    now = [1000.0]
    throttle = ea.PasswordThrottle(clock=lambda: now[0])
    for hour in range(24 * 12):  # a try every time the stranger's pause is over (at most 5 minutes)
        now[0] += throttle.wait_s("Ukjent")
        assert throttle.attempt("Ukjent", "gjetning", CHEAP).checked
        now[0] += 1
        editor = throttle.attempt(f"Redaktør {hour % 3}", "riktig-passord-123", CHEAP)
        assert editor.ok, (hour, editor)


def test_guessing_under_ever_new_names_meets_a_ceiling_for_the_whole_app():
    now = [1000.0]
    throttle = ea.PasswordThrottle(clock=lambda: now[0])
    for n in range(ea.WRONG_PER_MINUTE):
        now[0] += 1
        assert throttle.attempt(f"Navn {n}", "gjetning", CHEAP).checked
    now[0] += 1
    blocked = throttle.attempt("Enda et navn", "riktig-passord-123", CHEAP)
    assert (blocked.ok, blocked.checked, blocked.why) == (False, False, ea.TOO_MANY)
    assert blocked.wait_s == pytest.approx(60 - ea.WRONG_PER_MINUTE)  # until the first wrong try is a minute old
    now[0] += 5
    assert not throttle.attempt("Enda et navn", "gjetning", CHEAP).checked  # refused tries add nothing
    now[0] += blocked.wait_s - 5
    assert throttle.attempt("Enda et navn", "riktig-passord-123", CHEAP).ok
    assert ea.WRONG_PER_MINUTE * 60 * 24 <= 15_000  # brute force: at most ~14 400 guesses a day


def test_names_are_forgotten_after_a_while():
    now = [1000.0]
    throttle = ea.PasswordThrottle(clock=lambda: now[0])
    for n in range(ea.WRONG_PER_MINUTE):
        throttle.attempt(f"Navn {n}", "gjetning", CHEAP)
    now[0] += ea.FORGET_AFTER_S + ea.MAX_PAUSE_S + 1
    throttle.attempt("Ny", "gjetning", CHEAP)
    assert len(throttle.names) == 1  # memory stays bounded whatever names are typed


def test_names_and_wait_texts():
    assert ea.clean_name("  Kari   Nordmann ") == "Kari Nordmann"
    with pytest.raises(ValueError, match="Skriv navnet"):
        ea.clean_name("   ")
    assert ea.clean_name("\u200bKari\u200d") == "Kari"
    with pytest.raises(ValueError, match="^Navnet har ingen synlige tegn"):
        ea.clean_name("\u200b\u200c\u200d")
    with pytest.raises(ValueError, match="^Navnet inneholder et nulltegn"):
        ea.clean_name("Kari\x00")
    identity = ea.oidc_identity({"is_logged_in": True, "email": "kari@kommune.no", "name": "\u200b"})
    assert (identity.email, identity.name) == ("kari@kommune.no", "kari@kommune.no")  # invisible name: the address
    assert (ea.wait_text(1.2), ea.wait_text(30), ea.wait_text(300)) == ("2 sekunder", "30 sekunder", "5 minutter")
