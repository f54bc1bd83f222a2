"""Saving a period with the check for another editor's saves (byr_data.status.saving), on a real
SQLite file: no conflict saves all, a differing save since opening saves nothing and names it, and
the same words saved by the other editor are not saved twice."""

import sqlite3
import time
from datetime import date

import pytest

from byr_data.programme import goal_files
from byr_data.status import model as sm, reporting, saving, store as ss

MATRIX = goal_files.load_goals()
ITEMS = sm.report_items(MATRIX, goal_files.load_portfolio())
PERIOD, DAY = "2026 H2", date(2026, 11, 12)
FIRST, SECOND = "sakornfond-1", "sakornfond-2"


def draft(status: str, evidence: str) -> reporting.Draft:
    return reporting.Draft.typed(status, "assessed", "", evidence)


def entries(drafts: dict[str, reporting.Draft], who: str) -> list[sm.Entry]:
    return [sm.make_entry(item=item, period=PERIOD, status=d.status, basis=d.basis, day=DAY, who=who,
                          evidence=d.evidence, items=ITEMS, vocabulary=MATRIX.vocabulary, today=DAY)
            for item, d in drafts.items()]


def save(path, drafts, opened_ids, who="Kari"):
    return saving.save_period(entries(drafts, who), drafts, opened_ids, PERIOD, who, ITEMS, path)


def recorded(path) -> list[tuple[str, str, str]]:
    return [(e.who, e.item, e.status) for e in ss.read_history(path)]


def test_without_other_saves_every_entry_is_saved_in_one_go(tmp_path):
    path = tmp_path / "status.sqlite3"
    outcome = save(path, {FIRST: draft("pågår", "Protokoll"), SECOND: draft("nådd", "Vedtak")}, {})
    assert (outcome.saved, outcome.conflicts) == (2, ())
    assert recorded(path) == [("Kari", FIRST, "pågår"), ("Kari", SECOND, "nådd")]


def test_a_differing_save_since_opening_saves_nothing_then_the_second_save_counts(tmp_path):
    path = tmp_path / "status.sqlite3"
    save(path, {FIRST: draft("pågår", "Olas kilde")}, {}, who="Ola")
    mine = {FIRST: draft("nådd", "Karis kilde")}
    first = save(path, mine, {FIRST: None})  # Kari opened the form before Ola saved
    assert first.saved == 0 and [c.theirs.who for c in first.conflicts] == ["Ola"]
    assert recorded(path) == [("Ola", FIRST, "pågår")]
    second = save(path, mine, first.latest_ids)
    assert (second.saved, second.conflicts) == (1, ())
    assert recorded(path)[-1] == ("Kari", FIRST, "nådd")


def test_what_the_other_editor_saved_word_for_word_is_not_saved_twice(tmp_path):
    path = tmp_path / "status.sqlite3"
    same = draft("pågår", "Protokoll")
    save(path, {FIRST: same}, {}, who="Ola")
    outcome = save(path, {FIRST: same, SECOND: draft("nådd", "Vedtak")}, {FIRST: None})
    assert (outcome.saved, outcome.conflicts) == (1, ())
    assert recorded(path) == [("Ola", FIRST, "pågår"), ("Kari", SECOND, "nådd")]


def test_a_save_behind_another_writers_lock_gives_up_within_a_few_seconds(tmp_path):
    path = tmp_path / "status.sqlite3"
    ss.open_store(path, create=True).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is saving and holds the write lock
    drafts = {FIRST: draft("pågår", "Protokoll")}
    started = time.monotonic()
    try:
        with pytest.raises(ss.StatusDbLocked, match="ingenting er lagret"):
            save(path, drafts, {})
    finally:
        other.execute("ROLLBACK")
        other.close()
    waited = time.monotonic() - started
    assert saving.LONGEST_WAIT_S <= 4 and waited < saving.LONGEST_WAIT_S + 1.5, waited
    assert save(path, drafts, {}).saved == 1  # once the lock is gone, the same save goes through
