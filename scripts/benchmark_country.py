"""Section (f) of scripts/benchmark.py: «Regionen i landet» with 7 and with 357 municipalities (issue 25).

  (f) 1. parsing and checking SSB's whole-country answer (`ssb.country.parse` + `check`), median of --loads;
         target ≤ 0,5 s (absolute, the issue's own number);
      2. warm rerun of the comparison page (AppTest, as in (c)) against the bare page; target ≤ 1,5 ×;
      3. time to the first map in Chromium: a fresh server, then from opening /regionen-i-landet until a
         municipality is drawn, against the bare page's first chart; target ≤ 2 ×;
      4. peak server memory with five sessions, one on the comparison page, against the bare page with
         five; target ≤ the bare page + 120 MiB.
Each is measured with the country from the fake SSB (made-up figures) for 7 municipalities and for all
357, written as the country cache in $BYR_CACHE_DIR, so the report shows how each grows.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

PARSE_TARGET_S = 0.5
MAP_TARGET = 2.0
MEMORY_TARGET = 120 * 2**20
MAP_DRAWN = '[data-testid="stVegaLiteChart"] svg.marks .mark-shape path'
PAGE = "/regionen-i-landet"
SEVEN = ["3401", "3414", "3415", "3416", "3417", "3418", "3419"]


def write_country(count: int) -> dict:
    """Fetch the country from the fake SSB (in-process, `responses`) into the cache; the raw answer."""
    import responses

    from byr_data.compare import charts
    from byr_data.ssb import cache, client as ssb_client, country
    from tests import fake_ssb

    everyone = count > len(SEVEN)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        fake = fake_ssb.register_happy_path(rsps, municipalities=fake_ssb.country() if everyone else [])
        known = charts.map_names() if everyone else SEVEN
        country.refresh(cache.cache_dir(), SEVEN, known, ssb_client.SsbClient())
    return {"fake": fake, "known": known}


def bench_parse(loads: int, made: dict) -> tuple[float, list[float]]:
    import pandas as pd

    from byr_data.ssb import codelists, country
    from tests import fake_ssb

    fake = made["fake"]
    codelist = codelists.parse(fake_ssb.codelist_doc("agg_KommSummerS", fake.codes))
    doc = fake_ssb.data_doc({v.code: list(v.parts) for v in codelist.values}, nace=["00-99"])
    to_today, _ = country.today_numbers(codelist, set(made["known"]))
    names = {code: code for code in to_today.values()}
    norway = country.parse(fake_ssb.country_doc(nace=["00-99"]), {"0": "0"}, {"0": "Hele landet"})
    samples = []
    for _ in range(loads):
        start = time.perf_counter()
        frame = country.parse(doc, {**to_today, **{v.code: v.code for v in codelist.values if v.code not in to_today}},
                              names)
        frame = frame[frame["kommunenummer"].isin(set(to_today.values()))]
        country.check(pd.concat([frame, norway]), sorted(set(to_today.values())))
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), samples


def bench_rerun(floor_script: Path, reruns: int) -> tuple[float, list[float], float, list[float]]:
    from streamlit.testing.v1 import AppTest

    floor = AppTest.from_file(str(floor_script), default_timeout=60)
    floor.run()
    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("app_pages/country.py").run()
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    page, bare = [], []
    for _ in range(reruns):
        start = time.perf_counter()
        at.run()
        page.append(time.perf_counter() - start)
        start = time.perf_counter()
        floor.run()
        bare.append(time.perf_counter() - start)
    return statistics.median(page), page, statistics.median(bare), bare


def bench_first_map(browser, server_class, floor_script: Path, log_dir: Path, runs: int) -> dict[str, list[float]]:
    """A fresh server each run (healthy first), then the time from opening the page to its first drawing."""
    from scripts.benchmark import CHART_DRAWN, ROOT

    times: dict[str, list[float]] = {"floor": [], "app": []}
    for _ in range(runs):
        for name, script, url, drawn in (("floor", floor_script, "/", CHART_DRAWN),
                                         ("app", ROOT / "dashboard.py", PAGE, MAP_DRAWN)):
            server = server_class(script, log_dir, f"{name}-map")
            try:
                server.wait_healthy()
                context = browser.new_context(viewport={"width": 1920, "height": 1080})
                try:
                    page = context.new_page()
                    page.set_default_timeout(120_000)
                    start = time.perf_counter()
                    page.goto(server.url + url)
                    page.locator(drawn).first.wait_for()
                    times[name].append(time.perf_counter() - start)
                finally:
                    context.close()
            finally:
                server.stop()
    return times


def bench_memory(browser, server_class, floor_script: Path, log_dir: Path, sessions: int) -> dict[str, int]:
    from scripts.benchmark import ROOT, wait_page

    urls = [PAGE, "/", "/trendbrudd", "/maloppnaelse", "/kommune"]
    peaks = {}
    for name, script, pages in (("floor", floor_script, ["/"]), ("app", ROOT / "dashboard.py", urls)):
        server = server_class(script, log_dir, f"{name}-country-memory")
        try:
            server.wait_healthy()
            context = browser.new_context(viewport={"width": 1920, "height": 1080})
            try:
                tabs = []
                for number in range(sessions):
                    tab = context.new_page()
                    tab.set_default_timeout(120_000)
                    tab.goto(server.url + pages[number % len(pages)])
                    tabs.append(tab)
                for tab in tabs:
                    wait_page(tab)
                peaks[name] = server.peak_rss()
            finally:
                context.close()
        finally:
            server.stop()
    return peaks


def bench_country(row_class, server_class, floor_script: Path, log_dir: Path, loads: int, reruns: int, runs: int,
                  sessions: int, browser_available: bool) -> list:
    rows = []
    for count in (len(SEVEN), 357):
        made = write_country(count)
        label = f"{count} kommuner"
        median, samples = bench_parse(loads, made)
        rows.append(row_class("g", f"parse + check country answer, {label}, median of {loads}", None, median, "s",
                              f"≤ {PARSE_TARGET_S * 1000:.0f} ms", median <= PARSE_TARGET_S, samples={"app": samples}))
        page, page_samples, bare, bare_samples = bench_rerun(floor_script, reruns)
        row = row_class("g", f"rerun Regionen i landet, {label}, median of {reruns}", bare, page, "s", "≤ 1.5×",
                        samples={"floor": bare_samples, "app": page_samples})
        row.passed = row.ratio <= 1.5
        rows.append(row)
        if not browser_available:
            continue
        from playwright.sync_api import sync_playwright

        from scripts.benchmark import CHROMIUM, CHROMIUM_ARGS

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                times = bench_first_map(browser, server_class, floor_script, log_dir, runs)
                row = row_class("g", f"first map vs first chart, {label}, median of {runs}",
                                statistics.median(times["floor"]), statistics.median(times["app"]), "s",
                                f"≤ {MAP_TARGET:g}×", samples=times)
                row.passed = row.ratio <= MAP_TARGET
                rows.append(row)
                peaks = bench_memory(browser, server_class, floor_script, log_dir, sessions)
                row = row_class("g", f"peak RSS, {sessions} sessions (1 on the page), {label}", peaks["floor"],
                                peaks["app"], "bytes", "≤ floor + 120 MiB",
                                peaks["app"] - peaks["floor"] <= MEMORY_TARGET,
                                note=f"+{(peaks['app'] - peaks['floor']) / 2**20:.0f} MiB")
                rows.append(row)
            finally:
                browser.close()
    return rows
