"""Tests for the command line: `python -m byr_data status` and `python -m byr_data refresh`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import responses

from byr_data import fmt, store
from byr_data.__main__ import main
from tests import fake_ssb

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.replace(NBSP, " "), err.replace(NBSP, " ")


# -- status --------------------------------------------------------------------------------------
def test_status_without_cache(capsys, isolated_data):
    code, out, err = run(capsys, "status")
    assert code == 0, err
    assert f"Hurtiglager: ingen ({isolated_data / store.CACHE_FILE_NAME})" in out
    assert "appen bruker nå: offline øyeblikksbilde" in out.lower()
    assert "ingen tidsserie for arbeidsplasser" in out
    assert "python -m byr_data refresh" in out
    assert "Region: Kongsvingerregionen – Kongsvinger, Nord-Odal, Sør-Odal, Eidskog, Grue, Åsnes" in out


def test_status_with_good_cache(capsys, isolated_data):
    store.write_cache(fake_ssb.fake_dataset(fetched_at=store.now_utc() - timedelta(minutes=5)))

    code, out, err = run(capsys, "status")

    assert code == 0, err
    assert f"Hurtiglager: {isolated_data / store.CACHE_FILE_NAME}" in out
    assert "ferskt" in out and "5 minutter siden" in out
    assert f"rader: {len(fake_ssb.fake_frame()):,}".replace(",", " ") in out
    assert f"SSB oppdatert: {fmt.ssb_updated(fake_ssb.UPDATED)}" in out
    assert "appen bruker nå: hurtiglager fra ssb" in out.lower()
    assert "ingen tidsserie" not in out


def test_status_with_old_cache_says_so(capsys):
    store.write_cache(fake_ssb.fake_dataset(fetched_at=store.now_utc() - timedelta(days=3)))
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "gammelt, bør oppdateres" in out and "3 dager siden" in out


def test_status_with_corrupt_cache(capsys, isolated_data):
    isolated_data.mkdir(parents=True)
    path = isolated_data / store.CACHE_FILE_NAME
    path.write_text('{"provenance": {"source": "li', encoding="utf-8")

    code, out, err = run(capsys, "status")

    assert code == 0, err
    assert "Hurtiglager: ubrukelig" in out and str(path) in out
    assert "appen bruker nå: offline øyeblikksbilde" in out.lower()
    assert f"Merk: Hurtiglageret {path} er ødelagt" in out


# -- refresh -------------------------------------------------------------------------------------
def test_refresh_success(capsys, rsps, isolated_data):
    fake_ssb.register_happy_path(rsps)

    code, out, err = run(capsys, "refresh")

    assert code == 0, err
    assert len(rsps.calls) == 3
    path = isolated_data / store.CACHE_FILE_NAME
    assert f"Lagret {path}" in out
    rows = len(store.read_cache().frame)
    assert f"rader:    {rows:,}".replace(",", " ") in out
    assert "år:       2008–2025" in out
    assert "kommuner: Kongsvinger, Nord-Odal, Sør-Odal, Eidskog, Grue, Åsnes, Våler (+ hele landet)" in out
    assert "kilde:    SSB (hentet nå), tabell 07984" in out
    assert f"SSB oppdatert: {fmt.ssb_updated(fake_ssb.UPDATED)}" in out
    assert "Henter tabell 07984 fra http://ssb.invalid/api/pxwebapi/v2" in err
    assert "Leser tabellens metadata" in err  # progress goes to stderr


def test_refresh_with_fallback_prints_the_note(capsys, rsps):
    fake_ssb.register_happy_path(rsps, refuse_k=True)
    code, out, _ = run(capsys, "refresh")
    assert code == 0
    assert "merk: SSB avviste K-kodene" in out


@pytest.mark.parametrize("failure", ["503", "connection", "partial"])
def test_refresh_failure_exits_1_and_keeps_the_cache(capsys, rsps, isolated_data, failure):
    path = store.write_cache(fake_ssb.fake_dataset(fetched_at=store.now_utc() - timedelta(days=2)))
    before = path.read_bytes()
    if failure == "503":
        rsps.add(responses.GET, fake_ssb.FakeSsb().metadata_url(), status=503)
        expected = "HTTP 503"
    elif failure == "partial":
        fake_ssb.register_happy_path(rsps, drop=["3415"])
        expected = "Sør-Odal"
    else:
        expected = "Får ikke kontakt med SSB"  # nothing registered: responses refuses the connection

    code, out, err = run(capsys, "refresh")

    assert code == 1
    assert "Feil:" in err and expected in err
    assert "Hurtiglageret er ikke endret." in err
    assert "Lagret" not in out
    assert path.read_bytes() == before


def test_unknown_command_is_refused(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["fetch"])
    assert caught.value.code == 2


def test_status_as_a_real_subprocess(isolated_data):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "byr_data", "status"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Hurtiglager: ingen" in result.stdout
    assert str(isolated_data) in result.stdout  # honours BYR_CACHE_DIR from the environment
