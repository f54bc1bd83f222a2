"""The period selector on Målmatrise, Prosjekter and the presentation (AppTest, through dashboard.py)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from byr_data.programme import goal_files, goals
from byr_data.status import model as sm, store as status_store
from tests.test_goal_pages import open_page

MATRIX_PAGE = "app_pages/goal_matrix.py"
PROJECTS_PAGE = "app_pages/projects.py"
REPORT = {c.id: c.status for c in goals.all_criteria(goal_files.load_goals().goals)}


def entry(item: str, period: str, status: str, day: date, basis="stated", comment="") -> sm.Entry:
    return sm.Entry(item=item, period=period, status=status, basis=basis, date=day, who="Kari Nordmann",
                    comment=comment, evidence=("Statusrapport til regionrådet",))


@pytest.fixture
def two_periods():
    """A database with 2025 H1 and 2025 H2 (the second corrects itself once)."""
    with status_store.open_store(create=True) as store:
        store.record([entry("sakornfond-1", "2025 H1", "pågår", date(2025, 5, 20)),
                      entry("kingscross", "2025 H1", "pågår", date(2025, 5, 20))])
        store.record([entry("sakornfond-1", "2025 H2", "delvis nådd", date(2025, 12, 1)),
                      entry("sakornfond-1", "2025 H2", "nådd", date(2025, 12, 15), comment="Vedtatt i alle kommunene"),
                      entry("arbeidsplasser-1", "2025 H2", "ikke nådd", date(2025, 12, 15), basis="assessed")])
    return status_store.db_path()


def overview_html(at: AppTest) -> str:
    return next(h.value for h in at.get("html") if "byr-overview" in h.value)


def texts(at: AppTest) -> str:
    """Every Markdown text and caption, Markdown escapes removed."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption]).replace("\\", "")


def test_without_a_database_the_report_is_shown_and_nothing_is_created():
    at = open_page(MATRIX_PAGE)
    selector = at.selectbox(key="periode")
    assert selector.options == [sm.BASELINE_PERIOD] and selector.value == sm.BASELINE_PERIOD
    assert "Viser status fra sluttrapporten (2018)." in [c.value for c in at.caption]
    assert "Status ved prosjektslutt (2018)" in overview_html(at)
    assert not at.warning
    assert not status_store.db_path().exists()


def test_the_newest_period_is_shown_by_default(two_periods):
    at = open_page(MATRIX_PAGE)
    selector = at.selectbox(key="periode")
    assert selector.options == ["2025 H2", "2025 H1", sm.BASELINE_PERIOD]
    assert selector.value == "2025 H2"
    shown = texts(at)
    assert "Viser status per 2025 H2, sist registrert 15.12.2025." in shown
    reached = list(REPORT.values()).count("nådd") + (REPORT["sakornfond-1"] != "nådd") - (REPORT["arbeidsplasser-1"] == "nådd")
    assert f"Per 2025 H2 er {reached} av 29 kriterier nådd" in shown
    assert "I 2025 H2 er 2 statuser registrert (1 oppgitt i rapport, 1 vurdert av sekretariatet)" in shown
    html = overview_html(at)
    assert "Status per 2025 H2, kriterium nr." in html
    assert "(status fra sluttrapporten 2018)" in html  # an item without a new status says where it is from
    assert html.count('<span class="byr-new">ny</span>') == 2  # the two items with a new status are marked


def test_an_earlier_period_from_the_selector_and_the_url(two_periods):
    at = open_page(MATRIX_PAGE)
    at.selectbox(key="periode").set_value("2025 H1").run()
    assert "Viser status per 2025 H1, sist registrert 20.05.2025." in texts(at)
    report = open_page(MATRIX_PAGE, {"periode": sm.BASELINE_PERIOD})
    assert "Viser status fra sluttrapporten (2018). Nyeste periode er 2025 H2." in texts(report)
    assert "Status ved prosjektslutt (2018)" in overview_html(report)


def test_an_unknown_period_in_the_link_is_named_and_the_newest_shown(two_periods):
    at = open_page(MATRIX_PAGE, {"periode": "2031 H1"})
    assert any("«2031 H1»" in w.value for w in at.warning)
    assert at.selectbox(key="periode").value == "2025 H2"


def test_the_detail_keeps_status_now_from_ssb_apart(two_periods):
    at = open_page(MATRIX_PAGE, {"mal": goal_files.load_goals().goal("arbeidsplasser").short_label})
    shown = texts(at)
    assert "##### Status per 2025 H2: kriteriene ved prosjektslutt" in shown
    assert "Vurdert av sekretariatet (2025 H2): «Statusrapport til regionrådet»" in shown
    assert "##### Status nå (fra SSB)" in shown
    at = open_page(MATRIX_PAGE, {"mal": goal_files.load_goals().goal("sakornfond").short_label})
    shown = texts(at)
    assert "Vedtatt i alle kommunene (statusdato 15.12.2025, registrert av Kari Nordmann)" in shown


def test_projects_show_the_period(two_periods):
    at = open_page(PROJECTS_PAGE, {"periode": "2025 H1"})
    assert at.selectbox(key="periode").value == "2025 H1"
    assert "Viser status per 2025 H1, sist registrert 20.05.2025." in texts(at)
    table = next(h.value for h in at.get("html") if "byr-projects" in h.value)
    assert "Status per 2025 H1" in table
    assert "Status per 2025 H1: " in texts(at)


def test_the_presentation_shows_the_period(two_periods):
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.query_params.update({"presentasjon": "1", "periode": "2025 H1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="periode").value == "2025 H1"
    assert not any("Viser status per" in c.value for c in at.caption), "the first slide is SSB's jobs: no period"
    assert any(".st-key-slide-period {display: none;}" in h.proto.body for h in at.get("html")), "the picker is hidden"
    for _ in range(20):  # to the goal matrix: its statuses are the period's, and the slide says which
        if at.title and at.title[0].value.startswith("Målmatrisen"):
            break
        at.button(key="neste").click().run()
    assert at.title[0].value.startswith("Målmatrisen")
    assert any("Viser status per 2025 H1" in c.value for c in at.caption)
    assert not any(".st-key-slide-period {display: none;}" in h.proto.body for h in at.get("html"))


def test_a_corrupt_database_falls_back_to_the_report(two_periods):
    two_periods.write_bytes(b"ikke en database" * 300)
    for suffix in ("-wal", "-shm"):
        two_periods.with_name(two_periods.name + suffix).unlink(missing_ok=True)
    at = open_page(MATRIX_PAGE)
    assert at.selectbox(key="periode").options == [sm.BASELINE_PERIOD]
    [warning] = at.warning
    assert "Viser status fra sluttrapporten (2018), fordi fila med statushistorikken er skadet." in warning.value
    assert str(two_periods) not in warning.value  # no file names on a user page


def test_a_database_from_a_newer_app_falls_back_to_the_report(two_periods):
    with sqlite3.connect(two_periods) as conn:
        conn.execute(f"PRAGMA user_version = {status_store.SCHEMA_VERSION + 1}")
    at = open_page(PROJECTS_PAGE)
    assert at.selectbox(key="periode").options == [sm.BASELINE_PERIOD]
    assert any("lagret av en nyere versjon av appen" in w.value for w in at.warning)
