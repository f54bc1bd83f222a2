"""CSV formula injection (OWASP «CSV injection»): every CSV the app writes makes a cell that a
spreadsheet would run as a formula plain text, keeps our own numbers numbers, and the status import
gives back exactly what was exported."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from byr_data import export
from byr_data.programme import goal_files, pages as programme_pages
from byr_data.status import csv_format, model as sm, period_view

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
ITEMS = sm.report_items(MATRIX, PORTFOLIO)
TODAY = date(2026, 11, 27)
ATTACKS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1+1)",
           "\t=1+1", "\r=1+1"]


def rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def is_formula(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("text", [*ATTACKS, "'=1", "''-2", "'", "''", "'vanlig", "Vanlig tekst", "", "- punkt",
                                  "−97", "e-post@kommune.no"])
def test_neutralise_and_restore_are_each_others_inverse(text):
    safe = export.neutralise(text)
    assert not is_formula(safe)
    assert export.restore(safe) == text


def test_ordinary_text_is_left_as_it_is():
    for text in ("Vanlig tekst", "Styrets protokoll 12.11.2026", "«sitat»", "100 %", "−97", "e-post@kommune.no"):
        assert export.neutralise(text) == text == export.restore(text)
    assert export.neutralise("=1+1") == "'=1+1"


def entry(comment: str, evidence: str = "Protokoll", who: str = "Kari") -> sm.Entry:
    return sm.make_entry(item="sakornfond-1", period="2026 H2", status="nådd", basis="stated", day="15.11.2026",
                         who=who, comment=comment, evidence=evidence, items=ITEMS, vocabulary=MATRIX.vocabulary,
                         today=TODAY)


@pytest.mark.parametrize("attack", ATTACKS[:4])
def test_the_status_csv_neutralises_comments_evidence_and_names_and_imports_them_back(attack):
    written = csv_format.to_csv([entry(f"{attack}", evidence=attack, who=attack)], ITEMS)
    header, line = rows(written)
    assert not any(is_formula(cell) for cell in line), line
    assert line[header.index("Kommentar")] == "'" + attack
    [back] = csv_format.from_csv(written, items=ITEMS, vocabulary=MATRIX.vocabulary, today=TODAY)
    assert (back.comment, back.evidence, back.who) == (attack, (attack,), attack)
    assert csv_format.to_csv([back], ITEMS) == written


def test_chart_csv_keeps_numbers_numbers_and_neutralises_text():
    table = pd.DataFrame({"År": [2024, 2025], "Endring": [-97, 12], "Andel": [-1.5, 2.25],
                          "Kommune": ["=HYPERLINK(\"http://evil.example\")", "Grue"],
                          "Merknad": ["-1+1", None]})
    text = export.csv_bytes(table, "Kilde: SSB\n=cmd", "Utvalg: Grue").decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "# Kilde: SSB =cmd" and lines[1] == "# Utvalg: Grue"  # a line break in a header is no new line
    assert lines[3] == "2024;-97;-1,5;\"'=HYPERLINK(\"\"http://evil.example\"\")\";'-1+1"
    assert lines[4] == "2025;12;2,25;Grue;"


def test_the_goal_matrix_csv_neutralises_a_status_comment():
    recorded = entry('=HYPERLINK("http://evil.example","x")', evidence="@SUM(1+1)")
    view = period_view.build_view(ITEMS, sm.baseline_entries(MATRIX, PORTFOLIO), (recorded,))
    matrix, _ = period_view.apply(view, MATRIX, PORTFOLIO)
    frame = programme_pages.overview_frame(matrix, None)
    header, *body = rows(export.csv_bytes(frame, *programme_pages.csv_header(matrix, None))
                         .decode("utf-8-sig").split("\n", 2)[2].encode("utf-8"))
    cells = [cell for line in body for cell in line]
    # the comment, labelled as the secretariat's («Kommentar: …», programme.sources), so it starts as text anyway
    assert any(cell.startswith("Kommentar: =HYPERLINK(\"http://evil.example\",\"x\")") for cell in cells)
    assert "'@SUM(1+1)" in cells  # the evidence
    assert not any(is_formula(cell) for cell in cells)
    assert all(line[0].isdigit() for line in body)  # the goal's number stays a number
