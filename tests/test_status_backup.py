"""Backup and restore of the status database with SQLite's online backup API
(`python -m byr_data backup FILE` / `restore FILE`): a consistent copy while others write, a restore
that checks the file first and never leaves a half-restored database."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from byr_data.__main__ import main
from byr_data.status import backup as sb, model as sm, store as ss

NBSP = "\u00a0"


def entry(item="sakornfond-1", period="2026 H2", who="Kari", **extra) -> sm.Entry:
    values = dict(item=item, period=period, status="pågår", basis="assessed", date=date(2026, 11, 15), who=who,
                  comment="Ny vurdering", evidence=("Protokoll",))
    values.update(extra)
    return sm.Entry(**values)


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.replace(NBSP, " "), err.replace(NBSP, " ")


def record(*entries: sm.Entry) -> None:
    with ss.open_store(create=True) as store:
        store.record(list(entries))


def history() -> list[tuple[str, str, str]]:
    return [(e.period, e.item, e.who) for e in ss.read_history()]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- backup --------------------------------------------------------------------------------------
def test_backup_then_restore_gives_back_the_history_and_keeps_the_replaced_one(capsys, tmp_path):
    record(entry(), entry(item="sakornfond-2"))
    before = history()
    copy = tmp_path / "kopi" / "status-kopi.sqlite3"
    copy.parent.mkdir()
    code, out, err = run(capsys, "backup", str(copy))
    assert code == 0, err
    assert out == f"Skrev sikkerhetskopi av {ss.db_path()} til {copy}: 2 oppføringer i 1 periode.\n"
    assert [p.name for p in copy.parent.iterdir()] == ["status-kopi.sqlite3"]  # one self-contained file
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"

    record(entry(period="2027 H1", who="Ola"))  # saved after the backup
    code, out, err = run(capsys, "restore", str(copy))
    assert code == 0, err
    assert history() == before
    [kept] = [p for p in ss.db_path().parent.iterdir() if ".forrige-" in p.name]
    assert out.splitlines() == [f"Gjenopprettet {ss.db_path()} fra {copy}: 2 oppføringer i 1 periode.",
                                f"  Databasen som ble erstattet (3 oppføringer i 2 perioder), er tatt vare på i {kept}."]
    assert len(ss.read_history(kept)) == 3  # nothing is lost: the replaced history can be restored in turn
    assert run(capsys, "restore", str(copy))[0] == 0  # again, within the same second: the first copy is kept too
    assert sorted(len(ss.read_history(p)) for p in ss.db_path().parent.iterdir() if ".forrige-" in p.name) == [2, 3]
    assert ss.open_store().conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_backup_while_another_writer_holds_a_transaction_has_what_was_committed(capsys, tmp_path):
    record(entry())
    other = sqlite3.connect(ss.db_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO period VALUES ('2027 H1', '2027-01-02T10:00:00+00:00', 'Ola')")
    try:
        assert run(capsys, "backup", str(tmp_path / "kopi.sqlite3"))[0] == 0
    finally:
        other.execute("COMMIT")
        other.close()
    assert [(e.period, e.item) for e in ss.read_history(tmp_path / "kopi.sqlite3")] == [("2026 H2", "sakornfond-1")]
    with ss.open_store(tmp_path / "kopi.sqlite3") as copy:
        assert copy.periods() == ["2026 H2"]


def test_backup_without_a_database_and_over_the_database_itself(capsys, tmp_path):
    code, _, err = run(capsys, "backup", str(tmp_path / "kopi.sqlite3"))
    assert code == 1 and "finnes ikke ennå, så det er ingenting å ta sikkerhetskopi av" in err
    record(entry())
    code, _, err = run(capsys, "backup", str(ss.db_path()))
    assert code == 1 and "kan ikke skrives over selve statusdatabasen" in err
    assert history() == [("2026 H2", "sakornfond-1", "Kari")]
    code, _, err = run(capsys, "backup", str(tmp_path / "finnes-ikke" / "kopi.sqlite3"))
    assert code == 1 and err.startswith("Feil: Sikkerhetskopien") and "ingenting er lagret" in err
    assert leftovers(tmp_path) == []


# -- restore: what it refuses --------------------------------------------------------------------
def damaged_copy(path: Path) -> None:
    """A backup with an interior page overwritten (the file is still an SQLite database)."""
    with ss.open_store(path, create=True) as store:
        store.record([entry(comment="x" * 3000, item=f"i{n}") for n in range(40)])
    sb.backup(path.with_suffix(".kopi"), path)
    data = bytearray(path.with_suffix(".kopi").read_bytes())
    data[2 * 4096: 3 * 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    path.with_suffix(".kopi").unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def newer_copy(path: Path) -> None:
    with ss.open_store(path, create=True) as store:
        store.record([entry()])
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {ss.SCHEMA_VERSION + 1}")


def other_database(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE kunder (navn TEXT)")


def truncated_copy(path: Path) -> None:
    with ss.open_store(path, create=True) as store:
        store.record([entry(comment="x" * 3000, item=f"i{n}") for n in range(40)])
    sb.backup(path.with_suffix(".kopi"), path)
    data = path.with_suffix(".kopi").read_bytes()
    path.unlink()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"Dette er ikke en database.\n" * 300), "kan ikke leses som en SQLite-database"),
    (damaged_copy, "er skadet"),
    (truncated_copy, "er skadet"),
    (newer_copy, "er laget av en nyere versjon av appen"),
    (other_database, "er ikke en sikkerhetskopi av statushistorikken"),
    (lambda p: None, "finnes ikke"),
], ids=["not-a-database", "damaged", "truncated", "newer", "another-database", "missing"])
def test_restore_refuses_a_file_it_cannot_use_and_changes_nothing(capsys, tmp_path, make, message):
    record(entry())
    before = ss.db_path().read_bytes()
    bad = tmp_path / "kopi.sqlite3"
    make(bad)
    code, out, err = run(capsys, "restore", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"Feil: Sikkerhetskopien ({bad})") and message in err and "ingenting er endret" in err
    assert "\n" not in err.rstrip("\n") and "Traceback" not in err
    assert history() == [("2026 H2", "sakornfond-1", "Kari")]
    assert ss.db_path().read_bytes() == before
    assert not [p for p in ss.db_path().parent.iterdir() if ".forrige-" in p.name]


def test_a_restore_that_fails_half_way_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    copy = tmp_path / "kopi.sqlite3"
    with ss.open_store(tmp_path / "gammel.sqlite3", create=True) as old:
        old.record([entry(comment="x" * 3000, item=f"i{n}") for n in range(40)])  # many pages to copy
    sb.backup(copy, tmp_path / "gammel.sqlite3")
    record(entry(who="Ola"))
    monkeypatch.setattr(sb, "PAGES_PER_STEP", 1)
    steps = []

    def power_cut(status, remaining, total):  # the copy stops after its first page
        steps.append(remaining)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sb.restore(copy, progress=power_cut)
    assert steps and steps[0] > 0  # it stopped with pages still to copy
    assert history() == [("2026 H2", "sakornfond-1", "Ola")]
    with ss.open_store() as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_restore_waits_for_another_writer_and_then_gives_up_changing_nothing(tmp_path, monkeypatch):
    record(entry())
    sb.backup(tmp_path / "kopi.sqlite3")
    record(entry(who="Ola", period="2027 H1"))
    monkeypatch.setattr(sb, "LOCK_PATIENCE_S", 0.5)
    other = sqlite3.connect(ss.db_path(), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ss.StatusDbLocked, match="er låst av en annen bruker eller prosess.*ingenting er endret"):
            sb.restore(tmp_path / "kopi.sqlite3")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert len(history()) == 2


# -- restore: where there is no database, or a damaged one ----------------------------------------
def test_restore_creates_a_missing_database(capsys, tmp_path, monkeypatch):
    record(entry())
    assert run(capsys, "backup", str(tmp_path / "kopi.sqlite3"))[0] == 0
    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "ny-maskin" / "status.sqlite3"))
    code, out, err = run(capsys, "restore", str(tmp_path / "kopi.sqlite3"))
    assert code == 0, err
    assert out == f"Gjenopprettet {ss.db_path()} fra {tmp_path / 'kopi.sqlite3'}: 1 oppføring i 1 periode.\n"
    assert history() == [("2026 H2", "sakornfond-1", "Kari")]
    assert leftovers(ss.db_path().parent) == []


def test_restore_over_a_damaged_database_keeps_the_damaged_file_aside(capsys, tmp_path):
    record(entry())
    assert run(capsys, "backup", str(tmp_path / "kopi.sqlite3"))[0] == 0
    ss.db_path().write_bytes(b"\x00skadet" * 1000)
    Path(f"{ss.db_path()}-wal").unlink(missing_ok=True)
    code, out, err = run(capsys, "restore", str(tmp_path / "kopi.sqlite3"))
    assert code == 0, err
    [aside] = [p for p in ss.db_path().parent.iterdir() if ".skadet-" in p.name]
    assert aside.read_bytes() == b"\x00skadet" * 1000
    assert f"Den skadede databasen er lagt til side som {aside}." in out
    assert history() == [("2026 H2", "sakornfond-1", "Kari")]


def test_restore_upgrades_a_backup_from_an_older_version(capsys, tmp_path):
    old = tmp_path / "v1.sqlite3"
    conn = sqlite3.connect(old)
    conn.executescript(ss.MIGRATIONS[0])
    conn.execute("INSERT INTO entry (item, period, status, basis, status_date, who, recorded_at) VALUES "
                 "('sakornfond-1', '2026 H2', 'pågår', 'assessed', '2026-11-15', 'Kari', '2026-11-16T10:00:00+00:00')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "restore", str(old))
    assert code == 0, err
    with ss.open_store() as store:
        assert store.version() == ss.SCHEMA_VERSION and store.periods() == ["2026 H2"]


def test_the_commands_have_norwegian_help(capsys):
    with pytest.raises(SystemExit):
        main(["backup", "--help"])
    assert "sikkerhetskopi" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["restore", "--help"])
    assert "gjenopprett" in capsys.readouterr().out
