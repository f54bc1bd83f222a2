"""The status history in an embedded SQLite database: schema, migrations, reading and writing.

One file (default data/status.sqlite3, git-ignored; `BYR_STATUS_DB` overrides it) holds the
reporting periods after the final report and every status entry recorded in them. Entries are
never changed or deleted (triggers refuse it): a correction is a new entry.

Concurrency: WAL journal (readers never block the writer), `BEGIN IMMEDIATE` for every write
(the write lock is taken before anything is read, so two writers never interleave), a busy
timeout, and a few retries with back-off when the database stays locked. A write is one
transaction: it is recorded whole or not at all.

The schema version lives in `PRAGMA user_version`; MIGRATIONS[n] takes a database from version n
to n + 1. A file with a newer version than this code knows is never touched.

Every error a user can meet is a StatusDbError with a Norwegian message.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from datetime import date, datetime
from pathlib import Path

from byr_data import regions
from byr_data.status import db_errors, model as sm
from byr_data.status.db_errors import (  # the store's errors, re-exported: callers catch store.StatusDbError
    EditConflict,
    PeriodExists,
    StatusDbCorrupt,
    StatusDbError,
    StatusDbFull,
    StatusDbLocked,
    StatusDbReadOnly,
    StatusDbTooNew,
    StatusDbWriteFailed,
    db_error,
    is_locked,
)

__all__ = [  # the store's API, with the errors of db_errors it raises
    "BUSY_TIMEOUT_S", "DB_ENV", "DEFAULT_DB", "EditConflict", "FIRST_BACKOFF_S", "MIGRATIONS", "PeriodExists",
    "RETRIES", "SCHEMA_VERSION", "StatusDbCorrupt", "StatusDbError", "StatusDbFull", "StatusDbLocked",
    "StatusDbReadOnly", "StatusDbTooNew", "StatusDbWriteFailed", "StatusStore", "db_error", "db_path",
    "file_version", "open_store", "read_history"
]

DB_ENV = "BYR_STATUS_DB"
DEFAULT_DB = regions.DATA_DIR / "status.sqlite3"
BUSY_TIMEOUT_S = 5.0
RETRIES = db_errors.RETRIES
FIRST_BACKOFF_S = 0.2


def db_path() -> Path:
    value = os.environ.get(DB_ENV, "").strip()
    return Path(value).expanduser() if value else DEFAULT_DB


def file_version(path: Path | None = None) -> tuple[int, ...]:
    """Changes whenever the database or its write-ahead log changes (a cache key for pages)."""
    path = path or db_path()
    version: list[int] = []
    for candidate in (path, Path(f"{path}-wal")):
        try:
            info = candidate.stat()
            version += [info.st_mtime_ns, info.st_size]
        except OSError:
            version += [0, 0]
    return tuple(version)


# --------------------------------------------------------------------------- schema

_V1 = """
CREATE TABLE entry (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    item        TEXT NOT NULL,
    period      TEXT NOT NULL,
    status      TEXT NOT NULL,
    basis       TEXT NOT NULL CHECK (basis IN ('stated', 'assessed')),
    status_date TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    who         TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);
"""

_V2 = """
CREATE TABLE period (
    label      TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
INSERT INTO period (label, created_at, created_by)
    SELECT e.period, e.recorded_at, e.who FROM entry e
    WHERE e.id = (SELECT MIN(id) FROM entry WHERE period = e.period);
CREATE INDEX entry_period_item ON entry (period, item, id);
CREATE INDEX entry_item ON entry (item, id);
CREATE TRIGGER entry_in_known_period BEFORE INSERT ON entry
    WHEN NOT EXISTS (SELECT 1 FROM period WHERE label = NEW.period)
    BEGIN SELECT RAISE(ABORT, 'entry for a period that is not started'); END;
CREATE TRIGGER entry_never_updated BEFORE UPDATE ON entry
    BEGIN SELECT RAISE(ABORT, 'entries are never changed; record a correction as a new entry'); END;
CREATE TRIGGER entry_never_deleted BEFORE DELETE ON entry
    BEGIN SELECT RAISE(ABORT, 'entries are never deleted'); END;
"""

# MIGRATIONS[n] takes the schema from version n to n + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)


def _describe(path: Path) -> str:
    return f"Statusdatabasen ({path})"


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE itself.
    conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return conn


class StatusStore:
    """An open status database. Use `open_store()`; close it (or use `with`)."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        retries: int = RETRIES,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.path = path
        self.conn = conn
        self.retries = retries
        self.sleep = sleep

    def __enter__(self) -> StatusStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- transactions ------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT, retried with back-off while another process holds the lock.

        The body must not have effects outside the database: it may run again after a retry."""
        delay = FIRST_BACKOFF_S
        for attempt in range(self.retries + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                break
            except sqlite3.OperationalError as exc:
                if not is_locked(exc) or attempt == self.retries:
                    raise self._error(exc) from None
                self.sleep(delay)
                delay *= 2
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:  # an INSERT or the COMMIT failed: read-only, disk full, I/O, ...
            self._roll_back()
            raise self._error(exc, writing=True) from None
        except BaseException:
            self._roll_back()
            raise

    def _roll_back(self) -> None:
        """Undo an open transaction; SQLite may already have rolled it back (a full disk does)."""
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the write failed anyway; SQLite discards an uncommitted transaction on close

    def _error(self, exc: sqlite3.Error, writing: bool = False) -> StatusDbError:
        return db_error(exc, _describe(self.path), writing=writing, retries=self.retries)

    # -- schema ------------------------------------------------------------------------------
    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def check_version(self) -> int:
        current = self.version()
        if current > SCHEMA_VERSION:
            raise StatusDbTooNew(
                f"{_describe(self.path)} er laget av en nyere versjon av appen (skjemaversjon "
                f"{current}; denne versjonen kjenner til og med {SCHEMA_VERSION}). Oppdater "
                "appen. Til da vises bare statusen fra sluttrapporten 2018, og ingenting kan lagres."
            )
        return current

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the schema up to `target`, one version a transaction (no lock when up to date)."""
        while self.check_version() < target:
            with self.transaction() as conn:
                current = self.check_version()  # another process may have migrated meanwhile
                if current >= target:
                    return
                for statement in _statements(MIGRATIONS[current]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {current + 1}")

    # -- reading -----------------------------------------------------------------------------
    def periods(self) -> list[str]:
        return sm.sorted_periods(r[0] for r in self.conn.execute("SELECT label FROM period"))

    def entries(self, period: str | None = None, item: str | None = None) -> list[sm.Entry]:
        """Entries in recording order, optionally of one period and/or one item."""
        sql = ("SELECT id, item, period, status, basis, status_date, comment, evidence, who, "
               "recorded_at FROM entry WHERE (?1 IS NULL OR period = ?1) AND (?2 IS NULL OR item = ?2) "
               "ORDER BY id")
        try:
            rows = self.conn.execute(sql, (period, item)).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from None
        try:
            return [_entry(row) for row in rows]
        except (TypeError, ValueError) as exc:
            raise StatusDbCorrupt(f"{_describe(self.path)} har en oppføring som ikke kan leses ({exc}).") from None

    def last_id(self) -> int:
        """The newest entry's row id (0 when empty): a form remembers it when it opens ..."""
        return self.conn.execute("SELECT COALESCE(MAX(id), 0) FROM entry").fetchone()[0]

    def changed_since(self, period: str, after_id: int, items: Sequence[str] | None = None) -> list[sm.Entry]:
        """... and asks before saving which items of the period others have recorded since then."""
        wanted = set(items) if items is not None else None
        return [e for e in self.entries(period) if (e.id or 0) > after_id and (wanted is None or e.item in wanted)]

    # -- writing -----------------------------------------------------------------------------
    def start_period(self, label: str, who: str) -> bool:
        """Start a reporting period with no entries yet; False when it was already started."""
        with self.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO period (label, created_at, created_by) VALUES (?, ?, ?)",
                (sm.parse_period(label), sm.now_utc().isoformat(), who),
            )
        return cursor.rowcount == 1

    def record(self, entries: Sequence[sm.Entry], *, new_periods_only: bool = False, who: str = "",
               latest_ids: Mapping[str, int | None] | None = None) -> int:
        """Record entries in one transaction; start their periods when needed.

        new_periods_only: refuse (PeriodExists) if any of the periods is already started, so an
        import never mixes with a period someone else is filling in.
        latest_ids: item -> the id of its latest entry in the entry's period when the editor's form
        was opened (None: none yet); refuse (EditConflict) if another entry has been recorded since,
        checked inside the same transaction. Returns the number recorded."""
        now = sm.now_utc()
        labels = sm.sorted_periods(e.period for e in entries)
        with self.transaction() as conn:
            if latest_ids is not None:
                moved = [e.item for e in entries if _latest_id(conn, e.period, e.item) != latest_ids.get(e.item)]
                if moved:
                    raise EditConflict(moved)
            existing = {r[0] for r in conn.execute("SELECT label FROM period")}
            clash = sorted(set(labels) & existing)
            if new_periods_only and clash:
                raise PeriodExists(
                    f"perioden {', '.join(clash)} finnes allerede i statusdatabasen. En import lager "
                    "alltid en ny periode; ingenting er lagret."
                )
            for label in labels:
                if label not in existing:
                    first = next(e for e in entries if e.period == label)
                    conn.execute(
                        "INSERT INTO period (label, created_at, created_by) VALUES (?, ?, ?)",
                        (label, now.isoformat(), who or first.who),
                    )
            conn.executemany(
                "INSERT INTO entry (item, period, status, basis, status_date, comment, evidence, who, "
                "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (e.item, e.period, e.status, e.basis, e.date.isoformat(), e.comment,
                     sm.join_evidence(e.evidence), e.who, (e.recorded_at or now).isoformat())
                    for e in entries
                ],
            )
        return len(entries)


def _latest_id(conn: sqlite3.Connection, period: str, item: str) -> int | None:
    return conn.execute("SELECT MAX(id) FROM entry WHERE period = ? AND item = ?", (period, item)).fetchone()[0]


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (a trigger body holds its own semicolons)."""
    statements, current = [], ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return statements


def _entry(row: tuple) -> sm.Entry:
    id_, item, period, status, basis, day, comment, evidence, who, recorded = row
    return sm.Entry(
        item=item,
        period=period,
        status=status,
        basis=basis,
        date=date.fromisoformat(day),
        who=who,
        comment=comment,
        evidence=sm.split_evidence(evidence),
        recorded_at=datetime.fromisoformat(recorded),
        id=id_,
    )


def open_store(
    path: Path | None = None,
    *,
    create: bool = False,
    busy_timeout: float = BUSY_TIMEOUT_S,
    retries: int = RETRIES,
    sleep: Callable[[float], None] = time.sleep,
) -> StatusStore | None:
    """Open (and migrate) the database; None when it does not exist and `create` is False.

    Raises StatusDbCorrupt, StatusDbTooNew, StatusDbLocked or StatusDbError."""
    path = Path(path or db_path())
    if not path.exists():
        if not create:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StatusDbError(f"Mappen for statusdatabasen ({path.parent}) kan ikke lages: {exc.strerror}") from None
    try:
        conn = _connect(path, busy_timeout)
    except sqlite3.Error as exc:
        raise StatusDbError(f"{_describe(path)} kan ikke åpnes: {exc}") from None
    store = StatusStore(path, conn, retries=retries, sleep=sleep)
    try:
        store.check_version()  # before anything else: a newer file is never touched
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise StatusDbError(f"{_describe(path)} kan ikke bruke WAL-journal (fikk «{mode}»).")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StatusDbCorrupt(f"{_describe(path)} er skadet ({check}).")
        store.migrate()
    except StatusDbError:
        store.close()
        raise
    except sqlite3.Error as exc:
        store.close()
        raise store._error(exc) from None
    return store


def read_history(path: Path | None = None) -> tuple[sm.Entry, ...]:
    """Every entry, in recording order; () when there is no database. Raises StatusDbError."""
    store = open_store(path)
    if store is None:
        return ()
    with closing(store):
        return tuple(store.entries())
