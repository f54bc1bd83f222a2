"""AppTest of what users see around the data: the refresh button's messages, the background refresh,
edits of data/region.toml on the next rerun, outside text escaped, and the catch-all around pages."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from byr_data import regions
from byr_data.jobs import pages as job_pages
from byr_data.ssb import cache, client as ssb_client
from byr_data.ui import frame, load as ui_load
from tests import fake_ssb, sample_data

DATA_PAGE = "app_pages/data_sources.py"
GOOD = (regions.DATA_DIR / "region.toml").read_text(encoding="utf-8")
TWO = """name = "Mjøsbyen"
members = ["3405", "3407"]
target_per_year = 50
base_year = 2015
"""


def texts(elements) -> str:
    return " ".join(str(e.value) for e in elements)


def app(page: str | None = None) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=30).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def click_refresh(at: AppTest) -> AppTest:
    return next(b for b in at.button if b.label == "Hent nye tall fra SSB").click().run()


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    path = tmp_path / "region.toml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(regions, "SETTINGS_FILE", path)

    def edit(text: str) -> None:
        before = path.stat().st_mtime_ns
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))  # a later mtime, whatever the clock

    return edit


# -- the refresh button -----------------------------------------------------------------------------
@pytest.mark.parametrize("error, headline", [
    (cache.RefreshBusy("En annen oppdatering fra SSB pågår allerede."), "En annen oppdatering pågår allerede"),
    (ssb_client.SsbError("SSB svarte ikke i tide (tidsavbrudd). Prøv igjen senere."), "SSB svarte ikke i tide"),
    (ssb_client.SsbError("SSB svarte med en feil (HTTP 500) uten forklaring. Prøv igjen senere."), "Oppdateringen feilet"),
])
def test_refresh_button_says_what_happened_and_that_the_snapshot_is_shown(monkeypatch, error, headline):
    at = app(DATA_PAGE)

    def failing(*args, **kwargs):
        raise error

    monkeypatch.setattr(cache, "refresh", failing)
    click_refresh(at)

    assert not at.exception
    shown = texts(at.error)
    assert headline in shown and "Appen viser fortsatt det medfølgende øyeblikksbildet" in shown
    assert "de forrige tallene" not in shown
    assert fmt_escaped(str(error)) in shown


def fmt_escaped(text: str) -> str:
    from byr_data import fmt

    return fmt.escape_markdown(text)


def test_refresh_button_failure_with_earlier_ssb_data_names_their_time(monkeypatch):
    fetched = cache.now_utc() - timedelta(days=2)
    sample_data.write_cache(fetched_at=fetched)
    at = app(DATA_PAGE)
    monkeypatch.setattr(cache, "refresh", lambda *a, **k: (_ for _ in ()).throw(ssb_client.SsbError("SSB er nede.")))
    click_refresh(at)
    from byr_data import fmt

    assert f"Appen viser fortsatt tallene fra SSB hentet {fmt.timestamp(fetched)}" in texts(at.error)


def test_unexpected_error_in_the_refresh_button_is_one_norwegian_sentence(monkeypatch):
    at = app(DATA_PAGE)
    monkeypatch.setattr(cache, "refresh", lambda *a, **k: (_ for _ in ()).throw(KeyError("/srv/app/secret.py")))
    click_refresh(at)
    assert not at.exception
    assert ui_load.UNEXPECTED in texts(at.error)
    assert "secret" not in texts(at.error) and "KeyError" not in texts(at.error)


def test_ssb_error_text_reaches_the_page_escaped(monkeypatch):
    at = app(DATA_PAGE)
    evil = "SSB avviste spørringen (HTTP 400): [klikk her](http://evil.invalid) <b>fet</b> :red[rød]"
    monkeypatch.setattr(cache, "refresh", lambda *a, **k: (_ for _ in ()).throw(ssb_client.SsbRefused(evil)))
    click_refresh(at)
    shown = texts(at.error)
    assert "\\[klikk her\\]" in shown and "](http" not in shown.replace("\\](", "")
    assert "<b>" not in shown


# -- the background refresh -------------------------------------------------------------------------
def test_background_refresh_failing_unexpectedly_is_shown_and_logged(monkeypatch, caplog):
    monkeypatch.setenv("BYR_AUTO_REFRESH", "1")
    monkeypatch.setattr(cache, "refresh", lambda *a, **k: (_ for _ in ()).throw(ZeroDivisionError("bug")))
    at = app()
    for thread in threading.enumerate():
        if thread.name == "ssb-refresh":
            thread.join(timeout=30)
    at.run()
    assert not at.exception
    assert ui_load.UNEXPECTED in texts(at.warning)
    assert "ZeroDivisionError" not in texts(at.warning)


# -- editing data/region.toml ------------------------------------------------------------------------
def test_settings_edit_takes_effect_on_the_next_rerun_and_a_broken_edit_shows_its_error(settings_file):
    sample_data.write_cache()
    at = app(DATA_PAGE)
    assert not at.error

    settings_file(GOOD.replace("target_per_year = 100", "target_per_year = 0"))
    at.run()
    assert not at.exception
    error = texts(at.error)
    assert "Regioninnstillingene har en feil" in error and "target\\_per\\_year" in error

    settings_file(GOOD.replace('name = "Kongsvingerregionen"', 'name = "Glåmdalen"'))
    at.run()
    assert not at.error
    assert ui_load.settings().name == "Glåmdalen"


def test_new_members_make_the_cache_incomplete_and_start_a_refresh(settings_file, monkeypatch):
    sample_data.write_cache()  # Kongsvingerregionen's (made-up) figures, fresh
    monkeypatch.setenv("BYR_AUTO_REFRESH", "1")
    started = threading.Event()

    def refresh(*args, **kwargs):
        started.set()
        raise ssb_client.SsbError("SSB svarte ikke i tide (tidsavbrudd).")

    monkeypatch.setattr(cache, "refresh", refresh)
    at = app()
    assert not started.is_set()  # fresh and complete: no refresh

    settings_file(TWO)
    at.run()
    assert started.wait(10), "editing the members started a refresh"
    assert not at.exception
    warnings = texts(at.warning)
    assert "Hurtiglageret mangler tall for" in warnings
    assert "Tallene som vises mangler kommunenummer 3405, kommunenummer 3407" in warnings


OLD_NUMBER = GOOD.replace('"3401"', '"0402"')


def test_an_old_number_offline_with_a_cached_code_list_names_todays_number(settings_file, isolated_data):
    """No SSB, no data cache (the snapshot is shown), but SSB's code list from an earlier refresh: 0402 is
    Kongsvinger's former number, and the municipality has figures under 3401. Nothing is shown as zero."""
    from byr_data.ssb import codelists

    codelists.write_cached(isolated_data, codelists.parse(fake_ssb.codelist_doc("agg_KommSummerS"),
                                                          fetched_at=cache.now_utc()))
    settings_file(OLD_NUMBER)
    at = app()
    warnings = texts(at.warning)
    assert ("Kommunenummer 0402 (Kongsvinger) er ikke i bruk lenger. I dag har kommunen nummer 3401; skriv det i "
            "regioninnstillingene i stedet.") in warnings.replace("\\", "")
    assert "Tallene som vises mangler Kongsvinger" in warnings  # the figures lack it until the settings are put right


def test_an_old_number_offline_without_a_code_list_is_named_as_missing(settings_file):
    """Without SSB's code list the app cannot tell an old number from a new one: it says the figures lack
    it (never a zero), and the next refresh from SSB checks it."""
    settings_file(OLD_NUMBER)
    at = app()
    warnings = texts(at.warning)
    assert "Tallene som vises mangler kommunenummer 0402" in warnings
    assert "ikke i bruk" not in warnings


def test_an_old_number_is_refused_by_the_refresh_button_naming_todays(settings_file, monkeypatch):
    import responses

    settings_file(OLD_NUMBER)
    at = app(DATA_PAGE)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake_ssb.register_happy_path(rsps)
        click_refresh(at)
    assert not at.exception
    error = texts(at.error).replace("\\", "")
    assert "Oppdateringen feilet" in error and "Kommunenummer 0402 (Kongsvinger) er ikke i bruk lenger" in error
    assert "nummer 3401" in error and not cache.cache_file().exists()


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/trend.py", "app_pages/attainment.py",
                                  "app_pages/municipality.py", DATA_PAGE])
def test_region_outside_kongsvinger_with_its_figures_works_on_every_job_page(settings_file, page):
    settings_file(TWO)
    dataset = fake_ssb.fake_dataset(codes=["3405", "3407", "0"], with_gap=False)
    cache.write_cache(dataset)
    at = app(page)
    assert not at.exception and not at.error
    assert "mangler" not in texts(at.warning)
    assert ui_load.settings().name == "Mjøsbyen"


# -- the catch-all ------------------------------------------------------------------------------------
def test_a_failing_page_shows_one_norwegian_sentence_and_no_traceback(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/srv/byregion/byr_data/views.py exploded")

    monkeypatch.setattr(job_pages, "overview", broken)
    at = AppTest.from_file("../dashboard.py", default_timeout=30).run()
    assert not at.exception
    assert texts(at.error) == frame.PAGE_FAILED
    page = " ".join(texts(kind) for kind in (at.markdown, at.error, at.warning, at.caption))
    assert "/srv" not in page and "RuntimeError" not in page

    at.switch_page(DATA_PAGE).run()  # the kind of error (no path, no traceback) for whoever runs it
    details = texts(at.expander[-1].markdown)
    assert "siden «Oversikt» feilet (feiltype RuntimeError)" in details and "/srv" not in details


@pytest.mark.parametrize("control", [RerunException(None), StopException()])
def test_the_catch_all_lets_streamlits_own_control_flow_through(control):
    def body():
        raise control

    with pytest.raises(type(control)):
        frame.run_page(body, "test")


@pytest.mark.parametrize("url", ["data.ssb.no/api/pxwebapi/v2", "https://data.ssb.no/api/px webapi/v2", "ftp://data.ssb.no/v2",
                                 "http://127.0.0.1:99999/x", "http://host:abc", "http://a..b/v2"])
def test_malformed_ssb_address_is_a_norwegian_message_on_the_button_and_in_the_background(monkeypatch, url):
    at = app(DATA_PAGE)
    monkeypatch.setenv(ssb_client.BASE_URL_ENV, url)
    click_refresh(at)
    assert not at.exception
    assert "Adressen til SSB i innstillingen BYR\\_SSB\\_BASE\\_URL" in texts(at.error)

    monkeypatch.setenv("BYR_AUTO_REFRESH", "1")
    at.run()
    for thread in threading.enumerate():
        if thread.name == "ssb-refresh":
            thread.join(timeout=30)
    at.run()
    assert not at.exception
    assert "Siste automatiske oppdatering fra SSB feilet: Adressen til SSB" in texts(at.warning)
    assert not cache.cache_file().exists()


def test_cache_with_a_time_without_zone_falls_back_to_the_snapshot_with_the_reason(isolated_data):
    import json

    path = sample_data.write_cache() and cache.cache_file()
    document = json.loads(path.read_text(encoding="utf-8"))
    document["provenance"]["fetched_at"] = "2026-11-27T06:00:00"
    path.write_text(json.dumps(document), encoding="utf-8")
    at = app()
    assert not at.exception
    assert "hentetidspunkt uten tidssone" in texts(at.warning)
    assert "øyeblikksbilde" in texts(at.caption)
