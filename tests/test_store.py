"""Tests for byr_data.store: snapshot, cache files, the fallback chain and the refresh lock."""

from __future__ import annotations

import json
import math
import os
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import filelock
import pandas as pd
import pytest
import responses

from byr_data import regions
from byr_data.ssb import cache, client as ssb_client, provenance
from tests import fake_ssb
from tests.conftest import require_shared

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
NOW = datetime(2026, 11, 27, 6, 0, tzinfo=timezone.utc)


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def failing_fetch(message="SSB er nede (test)"):
    def fetch():
        raise ssb_client.SsbError(message)

    return fetch


def must_not_fetch():
    raise AssertionError("fetch was called although the cache was fresh")


def write(dataset=None, **kwargs) -> Path:
    return cache.write_cache(dataset or fake_ssb.fake_dataset(**kwargs))


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")] if folder.exists() else []


# -- the snapshot --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def reference():
    require_shared(REFERENCE, "reference figures")
    bosted = pd.read_csv(REFERENCE / "ssb-07984-sysselsatte-bosted.csv", dtype={"kommunenummer": str, "kommunenummer_i_kilden": str})
    arbeidssted = pd.read_csv(REFERENCE / "ssb-11618-sysselsatte-kommuner-2017-2022.csv",
                              dtype={"kommunenummer_i_kilden": str})
    return bosted, arbeidssted


def test_missing_shared_input_skips_locally_and_fails_under_ci(tmp_path, monkeypatch):
    missing = tmp_path / "not-there.csv"
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_shared(missing, "a reference file")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_shared(missing, "a reference file")
    assert require_shared(tmp_path, "a folder") == tmp_path


def test_snapshot_holds_exactly_the_reference_figures(reference):
    bosted, arbeidssted = reference
    data = cache.read_snapshot()
    frame = data.frame
    assert data.provenance.source == "snapshot"
    assert frame["kommunenummer"].map(type).eq(str).all()
    assert set(frame["kommunenummer"]) == {"3401", "3414", "3415", "3416", "3417", "3418", "3419"}
    # The snapshot keeps its own names for the numbers it holds (no hand-written table in the code).
    assert regions.municipality_name("3419") == "Våler" and regions.municipality_name("3401") == "Kongsvinger"

    residence = frame[frame["maal"] == "bosted"].set_index(["kommunenummer", "aar"])["verdi"].sort_index()
    expected = bosted.set_index(["kommunenummer", "aar"])["sysselsatte_bosted"].astype(float).sort_index()
    assert residence.index.tolist() == expected.index.tolist()
    assert residence.tolist() == expected.tolist()

    # Jobs: every region row of table 11618, the number it was published under mapped by the explicit table
    # (written out here again, not taken from the code under test), 2017–2022, nothing else.
    then = {"3401": "0402", "3414": "0418", "3415": "0419", "3416": "0420", "3417": "0423", "3418": "0425",
            "3419": "0426"}
    jobs = frame[frame["maal"] == "arbeidssted"]
    assert set(jobs["kilde"]) == {"SSB 11618"} and set(frame.loc[frame["maal"] == "bosted", "kilde"]) == {"SSB 07984"}
    assert len(jobs) == 7 * 6
    published = arbeidssted.set_index(["kommunenummer_i_kilden", "aar"])["sysselsatte_arbeidssted"]
    for row in jobs.itertuples():
        code = then[row.kommunenummer] if row.aar < 2020 else row.kommunenummer
        assert row.verdi == published[(code, row.aar)], (row.kommunenummer, row.aar)
    assert len(frame) == len(bosted) + 7 * 6  # nothing else, nothing invented
    region = jobs[jobs["kommunenummer"] != "3419"].groupby("aar")["verdi"].sum()
    assert (region[2017], region[2022]) == (18997, 19367)  # the reference README's check


def test_snapshot_has_jobs_2017_2022_from_11618_only():
    data = cache.read_snapshot()
    jobs = data.frame[data.frame["maal"] == "arbeidssted"]
    assert set(jobs["aar"]) == set(range(2017, 2023))
    assert data.has_measure("arbeidssted") and data.has_measure("bosted")
    assert set(data.frame["naering"]) == {"00-99"}
    assert data.frame["verdi"].notna().all()
    assert data.is_stale(NOW)  # a snapshot is never fresh: the app offers the refresh


# -- the cache file ------------------------------------------------------------------------------
def test_write_and_read_cache_round_trip(isolated_data):
    fetched = datetime(2026, 11, 26, 20, 15, 3, tzinfo=timezone.utc)
    original = fake_ssb.fake_dataset(fetched_at=fetched, updated="2026-03-06T07:00:00Z")
    path = cache.write_cache(original)

    assert path == isolated_data / cache.CACHE_FILE_NAME
    data = cache.read_cache()
    frame = data.frame
    assert list(frame.columns) == cache.COLUMNS
    assert pd.api.types.is_string_dtype(frame["kommunenummer"])
    assert set(frame["kommunenummer"]) == {"3401", "3414", "3415", "3416", "3417", "3418", "3419", "0"}
    assert frame["aar"].dtype == "int64"
    assert frame["verdi"].dtype == "float64"
    assert math.isnan(frame.loc[0, "verdi"]) and frame.loc[0, "status"] == ".."
    assert frame["verdi"].isna().sum() == 1
    expected = cache.validate_frame(original.frame, "test")
    pd.testing.assert_frame_equal(frame, expected)

    provenance = data.provenance
    assert provenance.source == "cache"
    assert provenance.fetched_at == fetched
    assert provenance.updated == "2026-03-06T07:00:00Z"
    assert provenance.table == "07984"
    assert provenance.query == original.provenance.query


def test_cache_file_is_plain_json_with_null_for_missing(isolated_data):
    path = write()
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["columns"] == cache.COLUMNS
    assert document["rows"][0][6] is None
    assert document["rows"][0][0] == "3401"
    assert document["provenance"]["fetched_at"].endswith("+00:00")


def test_atomic_write_leaves_no_temporary_files(isolated_data):
    write()
    write()
    assert sorted(p.name for p in isolated_data.iterdir()) == [cache.CACHE_FILE_NAME]


@pytest.mark.parametrize(
    "spoil",
    [
        lambda f: f.assign(verdi=-f["verdi"]),
        lambda f: f.drop(columns=["maal"]),
        lambda f: f.assign(maal="arbeidsplasser"),
        lambda f: pd.concat([f, f.head(1)]),
        lambda f: f.head(0),
        lambda f: f.assign(aar="i fjor"),
    ],
    ids=["negative", "missing-column", "unknown-measure", "duplicate", "empty", "year-not-number"],
)
def test_failed_validation_leaves_the_old_cache_byte_identical(isolated_data, spoil):
    path = write()
    before = path.read_bytes()
    good = fake_ssb.fake_dataset()
    bad = cache.Dataset(spoil(good.frame), good.provenance)

    with pytest.raises(cache.DataError, match="Nye data"):
        cache.write_cache(bad)
    assert path.read_bytes() == before
    assert temp_files(isolated_data) == []


def test_failed_disk_write_leaves_old_cache_and_no_temp_file(isolated_data, monkeypatch):
    path = write()
    before = path.read_bytes()

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache.os, "fsync", disk_full)
    with pytest.raises(cache.DataError, match="Kan ikke skrive hurtiglageret") as caught:
        write()
    assert "(disken er full)" in str(caught.value)  # the OS's English text is translated
    assert path.read_bytes() == before
    assert temp_files(isolated_data) == []


def test_failed_rename_leaves_old_cache(isolated_data, monkeypatch):
    path = write()
    before = path.read_bytes()

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(cache.os, "replace", refuse)
    with pytest.raises(cache.DataError, match="mangler tilgang"):
        write()
    assert path.read_bytes() == before
    assert temp_files(isolated_data) == []


# -- the fallback chain --------------------------------------------------------------------------
def test_zeros_in_a_cache_from_an_earlier_version_are_shown_as_missing(isolated_data):
    """A cache written before zeros were refused: 0402 with 0 jobs for 2020–2025 (SSB's 0 for years the
    number did not exist). Read back, those years are missing figures, never zeros."""
    frame = fake_ssb.fake_frame(codes=["3414", "0"], with_gap=False)
    old = fake_ssb.fake_frame(codes=["3401"], with_gap=False).assign(kommunenummer="0402")
    old.loc[old["aar"] >= 2020, "verdi"] = 0.0
    frame = pd.concat([frame, old], ignore_index=True)
    dataset = fake_ssb.fake_dataset()
    isolated_data.mkdir(parents=True)
    cache.cache_file().write_text(json.dumps({
        "provenance": dataset.provenance.to_json(), "columns": list(frame.columns),
        "rows": frame.astype(object).where(frame.notna(), None).values.tolist()}), encoding="utf-8")

    shown = cache.load_local(["0402", "3414"])

    assert shown.provenance.source == "cache"
    rows = shown.frame[(shown.frame["kommunenummer"] == "0402") & (shown.frame["aar"] >= 2020)]
    assert len(rows) == 12 and rows["verdi"].isna().all() and not (shown.frame["verdi"] == 0).any()


def test_fresh_cache_is_used_without_fetching():
    write(fetched_at=NOW - timedelta(hours=1))
    data = cache.load(fetch=must_not_fetch, now=NOW)
    assert data.provenance.source == "cache"
    assert data.notices == ()


def test_stale_cache_and_failing_fetch_gives_stale_cache_with_notice():
    write(fetched_at=NOW - timedelta(days=3))
    data = cache.load(fetch=failing_fetch(), now=NOW)
    assert data.provenance.source == "cache"
    assert data.provenance.fetched_at == NOW - timedelta(days=3)
    assert data.is_stale(NOW)
    assert len(data.notices) == 1
    assert "Oppdatering fra SSB feilet" in data.notices[0] and "SSB er nede (test)" in data.notices[0]


def test_no_cache_and_failing_fetch_gives_snapshot_with_notice(isolated_data):
    data = cache.load(fetch=failing_fetch(), now=NOW)
    assert data.provenance.source == "snapshot"
    assert any("Oppdatering fra SSB feilet" in n for n in data.notices)
    assert not (isolated_data / cache.CACHE_FILE_NAME).exists()


def test_stale_cache_and_good_fetch_goes_live_and_replaces_cache():
    write(fetched_at=NOW - timedelta(days=3), updated="2025-03-01T07:00:00Z")
    new = fake_ssb.fake_dataset(fetched_at=NOW, updated="2026-03-06T07:00:00Z")

    data = cache.load(fetch=lambda: new, now=NOW)

    assert data.provenance.source == "live"
    assert data.notices == ()
    cached = cache.read_cache()
    assert cached.provenance.fetched_at == NOW
    assert cached.provenance.updated == "2026-03-06T07:00:00Z"


CORRUPTIONS = {
    "garbage-bytes": b"\x89PNG\r\n\x1a\n\xff\xfe\x00garbage",
    "truncated-json": json.dumps({"provenance": {"source": "live", "table": "07984"}, "columns": cache.COLUMNS, "rows": [["3401"]]}).encode()[:40],
    "wrong-columns": json.dumps(
        {
            "provenance": {"source": "live", "table": "07984", "fetched_at": NOW.isoformat()},
            "columns": ["region", "year", "value"],
            "rows": [["3401", 2020, 1.0]],
        }
    ).encode(),
    "no-provenance": json.dumps({"columns": cache.COLUMNS, "rows": []}).encode(),
    "bad-date": json.dumps(
        {"provenance": {"source": "live", "table": "07984", "fetched_at": "i går"}, "columns": cache.COLUMNS, "rows": []}
    ).encode(),
    "a-list": b"[1, 2, 3]",
}


@pytest.mark.parametrize("content", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_corrupt_cache_falls_back_to_snapshot_naming_the_file(isolated_data, content):
    isolated_data.mkdir(parents=True)
    path = isolated_data / cache.CACHE_FILE_NAME
    path.write_bytes(content)

    local = cache.load_local()
    assert local.provenance.source == "snapshot"
    assert len(local.notices) == 1 and str(path) in local.notices[0]

    data = cache.load(fetch=failing_fetch(), now=NOW)
    assert data.provenance.source == "snapshot"
    assert str(path) in data.notices[0]
    assert "Oppdatering fra SSB feilet" in data.notices[1]

    status = cache.cache_status()
    assert status.exists and status.provenance is None and status.rows == 0
    assert str(path) in status.problem


def test_corrupt_cache_is_replaced_by_a_good_fetch(isolated_data):
    isolated_data.mkdir(parents=True)
    (isolated_data / cache.CACHE_FILE_NAME).write_bytes(CORRUPTIONS["garbage-bytes"])

    data = cache.load(fetch=lambda: fake_ssb.fake_dataset(fetched_at=NOW), now=NOW)

    assert data.provenance.source == "live"
    assert cache.cache_status().problem is None


def test_cache_status_of_good_and_missing_cache(isolated_data):
    missing = cache.cache_status()
    assert not missing.exists and missing.problem is None and missing.path == isolated_data / cache.CACHE_FILE_NAME
    write(fetched_at=NOW)
    good = cache.cache_status()
    assert good.exists and good.problem is None
    assert good.rows == len(fake_ssb.fake_frame())
    assert good.provenance.fetched_at == NOW


@pytest.fixture
def cache_below_a_file(tmp_path, monkeypatch):
    """BYR_CACHE_DIR below a regular file: mkdir fails even for root."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder")
    folder = blocker / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
    return folder


def test_unwritable_cache_folder_is_a_clear_error(cache_below_a_file):
    fetched = []

    def fetch():
        fetched.append(1)
        return fake_ssb.fake_dataset()

    with pytest.raises(cache.DataError, match="Kan ikke skrive i hurtiglagermappen") as caught:
        cache.refresh(fetch)
    assert str(cache_below_a_file) in str(caught.value)
    assert fetched == []  # refused before spending requests at SSB

    with pytest.raises(cache.DataError, match="Kan ikke skrive hurtiglageret"):
        cache.write_cache(fake_ssb.fake_dataset())


def test_unwritable_cache_folder_still_shows_the_snapshot(cache_below_a_file):
    data = cache.load(fetch=lambda: fake_ssb.fake_dataset(), now=NOW)
    assert data.provenance.source == "snapshot"
    assert len(data.frame) > 0
    text = " ".join(data.notices)
    assert "Kan ikke skrive i hurtiglagermappen" in text
    assert "ødelagt" not in text  # there is no cache, so none is broken

    status = cache.cache_status()
    assert status.problem is None or "ødelagt" not in status.problem


def test_partial_refresh_never_replaces_good_data(rsps, isolated_data):
    path = write(fetched_at=NOW - timedelta(days=2))
    before = path.read_bytes()
    fake_ssb.register_happy_path(rsps, drop=["3417"])

    with pytest.raises(ssb_client.SsbError, match="Grue"):
        cache.refresh()
    assert path.read_bytes() == before
    assert temp_files(isolated_data) == []

    data = cache.load(now=NOW)  # the real fetch, failing the same way
    assert data.provenance.source == "cache"
    assert any("Grue" in n for n in data.notices)
    assert path.read_bytes() == before


def test_real_refresh_writes_a_complete_cache(rsps):
    fake = fake_ssb.register_happy_path(rsps)
    progress: list[str] = []

    data = cache.refresh(progress=progress.append)

    assert len(rsps.calls) == 4 + 3  # 07984: metadata, code list, municipalities, country; 03321: metadata, out, in
    assert data.provenance.source == "live" and data.provenance.updated == fake_ssb.UPDATED
    assert data.notices == ()
    assert data.provenance.query == fake.bodies
    cached = cache.read_cache()
    assert len(cached.frame) == len(data.frame)
    workplace = cached.frame[(cached.frame["maal"] == "arbeidssted") & (cached.frame["naering"] == "00-99")]
    assert sorted(workplace["aar"].unique()) == fake_ssb.YEARS
    assert progress[-1].startswith("Kontrollerer")


def test_refresh_busy_when_the_lock_is_held(isolated_data):
    isolated_data.mkdir(parents=True)
    with filelock.FileLock(isolated_data / cache.LOCK_FILE_NAME, timeout=0):
        with pytest.raises(cache.RefreshBusy, match="pågår allerede"):
            cache.refresh(must_not_fetch)
        data = cache.load(fetch=must_not_fetch, now=NOW)
        assert data.provenance.source == "snapshot"
        assert any("pågår allerede" in n for n in data.notices)
    # Released: the next refresh runs.
    assert cache.refresh(lambda: fake_ssb.fake_dataset()).provenance.source == "live"


def test_concurrent_refresh_is_refused_while_one_runs():
    started, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def slow_fetch():
        started.set()
        assert release.wait(10)
        return fake_ssb.fake_dataset()

    def first():
        outcome["first"] = cache.refresh(slow_fetch)

    thread = threading.Thread(target=first)
    thread.start()
    assert started.wait(10)
    try:
        with pytest.raises(cache.RefreshBusy):
            cache.refresh(must_not_fetch)
    finally:
        release.set()
        thread.join(10)
    assert outcome["first"].provenance.source == "live"
    assert cache.read_cache().provenance.source == "cache"


def test_dataset_staleness():
    data = fake_ssb.fake_dataset(fetched_at=NOW - provenance.MAX_AGE + timedelta(minutes=1))
    assert not data.is_stale(NOW)
    assert data.is_stale(NOW + timedelta(minutes=2))


def test_provenance_json_round_trip():
    provenance = fake_ssb.fake_dataset(fetched_at=NOW).provenance
    again = cache.Provenance.from_json(json.loads(json.dumps(provenance.to_json())))
    assert again == provenance
    assert again.source_label == "SSB (hentet nå)"


def test_cache_dir_follows_environment(isolated_data):
    assert cache.cache_dir() == isolated_data
    assert os.environ[cache.CACHE_DIR_ENV] == str(isolated_data)


# -- two users sharing the cache folder (the app, and a refresh from cron) -----------------------------
SHARED_GROUP, APP_USER, CRON_USER = "byrshared", "byr-app", "byr-cron"


def _ensure_test_users() -> tuple[int, int, int]:
    """A shared group and two system users in it (created once; needs root)."""
    import grp
    import pwd
    import subprocess

    try:
        grp.getgrnam(SHARED_GROUP)
    except KeyError:
        subprocess.run(["groupadd", "--system", SHARED_GROUP], check=True)
    for user in (APP_USER, CRON_USER):
        try:
            pwd.getpwnam(user)
        except KeyError:
            subprocess.run(["useradd", "--system", "--no-create-home", "--gid", SHARED_GROUP,
                            "--shell", "/usr/sbin/nologin", user], check=True)
    return grp.getgrnam(SHARED_GROUP).gr_gid, pwd.getpwnam(APP_USER).pw_uid, pwd.getpwnam(CRON_USER).pw_uid


def _as_user(uid: int, gid: int, action) -> int:
    """Run `action()` in a forked child as another user; returns its exit code (0 = no exception).

    A fork rather than `subprocess.run(user=...)`: the interpreter may live below a folder other users
    cannot enter (here /root), while the child of a fork already has everything imported."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 1
        try:
            os.setgroups([gid])
            os.setgid(gid)
            os.setuid(uid)
            action()
            code = 0
        except BaseException as exc:  # report to the parent through stderr and the exit code
            print(f"child as uid {uid} failed: {exc!r}", file=sys.stderr, flush=True)
        finally:
            os._exit(code)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_app_and_cron_users_in_one_group_share_the_cache_and_the_lock(monkeypatch):
    """The app's user writes the cache; a cron user of the same group refreshes it; the app reads it."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        if os.environ.get("CI") == "true":
            pytest.fail("the two-user test needs root under CI (it creates two test users)")
        pytest.skip("needs root to create two test users")
    import shutil
    import stat
    import tempfile

    gid, app_uid, cron_uid = _ensure_test_users()
    base = Path(tempfile.mkdtemp(prefix="byr-shared-", dir="/tmp"))
    try:
        base.chmod(0o755)
        folder = base / "cache"
        folder.mkdir()
        os.chown(folder, 0, gid)
        folder.chmod(0o2775)  # what the README tells the administrator to do
        monkeypatch.setenv(cache.CACHE_DIR_ENV, str(folder))
        first = datetime(2026, 11, 27, 5, 0, tzinfo=timezone.utc)
        second = first + timedelta(hours=6)

        assert _as_user(app_uid, gid, lambda: cache.refresh(lambda: fake_ssb.fake_dataset(fetched_at=first))) == 0
        assert _as_user(cron_uid, gid, lambda: cache.refresh(lambda: fake_ssb.fake_dataset(fetched_at=second))) == 0

        def app_reads_cron_data():
            assert cache.read_cache().provenance.fetched_at == second
            with cache.refresh_lock():  # the lock file the cron user touched last
                pass

        assert _as_user(app_uid, gid, app_reads_cron_data) == 0
        for name in (cache.CACHE_FILE_NAME, cache.LOCK_FILE_NAME):
            info = (folder / name).stat()
            assert stat.S_IMODE(info.st_mode) & 0o060 == 0o060, name  # group read and write
            assert info.st_gid == gid, name
    finally:
        shutil.rmtree(base, ignore_errors=True)
