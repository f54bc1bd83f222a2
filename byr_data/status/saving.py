"""Saving a period's statuses with the check for another editor's saves (pure use case, no Streamlit).

The form remembers which entry each item had when it was opened (`opened_ids`). The save is one
transaction in the status database: when another editor has saved one of the same items in the
period since then, nothing is saved and the differing versions are returned as conflicts; a second
save with the ids seen now records this editor's version (both stay in the history). Items the other
editor saved with exactly what was typed here are not saved twice.

An editor is waiting for the answer, so a save waits only a few seconds for another writer's lock
(LONGEST_WAIT_S) before it says so; the command line keeps the store's longer patience.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from byr_data.status import model as sm, reporting, store as ss

BUSY_TIMEOUT_S = 1.0  # SQLite's wait for the lock on each try
RETRIES = 2  # tries after the first, with the store's back-off between them (0.2 s, 0.4 s)
LONGEST_WAIT_S = (RETRIES + 1) * BUSY_TIMEOUT_S + sum(ss.FIRST_BACKOFF_S * 2 ** n for n in range(RETRIES))


@dataclass(frozen=True)
class SaveOutcome:
    saved: int  # entries recorded
    conflicts: tuple[reporting.Conflict, ...]  # another editor's differing saves: nothing saved, ask again
    latest_ids: Mapping[str, int | None]  # each item's latest entry id in the period, as seen by this save


def save_period(entries: Sequence[sm.Entry], drafts: Mapping[str, reporting.Draft],
                opened_ids: Mapping[str, int | None], period: str, who: str, items: Mapping[str, sm.Item],
                path: Path | None = None) -> SaveOutcome:
    """Record `entries` (the changed items of `drafts`) in one transaction, unless another editor saved
    a differing version of one of them since the form was opened. Raises ss.StatusDbError when the
    database cannot be written (nothing is saved then), StatusDbLocked after LONGEST_WAIT_S behind
    another writer's lock."""
    with closing(ss.open_store(path, create=True, busy_timeout=BUSY_TIMEOUT_S, retries=RETRIES)) as store:
        try:
            store.record(entries, who=who, latest_ids=opened_ids)
            return SaveOutcome(len(entries), (), opened_ids)
        except ss.EditConflict as conflict:
            period_entries = store.entries(period=period)
            clashes = reporting.conflicts(opened_ids, period_entries, drafts, conflict.items, items)
            seen = reporting.latest_ids(period_entries)  # seen now: the next save records over them
            if clashes:
                return SaveOutcome(0, tuple(clashes), seen)
            # The others saved exactly what was typed here: record only the rest.
            rest = [e for e in entries if e.item not in conflict.items]
            if rest:
                store.record(rest, who=who, latest_ids=seen)
            return SaveOutcome(len(rest), (), seen)
