"""Every status says whose it is (byr_data.programme.sources), checked by rule: for each source — the
report's own words, our reading of the report (also «ikke angitt»), and the secretariat's half-yearly
report — on every surface that shows a status: the goal matrix (cell, CSV, printable page, detail), the
slides, the status report's history, printout, CSV and the command line."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import date

import pytest

from byr_data.__main__ import main
from byr_data.programme import goal_files, goals, html, pages, slides, sources
from byr_data.status import csv_format, model as sm, period_view, reporting, store as ss

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
ITEMS = sm.report_items(MATRIX, PORTFOLIO)
BASELINE = sm.baseline_entries(MATRIX, PORTFOLIO)
TODAY = date(2026, 11, 27)
REPORT = "sluttrapporten (2018)"

# One criterion of each kind in the final report (2018), and what every surface must call it.
CASES = {
    "stated": ("arbeidsplasser-1", "nådd", "står i sluttrapporten (2018)", REPORT, None),
    "assessed": ("sakornfond-2", "ikke nådd", "vår vurdering ut fra sluttrapporten (2018)",
                 "vår vurdering ut fra sluttrapporten (2018)", "vår vurdering"),
    "not stated": ("samferdsel-1", "ikke angitt", "vår vurdering ut fra sluttrapporten (2018)",
                   "vår vurdering ut fra sluttrapporten (2018)", None),
}
LATER = sm.make_entry(item="kommunikasjon-2", period="2026 H2", status="nådd", basis="assessed", day="15.11.2026",
                      who="Kari Nordmann", comment="Nettsiden er lansert", evidence="Styrets protokoll",
                      items=ITEMS, vocabulary=MATRIX.vocabulary, today=TODAY)
LATER = dataclasses.replace(LATER, id=1, recorded_at=sm.now_utc())


def criterion(item: str) -> goals.Criterion:
    return next(c for c in goals.all_criteria(MATRIX.goals) if c.id == item)


def baseline(item: str) -> sm.Entry:
    return next(e for e in BASELINE if e.item == item)


@pytest.mark.parametrize("kind", CASES)
def test_the_baseline_is_credited_by_source_in_history_printout_and_csv(kind):
    item, status, basis, credit, mark = CASES[kind]
    entry = baseline(item)
    assert entry.status == status
    history = reporting.history_table(item, BASELINE, ()).iloc[0]
    assert (history["Grunnlag"], history["Registrert av"]) == (basis, credit)
    assert "sekretariat" not in " ".join(map(str, history.values)).casefold()
    assert history["Kommentar"] == (f"Vår merknad: {entry.comment}" if entry.comment else "")
    assert reporting.status_text(entry) == (f"{status} ({mark})" if mark else status)
    changes = reporting.period_changes(ITEMS, BASELINE, ())
    rows = {r["Kriterium eller prosjekt"]: r for _, t in reporting.printout_tables(reporting.groups(MATRIX, PORTFOLIO),
                                                                                     changes) for _, r in t.iterrows()}
    printed = rows[ITEMS[item].name]
    assert printed["Registrert"] == credit and printed["Status"] == reporting.status_text(entry)
    row = next(r for r in csv.reader(io.StringIO(csv_format.to_csv([entry], ITEMS).decode("utf-8-sig")), delimiter=";")
               if r[2] == item)
    assert (row[5], row[9]) == (basis, credit)


@pytest.mark.parametrize("kind", CASES)
def test_the_goal_matrix_names_the_source_of_each_status(kind):
    item, status, _, _, mark = CASES[kind]
    judged = criterion(item)
    cell = pages.cell(MATRIX, judged, judged.text)
    assert cell.mark == (mark or "")
    chip = html.chip_html(cell)
    assert (f", {mark}</span>" in chip) == bool(mark)
    frame = pages.overview_frame(MATRIX, None)
    row = frame[frame["Kriterium"] == judged.text].iloc[0]
    expected = {"stated": sources.STATED, "assessed": sources.OUR_READING,
                "not stated": "ikke angitt (rapporten sier ingenting; vår merknad)"}[kind]
    assert row["Grunnlag"] == expected
    assert row["Merknad"] == (f"Vår merknad: {judged.note}" if judged.note else "")
    assert f"<td>{expected}</td>" in html.print_html(MATRIX, None, "27.11.2026")


def test_a_later_status_is_the_secretariats_with_its_author_everywhere(tmp_path, monkeypatch, capsys):
    history = reporting.history_table(LATER.item, BASELINE, (LATER,)).iloc[0]
    assert (history["Grunnlag"], history["Registrert av"], history["Kommentar"]) == (
        "vurdert av sekretariatet", "Kari Nordmann", "Nettsiden er lansert")
    assert reporting.status_text(LATER) == "nådd (vurdert av sekretariatet)"
    row = list(csv.reader(io.StringIO(csv_format.to_csv([LATER], ITEMS).decode("utf-8-sig")), delimiter=";"))[1]
    assert (row[5], row[7], row[9]) == ("vurdert av sekretariatet", "Nettsiden er lansert", "Kari Nordmann")
    view = period_view.build_view(ITEMS, BASELINE, (LATER,))
    matrix, portfolio = period_view.apply(view, MATRIX, PORTFOLIO)
    judged = next(c for c in goals.all_criteria(matrix.goals) if c.id == LATER.item)
    assert pages.cell(matrix, judged, judged.text).mark == "vurdert av sekretariatet"
    assert pages.basis_words(judged) == "vurdert av sekretariatet"
    assert "Vurdert av sekretariatet (2026 H2)" in pages.basis_markdown(judged, "2026 H2")
    overview = pages.overview(matrix, None)
    assert overview.origins == {"secretariat": 1, "report": 4, "reading": 24}
    assert pages.headline(overview).endswith(
        "1 av statusene er fra sekretariatets statusrapporter, 4 står i sluttrapporten og 24 er vår vurdering ut fra den.")

    monkeypatch.setenv(ss.DB_ENV, str(tmp_path / "status.sqlite3"))
    with ss.open_store(create=True) as store:
        store.record([LATER], who="Kari Nordmann")
    assert main(["history", LATER.item]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert any(REPORT in line and "vår vurdering ut fra" in line for line in lines if line.strip().startswith("2018"))
    assert any("2026 H2" in line and "(vurdert av sekretariatet)" in line and "av Kari Nordmann" in line for line in lines)
    assert "Sluttrapporten" not in out.replace("sluttrapporten", "")


@pytest.mark.parametrize("kind", CASES)
def test_the_command_line_history_credits_the_baseline_by_source(kind, capsys):
    item, status, basis, _, _ = CASES[kind]
    assert main(["history", item]) == 0
    first = capsys.readouterr().out.splitlines()[1]
    assert first.split()[:2] == ["2018", "(sluttrapport)"] and f"{status} ({basis})" in first


def test_headline_and_slide_never_credit_the_report_with_our_reading():
    view = pages.overview(MATRIX, None)
    said = sum(1 for c in goals.all_criteria(MATRIX.goals) if c.basis == goals.STATED and c.status == "nådd")
    assert pages.headline(view).startswith(f"Sluttrapporten sier selv at {said} av 29 kriterier er nådd; etter vår lesning")
    slide = next(s for s in slides.programme_slides(MATRIX, PORTFOLIO, None) if s.heading.startswith("Målmatrisen"))
    assert slide.message == f"Rapporten sier selv: {said} av 29 kriterier nådd"
    assert "sluttrapporten" not in slide.heading.casefold()
    # A matrix in which the report states nothing: the report is credited with nothing.
    ours = dataclasses.replace(MATRIX, goals=tuple(
        dataclasses.replace(goal, criteria=tuple(dataclasses.replace(c, status_basis="assessed") for c in goal.criteria))
        for goal in MATRIX.goals))
    assert pages.headline(pages.overview(ours, None)).startswith(
        "Sluttrapporten sier ikke selv at noen av de 29 kriteriene er nådd; etter vår lesning")
