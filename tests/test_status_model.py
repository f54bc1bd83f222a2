"""Reporting periods: validation, the final report as the first period (read live from the TOML
files), later periods, and statuses carried from an earlier period."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from byr_data.programme import goal_files, goals
from byr_data.status import model as sm, period_view, text as text_rules

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
ITEMS = sm.report_items(MATRIX, PORTFOLIO)
BASELINE = sm.baseline_entries(MATRIX, PORTFOLIO)
TODAY = date(2026, 11, 27)


def new(item="sakornfond-1", period="2026 H2", status="nådd", **extra) -> sm.Entry:
    values = dict(item=item, period=period, status=status, basis="stated", day="15.11.2026", who="Kari",
                  evidence="Protokoll fra styremøtet", items=ITEMS, vocabulary=MATRIX.vocabulary, today=TODAY)
    values.update(extra)
    return sm.make_entry(**values)


def recorded(n: int, **extra) -> sm.Entry:
    """An entry as read back from the database (row id n)."""
    from dataclasses import replace

    return replace(new(**extra), id=n)


# -- periods ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["2026 H2", "2026 h2", "2026H2", " 2026-H2 ", "2026/h2"])
def test_period_labels_are_normalised(text):
    assert sm.parse_period(text) == "2026 H2"


@pytest.mark.parametrize("text, message", [
    ("2026 H3", "ikke på formen"), ("høst 2026", "ikke på formen"), ("", "ikke på formen"),
    ("2018 H1", "før eller i sluttrapportens periode"), ("2017 H2", "før eller i"),
])
def test_bad_period_labels(text, message):
    with pytest.raises(sm.EntryError, match=message):
        sm.parse_period(text)


def test_periods_sort_with_the_report_first():
    labels = ["2019 H1", sm.BASELINE_PERIOD, "2026 H2", "2018 H2", "2026 H1"]
    assert sm.sorted_periods(labels) == ["2026 H2", "2026 H1", "2019 H1", "2018 H2", sm.BASELINE_PERIOD]
    assert sm.period_of(date(2026, 6, 30)) == "2026 H1" and sm.period_of(date(2026, 7, 1)) == "2026 H2"


# -- validation ---------------------------------------------------------------------------------
def test_a_valid_entry():
    entry = new(basis="Vurdert av sekretariatet", day="2026-11-15", evidence="Første\n\n Andre ", who=" Kari  Nordmann ")
    assert (entry.period, entry.basis, entry.date, entry.evidence, entry.who) == (
        "2026 H2", "assessed", date(2026, 11, 15), ("Første", "Andre"), "Kari Nordmann")


@pytest.mark.parametrize("change, message", [
    ({"item": "finnes-ikke"}, "verken et kriterium i målmatrisen eller et prosjekt"),
    ({"period": "2027 H1"}, "har ikke begynt ennå"),
    ({"status": "ferdig"}, "statusen «ferdig» er ukjent"),
    ({"basis": "gjetning"}, "grunnlaget «gjetning» er ukjent"),
    ({"day": "31.02.2026"}, "datoen «31.02.2026» er ugyldig"),
    ({"day": "30.11.2026"}, "ligger fram i tid"),
    ({"day": "15.05.2026"}, "ligger før perioden 2026 H2"),
    ({"who": "  "}, "hvem som registrerer"),
    ({"evidence": ""}, "krever belegg"),
])
def test_invalid_entries_name_the_problem(change, message):
    with pytest.raises(sm.EntryError, match=message):
        new(**change)


# -- text from outside: names, comments, evidence ------------------------------------------------
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"  # zero-width space, non-joiner, joiner, word joiner, BOM


def test_names_comments_and_evidence_are_trimmed_of_invisible_characters():
    entry = new(who=f"{ZERO_WIDTH} Kari\u200b  Nordmann\u202e ", comment=f"\u200b Kommentar\nlinje to {ZERO_WIDTH}",
                evidence=f"{ZERO_WIDTH}\n\u200bProtokoll\u200b\n\u3164")
    assert (entry.who, entry.comment, entry.evidence) == ("Kari Nordmann", "Kommentar\nlinje to", ("Protokoll",))
    assert new(comment=ZERO_WIDTH).comment == ""  # nothing visible: no comment


@pytest.mark.parametrize("change, message", [
    ({"who": ZERO_WIDTH}, "hvem som registrerer"),
    ({"who": "\u3164\u2800"}, "hvem som registrerer"),  # blank letters (Hangul filler, blank Braille)
    ({"comment": "før\x00etter"}, "kommentaren inneholder et nulltegn \\(U\\+0000\\), som ikke kan lagres"),
    ({"evidence": "Protokoll\x00"}, "belegget inneholder et nulltegn"),
    ({"who": "Kari\x00"}, "inneholder et nulltegn"),
    ({"comment": "pling\x07"}, "kommentaren inneholder et kontrolltegn \\(U\\+0007\\)"),
    ({"comment": "x" * (text_rules.MAX_COMMENT_CHARS + 1)}, "kommentaren har 4\u00a0001 tegn; høyst 4\u00a0000 er tillatt"),
    ({"evidence": "x" * (text_rules.MAX_EVIDENCE_CHARS + 1)}, "belegget har 4\u00a0001 tegn"),
    ({"who": "K" * (text_rules.MAX_NAME_CHARS + 1)}, "har 81 tegn; høyst 80 er tillatt"),
], ids=["zero-width-name", "blank-letter-name", "nul-comment", "nul-evidence", "nul-name", "bell-comment",
        "long-comment", "long-evidence", "long-name"])
def test_unusable_text_is_refused_with_a_norwegian_message(change, message):
    with pytest.raises(sm.EntryError, match=message):
        new(**change)


def test_text_at_the_limits_and_with_line_breaks_and_tabs_is_kept():
    comment = "Første linje\r\n\tandre linje x"
    comment += "x" * (text_rules.MAX_COMMENT_CHARS - len(comment))
    assert new(comment=f" {comment}\n").comment == comment
    assert text_rules.clean_text("Ka\u200bri \t Nordmann", "navnet", limit=80, one_line=True) == "Kari Nordmann"
    assert text_rules.clean_text("🧑‍🌾 bonde", "kommentaren", limit=80) == "🧑‍🌾 bonde"  # a joiner inside an emoji stays


def test_ikke_angitt_needs_no_evidence():
    assert new(status="ikke angitt", evidence="").evidence == ()


def test_projects_and_criteria_are_items():
    assert ITEMS["sakornfond-1"].kind == "kriterium"
    assert ITEMS["kingscross"] == sm.Item("kingscross", "prosjekt", PORTFOLIO.projects[1].name)
    assert len(ITEMS) == len(goals.all_criteria(MATRIX.goals)) + len(PORTFOLIO.projects)


# -- the final report, read live --------------------------------------------------------------
def test_the_report_period_comes_from_the_toml_files():
    by_item = {e.item: e for e in BASELINE}
    for criterion in goals.all_criteria(MATRIX.goals):
        entry = by_item[criterion.id]
        assert (entry.period, entry.status, entry.basis, entry.evidence) == (
            sm.BASELINE_PERIOD, criterion.status, criterion.status_basis, criterion.evidence)
    view = period_view.build_view(ITEMS, BASELINE, ())
    assert view.labels == [sm.BASELINE_PERIOD] and view.period.from_report


def test_an_edit_to_the_toml_reaches_the_report_period(tmp_path):
    goals_file = tmp_path / "goals.toml"
    shutil.copy(goal_files.GOALS_FILE, goals_file)
    history = (recorded(1, item="kommunikasjon-1", status="nådd"),)

    def shown(item):
        matrix = goal_files.load_goals(goals_file)  # what the app does whenever the file changes
        baseline = sm.baseline_entries(matrix, PORTFOLIO)
        return period_view.build_view(sm.report_items(matrix, PORTFOLIO), baseline, history, sm.BASELINE_PERIOD).status(item)

    assert shown("sakornfond-1").status == MATRIX.goal("sakornfond").criteria[0].status
    text = goals_file.read_text(encoding="utf-8")
    start = text.index('id = "sakornfond-1"')
    status_at = text.index("status = ", start)
    end = text.index("\n", status_at)
    goals_file.write_text(text[:status_at] + 'status = "ikke målt"' + text[end:], encoding="utf-8")
    assert shown("sakornfond-1").status == "ikke målt"
    assert shown("kommunikasjon-1").status == MATRIX.goal("kommunikasjon").criteria[0].status


def test_duplicate_ids_across_criteria_and_projects_are_refused():
    from dataclasses import replace

    clash = replace(PORTFOLIO, projects=(replace(PORTFOLIO.projects[0], id="sakornfond-1"),))
    with pytest.raises(goals.GoalsDataError, match="både av et kriterium og et prosjekt"):
        sm.report_items(MATRIX, clash)


# -- later periods ------------------------------------------------------------------------------
HISTORY = (
    recorded(1, period="2025 H1", day="10.03.2025", item="sakornfond-1", status="pågår"),
    recorded(2, period="2025 H1", day="12.03.2025", item="kommunikasjon-1", status="nådd"),
    recorded(3, period="2026 H2", day="15.11.2026", item="sakornfond-1", status="delvis nådd"),
    recorded(4, period="2026 H2", day="20.11.2026", item="sakornfond-1", status="nådd"),  # a correction
    recorded(5, period="2026 H2", day="16.11.2026", item="kingscross", status="pågår"),
)


def test_the_newest_period_is_shown_by_default():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY)
    assert view.labels == ["2026 H2", "2025 H1", sm.BASELINE_PERIOD]
    assert view.period == period_view.PeriodSummary("2026 H2", date(2026, 11, 20), 3, 2)
    assert view.status("sakornfond-1").status == "nådd"  # the latest entry of the period counts
    assert view.status("kingscross").status == "pågår" and not view.carried("kingscross")


def test_items_without_an_entry_keep_their_previous_status_and_period():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY)
    assert view.carried("kommunikasjon-1")
    assert (view.status("kommunikasjon-1").period, view.status("kommunikasjon-1").status) == ("2025 H1", "nådd")
    report = {e.item: e for e in BASELINE}["arbeidsplasser-1"]
    assert view.status("arbeidsplasser-1") == report and view.carried("arbeidsplasser-1")


def test_an_earlier_period_can_be_chosen():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY, "2025 H1")
    assert view.period.label == "2025 H1"
    assert view.status("sakornfond-1").status == "pågår"
    assert view.status("kingscross") is None or view.status("kingscross").period == sm.BASELINE_PERIOD
    report = period_view.build_view(ITEMS, BASELINE, HISTORY, sm.BASELINE_PERIOD)
    assert report.statuses == {e.item: e for e in BASELINE}
    assert period_view.build_view(ITEMS, BASELINE, HISTORY, "2031 H1").period.label == "2026 H2"  # unknown: newest


def test_entries_for_ids_no_longer_in_the_files_are_left_out_and_listed():
    gone = recorded(6, period="2026 H2", item="sakornfond-1")
    gone = sm.Entry(**{**gone.__dict__, "item": "nedlagt-prosjekt"})
    view = period_view.build_view(ITEMS, BASELINE, HISTORY + (gone,))
    assert view.unknown_items == ("nedlagt-prosjekt",)
    assert "nedlagt-prosjekt" not in view.statuses and view.period.entries == 3


def test_apply_gives_the_matrix_the_statuses_of_the_period():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY)
    matrix, portfolio = period_view.apply(view, MATRIX, PORTFOLIO)
    criteria = {c.id: c for c in goals.all_criteria(matrix.goals)}
    assert (criteria["sakornfond-1"].status, criteria["sakornfond-1"].evidence) == ("nådd", ("Protokoll fra styremøtet",))
    assert criteria["kommunikasjon-1"].status == "nådd"  # carried from 2025 H1
    original = {c.id: c for c in goals.all_criteria(MATRIX.goals)}
    assert criteria["arbeidsplasser-1"] == original["arbeidsplasser-1"]  # carried from the report
    assert period_view.apply(period_view.build_view(ITEMS, BASELINE, HISTORY, sm.BASELINE_PERIOD), MATRIX, PORTFOLIO) == (MATRIX, PORTFOLIO)
    assert [g.id for g in matrix.goals] == [g.id for g in MATRIX.goals]


def test_page_texts_say_which_period_and_date():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY)
    assert period_view.period_caption(view).startswith("Viser status per 2026 H2, sist registrert 20.11.2026")
    assert [(p.label, p.date) for p in view.periods] == [
        ("2026 H2", date(2026, 11, 20)), ("2025 H1", date(2025, 3, 12)), (sm.BASELINE_PERIOD, None)]
    assert period_view.origin(view, "kommunikasjon-1") == "Uendret siden 2025 H1"
    assert period_view.origin(view, "arbeidsplasser-1") == "Fra sluttrapporten (2018)"
    assert period_view.origin(view, "sakornfond-1") is None
    report = period_view.build_view(ITEMS, BASELINE, HISTORY, sm.BASELINE_PERIOD)
    assert period_view.period_caption(report) == "Viser status fra sluttrapporten (2018). Nyeste periode er 2026 H2."
    assert period_view.recorded_line(view.status("sakornfond-1")) == "statusdato 20.11.2026, registrert av Kari"


def test_basis_sentence_counts_new_and_carried_statuses():
    view = period_view.build_view(ITEMS, BASELINE, HISTORY)
    criteria = [c.id for c in goals.all_criteria(MATRIX.goals)]
    carried = [e for e in BASELINE if e.item in criteria and e.item not in {"sakornfond-1", "sakornfond-2"}]
    stated = sum(1 for e in carried if e.basis == "stated")
    # The final report's statuses are credited by source: its own words, or our reading of them.
    assert period_view.basis_sentence(view, criteria) == (
        f"I 2026 H2 er 1 status registrert (1 oppgitt i rapport); uendret fra 2025 H1: 1; "
        f"sluttrapporten (2018): {stated} står i rapporten, {len(carried) - stated} vår vurdering ut fra den.")
    assert period_view.basis_sentence(view, ["kingscross"], ("prosjekt", "prosjekter")).startswith(
        "I 2026 H2 er 1 prosjekt registrert (1 oppgitt i rapport)")
