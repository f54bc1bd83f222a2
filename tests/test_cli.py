"""Tests for the command line: `python -m byr_data status` and `python -m byr_data refresh`."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import responses

from byr_data import fmt
from byr_data.__main__ import main
from byr_data.ssb import cache
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
    assert f"Hurtiglager: ingen ({isolated_data / cache.CACHE_FILE_NAME})" in out
    assert "appen bruker nå: offline øyeblikksbilde" in out.lower()
    assert "ingen tidsserie for arbeidsplasser fra 2008 (SSB tabell 07984)" in out
    assert "python -m byr_data refresh" in out
    assert ("Region: Kongsvingerregionen – Kongsvinger (3401), Nord-Odal (3414), Sør-Odal (3415), Eidskog (3416), "
            "Grue (3417), Åsnes (3418)") in out
    assert "kan også velges: Våler (3419)" in out


def test_status_with_good_cache(capsys, isolated_data):
    cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(minutes=5)))

    code, out, err = run(capsys, "status")

    assert code == 0, err
    assert f"Hurtiglager: {isolated_data / cache.CACHE_FILE_NAME}" in out
    assert "ferskt" in out and "5 minutter siden" in out
    assert f"rader: {len(fake_ssb.fake_frame()):,}".replace(",", " ") in out
    assert f"SSB oppdatert: {fmt.ssb_updated(fake_ssb.UPDATED)}" in out
    assert "appen bruker nå: hurtiglager fra ssb" in out.lower()
    assert "ingen tidsserie" not in out


def test_status_with_old_cache_says_so(capsys):
    cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(days=3)))
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "gammelt, bør oppdateres" in out and "3 dager siden" in out


def test_status_with_corrupt_cache(capsys, isolated_data):
    isolated_data.mkdir(parents=True)
    path = isolated_data / cache.CACHE_FILE_NAME
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
    assert len(rsps.calls) == 4 + 3  # 07984: metadata, code list, municipalities, country; 03321: metadata, out, in
    path = isolated_data / cache.CACHE_FILE_NAME
    assert f"Lagret {path}" in out
    rows = len(cache.read_cache().frame)
    assert f"rader:    {rows:,}".replace(",", " ") in out
    assert "år:       2008–2025" in out
    assert ("kommuner: Kongsvinger (3401), Nord-Odal (3414), Sør-Odal (3415), Eidskog (3416), Grue (3417), "
            "Åsnes (3418), Våler (3419) (+ hele landet)") in out
    assert "merk" not in out.lower()
    assert "kilde:    SSB (hentet nå), tabell 07984" in out
    assert f"SSB oppdatert: {fmt.ssb_updated(fake_ssb.UPDATED)}" in out
    assert "Henter tabell 07984 fra http://ssb.invalid/api/pxwebapi/v2" in err
    assert "Leser tabellens metadata" in err  # progress goes to stderr


def test_refresh_with_fallback_prints_the_note(capsys, rsps):
    fake_ssb.register_happy_path(rsps, refuse_codelist=True)
    code, out, _ = run(capsys, "refresh")
    assert code == 0
    assert "merk: SSB avviste spørringen med dagens kommunegrenser (Non-existent value)" in out


@pytest.mark.parametrize("failure", ["503", "connection", "partial"])
def test_refresh_failure_exits_1_and_keeps_the_cache(capsys, rsps, isolated_data, failure):
    path = cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(days=2)))
    before = path.read_bytes()
    if failure == "503":
        fake_ssb.register_happy_path(rsps, unavailable=99)
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


# -- any region, bad input -------------------------------------------------------------------------
TWO = """name = "Mjøsbyen"
members = ["3405", "3407"]
target_per_year = 50
base_year = 2015
"""


@pytest.fixture
def two_municipalities(tmp_path, monkeypatch):
    from byr_data import regions

    path = tmp_path / "region.toml"
    path.write_text(TWO, encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", path)
    return path


def test_refresh_and_status_for_two_municipalities_outside_the_region(capsys, rsps, two_municipalities):
    fake = fake_ssb.register_happy_path(rsps)

    code, out, err = run(capsys, "refresh")
    assert code == 0, err
    assert "kommuner: Lillehammer (3405), Gjøvik (3407) (+ hele landet)" in out
    assert "merk" not in out.lower() and len(fake.requests) == 4

    code, out, err = run(capsys, "refresh")  # the code list is cached now
    assert code == 0, err
    assert len(fake.requests) == 4 + 3

    code, out, err = run(capsys, "status")
    assert code == 0, err
    assert "Region: Mjøsbyen – Lillehammer (3405), Gjøvik (3407)" in out
    assert "appen bruker nå: hurtiglager fra ssb" in out.lower()
    assert "mangler" not in out


def test_status_names_configured_municipalities_the_data_lack(capsys, two_municipalities):
    code, out, err = run(capsys, "status")
    assert code == 0, err
    assert "appen bruker nå: offline øyeblikksbilde" in out.lower()
    assert "Merk: tallene appen bruker mangler kommunenummer 3405, kommunenummer 3407." in out


def test_editing_members_makes_the_cache_incomplete(capsys, two_municipalities, isolated_data):
    from byr_data.ssb import codelists

    cache.write_cache(fake_ssb.fake_dataset())  # Kongsvingerregionen's figures
    code, out, err = run(capsys, "status")
    assert code == 0, err
    assert "Hurtiglager: ubrukelig" in out and "mangler tall for" in out and "3405" in out

    # With SSB's code list cached (from an earlier refresh), the names are known before the next refresh.
    codelists.write_cached(isolated_data, codelists.parse(fake_ssb.codelist_doc("agg_KommSummerS", fake_ssb.HISTORY),
                                                          fetched_at=cache.now_utc()))
    code, out, err = run(capsys, "status")
    assert "Merk: tallene appen bruker mangler Lillehammer (3405), Gjøvik (3407)." in out


def test_refresh_refuses_an_old_municipality_number_and_names_todays(capsys, rsps, tmp_path, monkeypatch, isolated_data):
    from byr_data import regions

    settings = tmp_path / "region.toml"
    settings.write_text((regions.DATA_DIR / "region.toml").read_text(encoding="utf-8").replace('"3401"', '"0402"'),
                        encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", settings)
    path = cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(days=2)))
    before = path.read_bytes()
    fake_ssb.register_happy_path(rsps)

    code, out, err = run(capsys, "refresh")

    assert code == 1 and "Traceback" not in err
    assert "Feil: Kommunenummer 0402 (Kongsvinger) er ikke i bruk lenger" in err and "nummer 3401" in err
    assert "Hurtiglageret er ikke endret." in err and path.read_bytes() == before
    assert "Kongsvinger (0402)" not in out


@pytest.mark.parametrize("url", ["data.ssb.no/api/pxwebapi/v2", "https://data.ssb.no/api/px webapi", "ftp://data.ssb.no/v2",
                                 "http://127.0.0.1:99999/x", "http://host:abc", "http://%zz/v2", "http://a..b/v2", "%zz", "a..b"])
def test_refresh_with_a_malformed_base_url(capsys, monkeypatch, isolated_data, url):
    path = cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(days=2)))
    before = path.read_bytes()
    monkeypatch.setenv("BYR_SSB_BASE_URL", url)

    code, out, err = run(capsys, "refresh")

    assert code == 1
    assert "Feil: Adressen til SSB i innstillingen BYR_SSB_BASE_URL" in err and "ugyldig" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_refresh_with_broken_settings(capsys, rsps, tmp_path, monkeypatch):
    from byr_data import regions

    path = tmp_path / "region.toml"
    path.write_text(TWO.replace("target_per_year = 50", "target_per_year = 0"), encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", path)
    fake = fake_ssb.register_happy_path(rsps)

    code, out, err = run(capsys, "refresh")

    assert code == 1 and "target_per_year" in err and str(path) in err
    assert fake.requests == []  # nothing asked of SSB


@pytest.mark.parametrize("fetched_at, expected", [
    ("2026-11-27T06:00:00", "uten tidssone"),
])
def test_cache_with_a_time_without_zone_is_not_used(capsys, isolated_data, fetched_at, expected):
    import json

    path = cache.write_cache(fake_ssb.fake_dataset())
    document = json.loads(path.read_text(encoding="utf-8"))
    document["provenance"]["fetched_at"] = fetched_at
    path.write_text(json.dumps(document), encoding="utf-8")

    code, out, err = run(capsys, "status")

    assert code == 0, err
    assert "Hurtiglager: ubrukelig" in out and expected in out
    assert "appen bruker nå: offline øyeblikksbilde" in out.lower()


def test_cache_from_the_future_is_stale(capsys):
    cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() + timedelta(days=1)))
    code, out, _ = run(capsys, "status")
    assert code == 0 and "gammelt, bør oppdateres" in out


def test_refresh_as_a_subprocess_against_a_server_with_ssbs_shapes(isolated_data, two_municipalities):
    """The «done when» of issue 8: a real socket, SSB's shapes, no fallback note, four requests."""
    from tests import fake_ssb_server

    server, url = fake_ssb_server.start()
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "BYR_SSB_BASE_URL": url}
        # The settings file is swapped in this process only: point the subprocess at it through a copy.
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from byr_data import regions; from pathlib import Path; "
             f"regions.SETTINGS_FILE = Path({str(two_municipalities)!r}); "
             "from byr_data.__main__ import main; sys.exit(main(['refresh']))"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert "kommuner: Lillehammer (3405), Gjøvik (3407) (+ hele landet)" in result.stdout
    assert "merk" not in result.stdout.lower()
    assert server.fake.requests == ["GET /api/pxwebapi/v2/tables/07984/metadata",
                                    "GET /api/pxwebapi/v2/codelists/agg_KommSummerS", "POST data", "POST data"]
