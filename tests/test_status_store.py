"""The status database: schema and migrations, WAL and locking, entries never overwritten,
corrupt and newer files, and two real processes writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from byr_data.status import model as sm, period_view, store as ss

ROOT = Path(__file__).resolve().parent.parent


def entry(item="sakornfond-1", period="2026 H2", status="delvis nådd", who="Kari Nordmann", **extra) -> sm.Entry:
    values = dict(item=item, period=period, status=status, basis="assessed", date=date(2026, 11, 15),
                  who=who, comment="Ny vurdering", evidence=("Styrets protokoll 12.11.2026",))
    values.update(extra)
    return sm.Entry(**values)


@pytest.fixture
def db(tmp_path) -> Path:
    return tmp_path / "status.sqlite3"


def raw_database(path: Path, version: int) -> None:
    """A database as an older app left it: the first `version` migrations, nothing more."""
    conn = sqlite3.connect(path)
    for script in ss.MIGRATIONS[:version]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


# -- schema -------------------------------------------------------------------------------------
def test_default_path_and_env(monkeypatch, tmp_path):
    monkeypatch.delenv(ss.DB_ENV, raising=False)
    assert ss.db_path() == ROOT / "data" / "status.sqlite3"
    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "x.db"))
    assert ss.db_path() == tmp_path / "x.db"


def test_missing_database_is_not_created(db):
    assert ss.open_store(db) is None
    assert ss.read_history(db) == ()
    assert not db.exists()


def test_new_database_has_the_current_schema_in_wal_mode(db):
    with ss.open_store(db, create=True) as store:
        assert store.version() == ss.SCHEMA_VERSION
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] == int(ss.BUSY_TIMEOUT_S * 1000)
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"entry", "period"} <= tables


def test_migrates_from_an_empty_file(db):
    db.touch()
    with ss.open_store(db) as store:
        assert store.version() == ss.SCHEMA_VERSION
        assert store.entries() == []


@pytest.mark.parametrize("version", range(1, ss.SCHEMA_VERSION))
def test_migrates_from_each_earlier_version_keeping_entries(db, version):
    raw_database(db, version)
    conn = sqlite3.connect(db)
    conn.execute(
        "INSERT INTO entry (item, period, status, basis, status_date, comment, evidence, who, recorded_at) "
        "VALUES ('sakornfond-1', '2025 H1', 'pågår', 'stated', '2025-05-02', '', 'Protokoll', 'Ola', "
        "'2025-05-03T08:00:00+00:00')"
    )
    conn.commit()
    conn.close()
    with ss.open_store(db) as store:
        assert store.version() == ss.SCHEMA_VERSION
        assert store.periods() == ["2025 H1"]
        [old] = store.entries()
        assert (old.item, old.status, old.date, old.evidence) == ("sakornfond-1", "pågår", date(2025, 5, 2), ("Protokoll",))
        store.record([entry()])
        assert [e.period for e in store.entries()] == ["2025 H1", "2026 H2"]
        assert store.periods() == ["2026 H2", "2025 H1"]


def test_newer_schema_is_refused_and_left_untouched(db):
    ss.open_store(db, create=True).close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {ss.SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    with pytest.raises(ss.StatusDbTooNew, match="nyere versjon av appen") as caught:
        ss.read_history(db)
    assert "sluttrapporten 2018" in str(caught.value)
    assert db.read_bytes() == before


def test_a_file_that_is_not_a_database(db):
    db.write_bytes(b"Dette er ikke en database.\n" * 200)
    with pytest.raises(ss.StatusDbCorrupt, match="skadet eller ikke en database"):
        ss.read_history(db)


def test_a_database_with_a_damaged_page(db):
    with ss.open_store(db, create=True) as store:
        store.record([entry(comment="x" * 3000, item=f"i{n}") for n in range(40)])
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(db.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 3 * page] = b"\xff" * page  # an interior page overwritten
    db.write_bytes(bytes(data))
    with pytest.raises(ss.StatusDbCorrupt, match="skadet"):
        ss.read_history(db)


# -- entries ------------------------------------------------------------------------------------
def test_entries_are_never_changed_or_deleted(db):
    with ss.open_store(db, create=True) as store:
        store.record([entry(status="pågår"), entry(status="nådd")])
        with pytest.raises(sqlite3.IntegrityError, match="never changed"):
            store.conn.execute("UPDATE entry SET status = 'ikke nådd'")
        with pytest.raises(sqlite3.IntegrityError, match="never deleted"):
            store.conn.execute("DELETE FROM entry")
        entries = store.entries()
    assert [e.status for e in entries] == ["pågår", "nådd"]
    assert period_view.latest_per_item(entries)["sakornfond-1"].status == "nådd"  # the correction counts


def test_an_entry_needs_a_started_period(db):
    with ss.open_store(db, create=True) as store:
        with pytest.raises(sqlite3.IntegrityError, match="not started"):
            store.conn.execute(
                "INSERT INTO entry (item, period, status, basis, status_date, who, recorded_at) "
                "VALUES ('a', '2030 H1', 'nådd', 'stated', '2030-01-01', 'x', 'now')")


def test_a_write_is_all_or_nothing(db):
    with ss.open_store(db, create=True) as store:
        with pytest.raises(ss.StatusDbError, match="ingenting er lagret"):
            store.record([entry(), entry(basis="guessed")])  # the CHECK constraint fails on the second
        assert store.entries() == [] and store.periods() == []


# -- a write that fails: read-only file, full disk, I/O error ------------------------------------
def test_a_read_only_database_says_so_in_norwegian_and_saves_nothing(db, read_only_sqlite):
    with ss.open_store(db, create=True) as store:
        store.record([entry()])
    read_only_sqlite()
    with ss.open_store(db) as store:
        with pytest.raises(ss.StatusDbReadOnly) as caught:
            store.record([entry(period="2027 H1")])
        assert not store.conn.in_transaction
        assert store.periods() == ["2026 H2"]  # reading still works
    assert str(caught.value) == (f"Statusdatabasen ({db}) er skrivebeskyttet: fila eller mappen kan bare leses, så "
                                 "ingenting er lagret.")
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert len(ss.read_history(db)) == 1


def test_a_full_disk_says_so_and_saves_nothing(db, monkeypatch):
    ss.open_store(db, create=True).close()
    real = sqlite3.connect

    def full(*args, **kwargs):  # the file may not grow by a single page
        conn = real(*args, **kwargs)
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", full)
    with ss.open_store(db) as store:
        with pytest.raises(ss.StatusDbFull, match=r"disken er full, så ingenting er lagret\.$"):
            store.record([entry(comment="x" * 3000, item=f"i{n}") for n in range(40)])
        assert not store.conn.in_transaction
    monkeypatch.undo()
    assert ss.read_history(db) == ()


class FailingCommit:
    """A connection whose COMMIT fails with a disk I/O error, as on a failing disk."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql, *args):
        if sql == "COMMIT":
            error = sqlite3.OperationalError("disk I/O error")
            error.sqlite_errorcode, error.sqlite_errorname = 778, "SQLITE_IOERR_WRITE"
            raise error
        return self.conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self.conn, name)


def test_an_io_error_at_commit_says_so_and_saves_nothing(db):
    ss.open_store(db, create=True).close()
    conn = sqlite3.connect(db, isolation_level=None)
    store = ss.StatusStore(db, FailingCommit(conn))
    with pytest.raises(ss.StatusDbError, match=r"lese- eller skrivefeil .* ingenting er lagret\.$") as caught:
        store.record([entry()])
    assert caught.value.page_text == "statushistorikken kunne ikke skrives på grunn av en feil på disken"
    assert not conn.in_transaction
    conn.close()
    assert ss.read_history(db) == ()


def test_an_unreadable_row_is_reported_not_raised(db):
    with ss.open_store(db, create=True) as store:
        store.record([entry()])
        store.conn.execute("INSERT INTO entry (item, period, status, basis, status_date, who, recorded_at) "
                           "VALUES ('a', '2026 H2', 'nådd', 'stated', '15.11.2026', 'x', 'i går')")
    with pytest.raises(ss.StatusDbCorrupt, match="oppføring som ikke kan leses"):
        ss.read_history(db)


def test_an_import_never_adds_to_an_existing_period(db):
    with ss.open_store(db, create=True) as store:
        store.record([entry()], new_periods_only=True)
        with pytest.raises(ss.PeriodExists, match="finnes allerede"):
            store.record([entry(period="2027 H1"), entry(status="nådd")], new_periods_only=True)
        assert len(store.entries()) == 1 and store.periods() == ["2026 H2"]


def test_entries_keep_their_fields(db):
    recorded = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)
    with ss.open_store(db, create=True) as store:
        store.record([entry(recorded_at=recorded, evidence=("Første", "Andre"))])
        [saved] = store.entries()
    assert saved == entry(recorded_at=recorded, evidence=("Første", "Andre"), id=saved.id)


# -- locking ------------------------------------------------------------------------------------
def test_a_locked_database_is_retried(db):
    ss.open_store(db, create=True).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    waits = []

    def release_on_first_wait(seconds):
        waits.append(seconds)
        if other.in_transaction:
            other.execute("COMMIT")

    with ss.open_store(db, busy_timeout=0.01, sleep=release_on_first_wait) as store:
        store.record([entry()])
        assert len(store.entries()) == 1
    assert waits == [ss.FIRST_BACKOFF_S]
    other.close()


def test_a_database_that_stays_locked_gives_a_clear_message(db):
    ss.open_store(db, create=True).close()
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    waits = []
    try:
        with ss.open_store(db, busy_timeout=0.01, retries=3, sleep=waits.append) as store:
            with pytest.raises(ss.StatusDbLocked, match="er låst .* ingenting er lagret"):
                store.record([entry()])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert waits == [0.2, 0.4, 0.8]
    assert ss.read_history(db) == ()


WRITER = textwrap.dedent("""
    import sys
    from datetime import date
    from byr_data.status import model as sm
    from byr_data.status import store as ss
    who, mode, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    def entry(n):
        return sm.Entry(item=f"item-{n}", period="2026 H2", status="pågår", basis="stated",
                        date=date(2026, 11, 15), who=who, evidence=("Protokoll",))
    store = ss.open_store(create=True)
    if mode == "hold":  # take the write lock, write, and keep the lock until told to commit
        with store.transaction() as conn:
            conn.execute("INSERT OR IGNORE INTO period VALUES ('2026 H2', 'now', ?)", (who,))
            conn.execute("INSERT INTO entry (item, period, status, basis, status_date, who, recorded_at) "
                         "VALUES ('held', '2026 H2', 'pågår', 'stated', '2026-11-15', ?, '2026-11-16T10:00:00+00:00')", (who,))
            print("holding", flush=True)
            sys.stdin.readline()
    else:
        print("ready", flush=True)
        sys.stdin.readline()
        for n in range(count):
            store.record([entry(n)])
    store.close()
    print("done", flush=True)
""")


def writer(*args) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", WRITER, *map(str, args)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(process: subprocess.Popen) -> None:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert out.strip().endswith("done")


def test_two_processes_writing_at_once_are_both_recorded(db, monkeypatch):
    monkeypatch.setenv(ss.DB_ENV, str(db))
    ss.open_store(db, create=True).close()
    first, second = writer("Kari", "loop", 25), writer("Ola", "loop", 25)
    for process in (first, second):
        assert process.stdout.readline().strip() == "ready"
    for process in (first, second):  # both start writing at the same moment
        process.stdin.write("go\n")
        process.stdin.flush()
    finish(first)
    finish(second)
    entries = ss.read_history(db)
    assert sorted(e.who for e in entries) == ["Kari"] * 25 + ["Ola"] * 25
    assert len({e.id for e in entries}) == 50


def test_a_writer_waits_for_another_process_holding_the_lock(db, monkeypatch):
    monkeypatch.setenv(ss.DB_ENV, str(db))
    ss.open_store(db, create=True).close()
    holder = writer("Kari", "hold", 0)
    assert holder.stdout.readline().strip() == "holding"
    waiting = writer("Ola", "loop", 3)
    assert waiting.stdout.readline().strip() == "ready"
    waiting.stdin.write("go\n")
    waiting.stdin.flush()
    holder.stdin.write("commit\n")
    holder.stdin.flush()
    finish(holder)
    finish(waiting)
    assert sorted(e.who for e in ss.read_history(db)) == ["Kari", "Ola", "Ola", "Ola"]


def test_a_form_can_see_what_others_recorded_since_it_opened(db):
    with ss.open_store(db, create=True) as store:
        assert store.start_period("2026 h2", "Kari") and not store.start_period("2026 H2", "Ola")
        assert store.periods() == ["2026 H2"] and store.last_id() == 0
        store.record([entry(item="a")])
        opened = store.last_id()
        store.record([entry(item="b", who="Ola"), entry(item="c", who="Ola"), entry(item="a", period="2027 H1")])
        assert [e.item for e in store.changed_since("2026 H2", opened)] == ["b", "c"]
        assert [e.item for e in store.changed_since("2026 H2", opened, items=["c", "a"])] == ["c"]
        assert store.changed_since("2026 H2", store.last_id()) == []
