"""AppTest of the «Data og kilder» page (through dashboard.py), and the region settings' validation.

AppTest runs the script in a thread of this process, so `responses` mocks its HTTP when it is
active around `at.run()`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import responses
from streamlit.testing.v1 import AppTest

from byr_data import fmt, regions
from byr_data.ssb import cache
from tests import fake_ssb

DATA_PAGE = "app_pages/data_sources.py"
BUTTON = "Hent nye tall fra SSB"
MISSING_SERIES = "Tidsserien for arbeidsplasser fra 2008 (tabell 07984) vises når tallene er hentet fra SSB"
GOOD_SETTINGS = (regions.DATA_DIR / "region.toml").read_text(encoding="utf-8")


def data_page() -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.run()
    at.switch_page(DATA_PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def click_refresh(at: AppTest) -> AppTest:
    button = next(b for b in at.button if b.label == BUTTON)
    return button.click().run()


# -- offline and online --------------------------------------------------------------------------
def test_offline_shows_the_snapshot_and_says_what_is_missing():
    at = data_page()

    assert at.title[0].value == "Data og kilder"
    assert "øyeblikksbilde" in metric(at, "Kilde").lower()
    assert MISSING_SERIES in texts(at.info)
    assert "offline øyeblikksbilde" in texts(at.caption).lower()
    assert "ingen data hentet fra SSB" in texts(at.markdown)
    assert not at.error


def test_online_shows_the_cache_and_no_missing_series():
    with responses.RequestsMock() as rsps:
        fake_ssb.register_happy_path(rsps)
        cache.refresh()
    at = data_page()

    source = metric(at, "Kilde").lower()
    assert "hurtiglager" in source and "ssb" in source
    assert MISSING_SERIES not in texts(at.info)
    assert "Tall fra SSB tabell 07984" in texts(at.caption)
    assert "rader, hentet" in texts(at.markdown)
    assert not at.error and not at.warning
    # The two tables side by side for the years both have, never joined: a small table, not a warning.
    compared = next(table.value for table in at.table if "Tabell 11618" in table.value.columns)
    assert list(compared.columns) == ["Mål", "År", "Tabell 07984", "Tabell 11618", "Forskjell", "Forskjell i %"]
    assert set(compared["År"]) <= {str(year) for year in range(2017, 2023)} and len(compared)


def test_offline_has_no_table_comparison():
    assert not [table for table in data_page().table if "Tabell 11618" in table.value.columns]


def test_corrupt_cache_is_named_and_the_snapshot_shown(isolated_data):
    isolated_data.mkdir(parents=True)
    path = isolated_data / cache.CACHE_FILE_NAME
    path.write_text("{ikke json", encoding="utf-8")

    at = data_page()

    assert "øyeblikksbilde" in metric(at, "Kilde").lower()
    warnings = [w.value for w in at.warning if fmt.escape_markdown(str(path)) in w.value]  # escaped outside text
    assert len(warnings) == 1  # named once, not twice
    assert "Hurtiglager: ubrukelig" in texts(at.markdown)


@pytest.mark.parametrize("failure", ["503", "connection"])
def test_refresh_button_with_ssb_failing_shows_error_and_keeps_data(failure):
    at = data_page()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        if failure == "503":
            rsps.add(responses.GET, fake_ssb.FakeSsb().metadata_url(), status=503)
        # "connection": nothing registered, so responses refuses the connection
        click_refresh(at)

    assert not at.exception
    error = texts(at.error)
    assert ("HTTP 503" if failure == "503" else "Får ikke kontakt med SSB") in error
    assert "øyeblikksbilde" in metric(at, "Kilde").lower()
    assert MISSING_SERIES in texts(at.info)
    assert not cache.cache_file().exists()


def test_refresh_button_failing_keeps_an_existing_cache():
    path = cache.write_cache(fake_ssb.fake_dataset(fetched_at=cache.now_utc() - timedelta(days=2)))
    before = path.read_bytes()
    at = data_page()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake_ssb.register_happy_path(rsps, drop=["3416"])  # Eidskog missing: a partial answer
        click_refresh(at)

    assert "Eidskog" in texts(at.error)
    assert "hurtiglager" in metric(at, "Kilde").lower()
    assert path.read_bytes() == before


def test_refresh_button_success_shows_the_new_data():
    at = data_page()
    with responses.RequestsMock() as rsps:
        fake_ssb.register_happy_path(rsps)
        click_refresh(at)

    assert not at.exception and not at.error
    assert cache.cache_file().exists()
    assert "hurtiglager" in metric(at, "Kilde").lower()
    assert MISSING_SERIES not in texts(at.info)
    assert "Oppdatert" in texts(at.success)


# -- region settings -----------------------------------------------------------------------------
def test_malformed_region_settings_is_a_clear_error(tmp_path, monkeypatch):
    bad = tmp_path / "region.toml"
    bad.write_text(GOOD_SETTINGS.replace('"3418"', '"99x9"'), encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", bad)

    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.run()
    assert not at.exception
    at.switch_page(DATA_PAGE).run()

    assert not at.exception
    error = texts(at.error)
    assert "Regioninnstillingene har en feil" in error
    assert fmt.escape_markdown(str(bad)) in error and "members" in error and "99x9" in error
    assert not at.metric  # nothing drawn from wrong settings


def write_settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "region.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_settings_are_valid():
    settings = regions.load_settings()
    assert settings.members == ("3401", "3414", "3415", "3416", "3417", "3418")
    assert settings.optional == ("3419",)
    assert settings.selectable[-1] == "3419"
    assert (settings.target_per_year, settings.base_year) == (100, 2015)


def test_settings_file_is_looked_up_at_call_time(tmp_path, monkeypatch):
    path = write_settings(tmp_path, GOOD_SETTINGS.replace('name = "Kongsvingerregionen"', 'name = "Testregion"'))
    monkeypatch.setattr(regions, "SETTINGS_FILE", path)
    assert regions.load_settings().name == "Testregion"


MALFORMED = {
    "missing-name": (lambda t: t.replace('name = "Kongsvingerregionen"', ""), "name", "mangler"),
    "missing-members": (lambda t: t.replace('members = ["3401", "3414", "3415", "3416", "3417", "3418"]', ""), "members", "mangler"),
    "missing-target": (lambda t: t.replace("target_per_year = 100", ""), "target_per_year", "mangler"),
    "target-as-text": (lambda t: t.replace("target_per_year = 100", 'target_per_year = "100"'), "target_per_year", "skal være et heltall"),
    "base-year-bool": (lambda t: t.replace("base_year = 2015", "base_year = true"), "base_year", "skal være et heltall"),
    "members-not-a-list": (lambda t: t.replace('members = ["3401", "3414", "3415", "3416", "3417", "3418"]', 'members = "3401"'), "members", "skal være en liste"),
    "code-as-number": (lambda t: t.replace('"3401", "3414"', '3401, "3414"'), "members", "som tekst"),
    "not-a-code": (lambda t: t.replace('"3418"]', '"341"]'), "members", "«341», som ikke er et kommunenummer"),
    "name-not-code": (lambda t: t.replace('optional = ["3419"]', 'optional = ["Våler"]'), "optional", "ikke er et kommunenummer"),
    "duplicate": (lambda t: t.replace('"3418"]', '"3418", "3401"]'), "members", "3401 flere ganger"),
    "member-also-optional": (lambda t: t.replace('optional = ["3419"]', 'optional = ["3417"]'), "optional", "allerede står i «members»"),
    "unknown-key": (lambda t: t.replace("target_per_year = 100", "target_per_year = 100\ntarget_per_yaer = 120"), "target_per_yaer", "ukjent felt"),
    "target-zero": (lambda t: t.replace("target_per_year = 100", "target_per_year = 0"), "target_per_year", "positivt"),
    "target-negative": (lambda t: t.replace("target_per_year = 100", "target_per_year = -100"), "target_per_year", "positivt"),
    "empty-members": (lambda t: t.replace('members = ["3401", "3414", "3415", "3416", "3417", "3418"]', "members = []"), "members", "minst én"),
    "empty-name": (lambda t: t.replace('name = "Kongsvingerregionen"', 'name = "  "'), "name", "tomt"),
    "base-year-too-early": (lambda t: t.replace("base_year = 2015", "base_year = 1999"), "base_year", "2008"),
}


@pytest.mark.parametrize("case", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_settings_name_file_and_field(tmp_path, case):
    spoil, field, problem = case
    path = write_settings(tmp_path, spoil(GOOD_SETTINGS))

    with pytest.raises(regions.SettingsError) as caught:
        regions.load_settings(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"«{field}»" in message
    assert problem in message


@pytest.mark.parametrize(
    "content", ['name = "Kongsvingerregionen\nmembers = []', "members = [\"3401\",", "= 3"], ids=["open-string", "open-list", "no-key"]
)
def test_bad_toml_names_the_file(tmp_path, content):
    path = write_settings(tmp_path, content)
    with pytest.raises(regions.SettingsError, match="kan ikke leses") as caught:
        regions.load_settings(path)
    assert str(path) in str(caught.value)


def test_missing_settings_file(tmp_path):
    path = tmp_path / "finnes-ikke.toml"
    with pytest.raises(regions.SettingsError, match="filen finnes ikke") as caught:
        regions.load_settings(path)
    assert str(path) in str(caught.value)


def test_settings_file_not_utf8(tmp_path):
    path = tmp_path / "region.toml"
    path.write_bytes(GOOD_SETTINGS.replace("Kongsvingerregionen", "Åsnesregionen").encode("latin-1"))
    with pytest.raises(regions.SettingsError, match="kan ikke leses") as caught:
        regions.load_settings(path)
    assert str(path) in str(caught.value)
