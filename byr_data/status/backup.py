"""Backup and restore of the status database with SQLite's online backup API (no Streamlit).

A plain file copy of a database in WAL mode, taken while the app saves, can miss the newest saves or
be unusable. SQLite's backup API copies a consistent snapshot while others go on reading and writing.

- `backup(FILE)`: the live database → FILE. The copy is written beside FILE, checked, switched to a
  rollback journal (one self-contained file, no -wal) and only then renamed to FILE.
- `restore(FILE)`: FILE is read into memory and checked first: an SQLite database, intact, the status
  history's schema, no newer than this app, every entry readable (an older schema is upgraded in
  memory). Only then is the live database replaced, in one SQLite write transaction that a failure
  rolls back (or, where there is no usable database, by renaming a complete new file into place), so
  a database is never half restored. The database it replaces is kept beside it
  (`status.sqlite3.forrige-<tid>`; a damaged one as `status.sqlite3.skadet-<tid>`).

Messages are Norwegian; every failure is a StatusDbError (BackupError when the backup file is the
problem) and leaves everything as it was.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from byr_data.status import store as ss

PAGES_PER_STEP = 256  # a restore copies this many pages a step, all in one transaction on the live database
LOCK_PATIENCE_S = 30.0  # how long a restore waits for another writer to finish
UNCHANGED = "ingenting er endret"

Progress = Callable[[int, int, int], object]  # (status, pages remaining, pages in all), as sqlite3's backup calls it


class BackupError(ss.StatusDbError):
    """The backup file cannot be written or used; nothing is changed."""

    page_text = "sikkerhetskopien kan ikke brukes"


@dataclass(frozen=True)
class Contents:
    entries: int
    periods: int

    def __str__(self) -> str:
        return (f"{self.entries} {'oppføring' if self.entries == 1 else 'oppføringer'} i "
                f"{self.periods} {'periode' if self.periods == 1 else 'perioder'}")


@dataclass(frozen=True)
class Restored:
    contents: Contents  # what the database holds now
    previous: Path | None  # where the database it replaced is kept (None: there was none)
    previous_contents: Contents | None  # what that one held (None: none, or damaged)


def _contents(store: ss.StatusStore) -> Contents:
    return Contents(len(store.entries()), len(store.periods()))


def _beside(target: Path, label: str) -> Path:
    """A new name beside the database, e.g. status.sqlite3.forrige-20261215-103000 (never one in use)."""
    base = f"{target.name}.{label}-{datetime.now():%Y%m%d-%H%M%S}"
    names = (base, *(f"{base}-{n}" for n in range(2, 1000)))
    return next(target.with_name(name) for name in names
                if not any(Path(f"{target.with_name(name)}{suffix}").exists() for suffix in ("", "-wal", "-shm")))


def _write_file(conn: sqlite3.Connection, target: Path, what: str = "Sikkerhetskopien") -> None:
    """The database of `conn` as a complete, checked file at `target` (written beside it, then renamed)."""
    where = f"{what} ({target})"
    if not target.parent.is_dir():
        raise BackupError(f"{where} kan ikke skrives: mappen {target.parent} finnes ikke, så ingenting er lagret.")
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with closing(sqlite3.connect(temporary, isolation_level=None)) as copy:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            check = copy.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"{where} ble ikke riktig ved kontrollen ({check}), så ingenting er lagret.")
        os.replace(temporary, target)
    except sqlite3.Error as exc:
        raise ss.db_error(exc, where, writing=True) from None
    except OSError as exc:
        raise BackupError(f"{where} kan ikke skrives ({exc.strerror}), så ingenting er lagret.") from None
    finally:
        temporary.unlink(missing_ok=True)


def backup(target: Path, source: Path | None = None) -> Contents:
    """Write a backup of the status database to `target`; what it holds. Raises StatusDbError."""
    source, target = Path(source or ss.db_path()), Path(target)
    if not source.exists():
        raise BackupError(f"Statusdatabasen ({source}) finnes ikke ennå, så det er ingenting å ta sikkerhetskopi av.")
    if target.is_dir():
        raise BackupError(f"{target} er en mappe; skriv et filnavn, f.eks. {target / 'status-kopi.sqlite3'}.")
    if target.resolve() in {Path(f"{source}{suffix}").resolve() for suffix in ("", "-wal", "-shm")}:
        raise BackupError(f"Sikkerhetskopien kan ikke skrives over selve statusdatabasen ({source}); velg et annet "
                          "filnavn.")
    with closing(ss.open_store(source)) as store:
        contents = _contents(store)
        _write_file(store.conn, target)
    return contents


# -- restore -------------------------------------------------------------------------------------
def _load(source: Path) -> sqlite3.Connection:
    """The backup in memory, checked and brought up to this app's schema. Raises BackupError."""
    where = f"Sikkerhetskopien ({source})"
    if not source.is_file():
        raise BackupError(f"{where} finnes ikke eller er ikke en fil; {UNCHANGED}.")
    memory = sqlite3.connect(":memory:", isolation_level=None)
    try:
        try:
            with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as file:
                memory.execute(f"PRAGMA page_size = {file.execute('PRAGMA page_size').fetchone()[0]}")
                file.backup(memory)
            check = memory.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            damaged = "malformed" in str(exc) or "corrupt" in str(exc)
            raise BackupError(f"{where} {'er skadet' if damaged else 'kan ikke leses som en SQLite-database'} "
                              f"({exc}); {UNCHANGED}.") from None
        if check != "ok":
            raise BackupError(f"{where} er skadet ({check}); {UNCHANGED}.")
        loaded = ss.StatusStore(source, memory)
        version = loaded.version()
        if version > ss.SCHEMA_VERSION:
            raise BackupError(f"{where} er laget av en nyere versjon av appen (skjemaversjon {version}; denne "
                              f"versjonen kjenner til og med {ss.SCHEMA_VERSION}). Oppdater appen først; {UNCHANGED}.")
        tables = {row[0] for row in memory.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version < 1 or "entry" not in tables or (version >= 2 and "period" not in tables):
            raise BackupError(f"{where} er ikke en sikkerhetskopi av statushistorikken (tabellene for oppføringer "
                              f"og perioder mangler); {UNCHANGED}.")
        try:
            loaded.migrate()
            loaded.entries()  # every entry can be read
        except ss.StatusDbError as exc:
            raise BackupError(f"{where} kan ikke brukes: {exc} Derfor er {UNCHANGED}.") from None
    except BaseException:
        memory.close()
        raise
    return memory


def _replace(loaded: sqlite3.Connection, live: ss.StatusStore, progress: Progress | None) -> None:
    """Copy the loaded backup over the live database: one write transaction, rolled back on any failure."""
    deadline = time.monotonic() + LOCK_PATIENCE_S

    def watch(status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(status, remaining, total)
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise ss.StatusDbLocked(f"Statusdatabasen ({live.path}) er låst av en annen bruker eller prosess, også "
                                    f"etter {LOCK_PATIENCE_S:.0f} sekunder. Prøv igjen om litt; {UNCHANGED}.")

    try:
        loaded.backup(live.conn, pages=PAGES_PER_STEP, progress=watch, sleep=0.1)
    except sqlite3.Error as exc:
        raise ss.db_error(exc, f"Statusdatabasen ({live.path})", writing=True) from None


def _set_aside(target: Path, label: str) -> Path:
    """Rename a database file (and its -wal and -shm) out of the way; the new name."""
    aside = _beside(target, label)
    for suffix in ("-wal", "-shm", ""):  # the main file last: until then the old database is whole
        part = Path(f"{target}{suffix}")
        if part.exists():
            os.replace(part, f"{aside}{suffix}")
    return aside


def restore(source: Path, target: Path | None = None, *, progress: Progress | None = None) -> Restored:
    """Replace the status database with the backup `source` (see the module's docstring).

    progress: called after each step of the copy over the live database (tests use it to stop
    half-way). Raises StatusDbError; then the database is as it was."""
    source, target = Path(source), Path(target or ss.db_path())
    with closing(_load(source)) as loaded:
        previous, previous_contents = None, None
        live = None
        if target.exists():
            try:
                live = ss.open_store(target, busy_timeout=1.0)
            except ss.StatusDbCorrupt:
                try:
                    previous = _set_aside(target, "skadet")
                except OSError as exc:
                    raise BackupError(f"Den skadede statusdatabasen ({target}) kan ikke flyttes til side "
                                      f"({exc.strerror}); {UNCHANGED}.") from None
        if live is None:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise BackupError(f"Mappen for statusdatabasen ({target.parent}) kan ikke lages ({exc.strerror}); "
                                  f"{UNCHANGED}.") from None
            try:
                _write_file(loaded, target, "Statusdatabasen")  # a complete file, renamed into place
            except BaseException:
                if previous is not None:
                    os.replace(previous, target)  # the damaged file back where it was
                raise
        else:
            with closing(live):
                previous_contents = _contents(live)
                previous = _beside(target, "forrige")
                _write_file(live.conn, previous)
                try:
                    _replace(loaded, live, progress)
                except BaseException:
                    previous.unlink(missing_ok=True)  # the database is unchanged: no copy of it is needed
                    raise
    with closing(ss.open_store(target)) as store:  # WAL as the app expects, and what it holds now
        return Restored(_contents(store), previous, previous_contents)
