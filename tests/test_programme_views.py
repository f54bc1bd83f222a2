"""The programme pages (byr_data.programme): the goal-matrix overview (two clocks apart), its HTML, CSV and print forms,
the project table, the detail of one goal, the source notes and the programme slides. Pure: no UI."""

import re
from html.parser import HTMLParser

import pytest

from byr_data import final_report, page_model
from byr_data.programme import (
    goal_files,
    html as ph,
    pages as programme_pages,
    slides as programme_slides,
    story as programme_story,
)

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
STORY = final_report.load_report_story()
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
MET = page_model.LiveStatus("nådd", "Målet om +100 arbeidsplasser i 2025 er nådd: netto endring +110.", SOURCE)
MISSED = page_model.LiveStatus("ikke nådd", "Målet om +100 arbeidsplasser i 2025 er ikke nådd: netto endring +40.", SOURCE)
OFFLINE = page_model.LiveStatus("ikke angitt", "Arbeidsplasser etter arbeidssted mangler tall i dataene som vises.", "")


class Table(HTMLParser):
    """Rows of the tables in an HTML string: each row a list of (tag, attributes, text) cells."""

    def __init__(self, text: str):
        super().__init__()
        self.rows: list[list[tuple[str, dict, str]]] = []
        self.captions: list[str] = []
        self._cell = None
        self._in_caption = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = [tag, dict(attrs), ""]
        elif tag == "caption":
            self._in_caption = True
            self.captions.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell:
            self.rows[-1].append((self._cell[0], self._cell[1], " ".join(self._cell[2].split())))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data
        elif self._in_caption:
            self.captions[-1] += data


def body_rows(text: str) -> list[list[tuple[str, dict, str]]]:
    return [row for row in Table(text).rows if row and row[0][1].get("scope") == "row"]


# -- the overview --------------------------------------------------------------------------------------
def test_overview_has_every_goal_and_criterion():
    view = programme_pages.overview(MATRIX, MET)
    assert [row.label for row in view.rows] == [goal.short_label for goal in MATRIX.goals]
    assert [row.title for row in view.rows] == [goal.title for goal in MATRIX.goals]
    assert [len(row.cells) for row in view.rows] == [1, 3, 2, 2, 1, 3, 3, 3, 2, 3, 3, 3]
    assert view.columns == 3 and view.total == 29
    assert view.counts == {"nådd": 9, "delvis nådd": 9, "pågår": 6, "ikke startet": 0, "ikke nådd": 1,
                           "ikke målt": 2, "ikke angitt": 2}
    assert view.bases == {"står i rapporten": 4, "vurdert": 23, "ikke angitt": 2}
    assert view.stated == {"nådd": 2, "ikke målt": 2}  # what the report says itself
    assert view.origins == {"secretariat": 0, "report": 4, "reading": 25}


def test_two_clocks_are_kept_apart():
    view = programme_pages.overview(MATRIX, MISSED)
    jobs = view.rows[0]
    assert jobs.cells[0].word == "nådd" and jobs.cells[0].basis == "står i rapporten"  # the report, 2018
    assert jobs.now.word == "ikke nådd" and jobs.now.basis == SOURCE  # today's SSB figures
    assert all(row.now is None for row in view.rows[1:])
    assert view.counts["nådd"] == 9 and view.counts["ikke nådd"] == 1, "the «now» status is not counted with 2018"
    assert programme_pages.counts_sentence(view, MATRIX).startswith(
        "Status ved prosjektslutt (2018), kriterier: ✓ nådd 9 · ◐ delvis nådd 9 ·")
    assert programme_pages.now_sentence(view) == "Status nå (fra SSB), arbeidsplassmålet: ikke nådd."


@pytest.mark.parametrize("live", [OFFLINE, None, page_model.LiveStatus("ikke angitt", "Tallene fra SSB kan ikke vises", "")])
def test_now_says_figures_are_missing_offline(live):
    view = programme_pages.overview(MATRIX, live)
    assert view.rows[0].now.word == "mangler tall" and view.rows[0].now.colour == "gray"
    assert programme_pages.now_sentence(view) == "Status nå (fra SSB), arbeidsplassmålet: mangler tall."


def test_intro_says_what_is_stated_and_what_is_assessed():
    view = programme_pages.overview(MATRIX, MET)
    # The report is credited only with what it says itself; the rest is said to be our reading.
    assert programme_pages.headline(view) == ("Sluttrapporten sier selv at 2 av 29 kriterier er nådd; etter vår "
                                              "lesning er 9 nådd og 9 delvis nådd.")
    assert programme_pages.basis_sentence(view) == ("4 statuser står i rapporten, 23 er våre vurderinger "
                                       "(merket *), og for 2 sier den ingenting («ikke angitt»).")


def test_a_matrix_for_another_period_is_just_another_argument():
    """The matrix is a plain argument: statuses edited (e.g. a later reporting period) show as given."""
    import dataclasses

    jobs = MATRIX.goals[0]
    later = dataclasses.replace(jobs, criteria=(dataclasses.replace(jobs.criteria[0], status="ikke nådd"),))
    matrix = dataclasses.replace(MATRIX, goals=(later, *MATRIX.goals[1:]), status_year=2020)
    view = programme_pages.overview(matrix, MET)
    assert view.report_clock == "Status ved prosjektslutt (2020)"
    assert view.rows[0].cells[0].word == "ikke nådd" and view.counts["nådd"] == 8


# -- HTML ------------------------------------------------------------------------------------------------
def test_overview_html_is_a_real_table_with_colour_and_word():
    text = ph.overview_html(programme_pages.overview(MATRIX, MISSED), MATRIX)
    table = Table(text)
    assert table.captions == ["Målmatrisen: 12 mål, 29 kriterier"]
    header = [cell for row in table.rows[:2] for cell in row]
    assert [c[2] for c in header] == ["Mål", "Status ved prosjektslutt (2018), kriterium nr.", "Status nå (fra SSB)",
                                      "Kriterium 1", "Kriterium 2", "Kriterium 3"]
    assert all(c[0] == "th" and c[1]["scope"] in ("col", "colgroup") for c in header)
    rows = body_rows(text)
    assert [row[0][2] for row in rows] == [f"{n}. {goal.short_label}" for n, goal in enumerate(MATRIX.goals, 1)]
    assert [c[2] for c in rows[0][1:]] == ["✓ nådd", "", "", "✕ ikke nådd"], "2018 and now side by side"
    assert [c[2] for c in rows[8][1:3]] == ["✓ nådd", "✕ ikke nådd*, vår vurdering"]
    assert [c[2] for c in rows[3][1:3]] == ["– ikke angitt", "– ikke angitt"]
    assert rows[1][1][2] == "◐ delvis nådd*, vår vurdering", "an assessment says whose, also to screen readers"
    chips = re.findall(r'<span class="byr-chip[^"]*" style="background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})', text)
    assert len(chips) == 29 + 1
    assert {"Status nå (fra SSB), arbeidsplassmålet: ikke nådd."} <= set(re.findall(r"<p>([^<]*)</p>", text))


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("colour", sorted(ph.CHIP_COLOURS))
def test_chip_text_contrast_is_at_least_aa(colour):
    background, text, _ = ph.CHIP_COLOURS[colour]
    light, dark = sorted((luminance(background), luminance(text)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 4.5


def test_every_vocabulary_colour_has_a_chip_colour():
    assert {word.color for word in MATRIX.vocabulary} <= set(ph.CHIP_COLOURS)
    assert set(goal_files.BADGE_COLORS) <= set(ph.CHIP_COLOURS)


def test_text_from_the_files_is_escaped_in_html():
    import dataclasses

    hostile = '<img src=x onerror=alert(1)> "quoted" & <script>alert(2)</script>'
    goal = dataclasses.replace(MATRIX.goals[0], short_label=hostile, title=hostile)
    matrix = dataclasses.replace(MATRIX, goals=(goal, *MATRIX.goals[1:]))
    for text in (ph.overview_html(programme_pages.overview(matrix, MET), matrix), ph.print_html(matrix, MET, "27.11.2026")):
        assert "<img" not in text and "<script>" not in text
        assert "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; &amp; &lt;script&gt;" in text


def test_project_table_shows_owner_status_and_goals():
    text = ph.project_table_html(PORTFOLIO, MATRIX)
    rows = body_rows(text)
    assert len(rows) == 9
    # The owner has a column, and (shown only on a phone, where that column is hidden) a line under the name.
    assert [(r[0][2], r[1][2]) for r in rows] == [(f"{n}. {p.name} Ansvarlig: {p.responsible}", p.responsible)
                                                  for n, p in enumerate(PORTFOLIO.projects, start=1)]
    assert text.count('class="byr-owner"') == 10 and text.count('class="byr-owner-inline"') == 9
    words = [r[2][2] for r in rows]
    assert words[1] == "↻ pågår*, vår vurdering" and words[0] == "– ikke angitt"
    assert all(any(word in status for word in MATRIX.status_words) for status in words)
    assert rows[1][3][2] == "Logistikksenter, Samferdsel i NTP"
    assert "Mål prosjektet støtter (vår lesning)" in text
    assert "«De fleste prosjektene gjennomføres i fase 3 med egen prosjektleder/prosjektansvarlig»" in text


def test_print_page_holds_every_goal_with_its_report_title():
    text = ph.print_html(MATRIX, OFFLINE, "27.11.2026")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="nb">' in text and "@page" in text
    for number, goal in enumerate(MATRIX.goals, start=1):
        assert f"<h2>{number}. {goal.short_label}</h2>" in text
        assert f"Rapportens ordlyd: «{goal.title}»" in text.replace("\n", " ")
    assert "Delspørsmål (våre ord): Regionale investorer" in text
    assert "Status nå (fra SSB): Arbeidsplasser etter arbeidssted mangler tall" in text
    assert "Laget 27.11.2026" in text


# -- CSV ---------------------------------------------------------------------------------------------------
def test_overview_frame_for_the_csv():
    frame = programme_pages.overview_frame(MATRIX, MISSED)
    assert list(frame.columns) == ["Nr.", "Mål (kort navn, våre ord)", "Mål (rapportens ord)", "Kriterium",
                                   "Status ved prosjektslutt (2018)", "Grunnlag", "Belegg (rapportens ord i «»)",
                                   "Merknad", "Status nå (fra SSB)"]
    assert len(frame) == 29 + 2  # and the seed fund's two parts: the municipalities and the regional investors
    assert frame.iloc[0]["Status nå (fra SSB)"] == "ikke nådd"
    assert (frame["Status nå (fra SSB)"].iloc[1:] == "").all()
    cofunding = frame[frame["Kriterium"].str.startswith("Har kommunene")]
    assert list(cofunding["Status ved prosjektslutt (2018)"]) == ["ikke nådd", "ikke nådd", "ikke angitt"]
    assert list(cofunding["Grunnlag"]) == ["vår vurdering ut fra rapporten"] * 2 + [
        "ikke angitt (rapporten sier ingenting; vår merknad)"]
    assert all(note.startswith("Vår merknad: ") for note in cofunding["Merknad"])
    assert programme_pages.overview_frame(MATRIX, OFFLINE).iloc[0]["Status nå (fra SSB)"] == "mangler tall"
    first, second = programme_pages.csv_header(MATRIX, MISSED)
    assert first.startswith("Kilde: Sluttrapport Byregionprogrammet Kongsvingerregionen (2018) og vår vurdering ut fra "
                            "den; status nå (fra ssb): ")
    assert "«vår vurdering ut fra rapporten» = vår vurdering ut fra rapportens ord" in second


# -- detail ------------------------------------------------------------------------------------------------
def test_detail_of_the_seed_fund():
    detail = programme_pages.goal_detail(MATRIX, "sakornfond", MET, PORTFOLIO)
    assert detail.heading == "9. Såkornfond"
    assert "Rapportens ordlyd: «Stimulering av investeringer" in detail.title_line
    assert ":red-badge[:material/cancel: ikke nådd] **Har kommunene og regionale investorer" in detail.criteria
    assert (":gray-badge[vurdert] Vår vurdering, bygger på rapportens ord: «Det har ikke vært jobbet med kommunal "
            "medfinansiering av såkornfondet»") in detail.criteria
    assert "Delspørsmål (våre ord): :red-badge[:material/cancel: ikke nådd] **Kommunene**" in detail.criteria
    assert "Delspørsmål (våre ord): :gray-badge[:material/remove: ikke angitt] **Regionale investorer**" in detail.criteria
    assert "Står i rapporten: «Regionalt såkornfond på 60 millioner" in detail.criteria  # criterion 1, stated
    assert detail.now is None


def test_detail_of_the_jobs_goal_has_both_clocks():
    detail = programme_pages.goal_detail(MATRIX, "arbeidsplasser", MISSED, PORTFOLIO)
    assert detail.criteria.startswith("##### Status ved prosjektslutt (2018)")
    assert detail.now.startswith("##### Status nå (fra SSB)\n\n:red-badge[:material/cancel: ikke nådd] Målet om")
    assert programme_pages.goal_detail(MATRIX, "arbeidsplasser", OFFLINE).now.startswith(
        "##### Status nå (fra SSB)\n\n:gray-badge[– mangler tall]")
    assert "Prosjekter i fase 3 som støtter målet (vår lesning)" in detail.report_text


def test_detail_of_an_ntp_criterion_says_the_report_is_silent():
    detail = programme_pages.goal_detail(MATRIX, "samferdsel", MET)
    assert detail.criteria.count("Rapporten sier ikke noe om dette.") == 2
    assert "vurdert" not in detail.criteria


# -- story, notes and slides ---------------------------------------------------------------------------------
def test_story_markdown_quotes_with_place():
    assert "«Ved oppstarten av Byregionprogrammet \\(fase 1\\)" in programme_story.why_markdown(STORY)
    assert "— Sluttrapporten, «Innledning»" in programme_story.why_markdown(STORY)
    assert "\n9. Samarbeidet med fylkeskommunen er forsterket\\." in programme_story.results_markdown(STORY)
    assert "**Kommunenes bidrag: 50 kroner per innbygger i 2018.**" in programme_story.funding_markdown(STORY)


def test_source_notes_collect_the_editorial_notes():
    notes = programme_pages.source_notes(MATRIX, PORTFOLIO)
    assert notes[0].startswith("Målmatrisen: Statuskolonnen i målmatrisen kom ikke med i tekstversjonen")
    assert sum(note.startswith("Prosjekt «") for note in notes) == 3
    assert any("(ansvarlig Lars Gillund)" in note for note in notes)
    assert programme_pages.source_notes(None, None) == []


def test_programme_slides():
    slides = programme_slides.programme_slides(MATRIX, PORTFOLIO, MISSED, STORY)
    assert [s.heading for s in slides] == ["Hvorfor Byregionprogrammet?", "Målmatrisen: status ved prosjektslutt (2018)",
                                          "Dette ga programmet, ifølge rapporten",
                                          "Dette ga programmet, ifølge rapporten", "Prosjektene i fase 3"]
    assert slides[0].message == "−3\u00a0000 arbeidsplasser på 25 år uten radikale tiltak"
    assert STORY.projection.quote in slides[0].detail and "«Innledning»" in slides[0].detail
    # The large number is only what the report says itself; the detail leads with our reading.
    assert slides[1].message == "Rapporten sier selv: 2 av 29 kriterier nådd"
    assert slides[1].detail.startswith("Etter vår lesning av rapporten: 9 nådd og 9 delvis nådd. ")
    assert "Status nå (fra SSB), arbeidsplassmålet: ikke nådd." in slides[1].detail
    assert "4 statuser står i rapporten, 23 er våre vurderinger, og" in slides[1].detail
    assert slides[1].items[0] == "✓ nådd 9 (2 står i rapporten)" and "*" not in slides[1].detail
    assert slides[2].items + slides[3].items == [f"{n}. {item}" for n, item in enumerate(STORY.results.items, 1)]
    assert slides[3].message == "9 resultater"
    assert slides[3].detail == "Punkt 6–9 av 9. Sluttrapporten, «Overordnet vurdering av resultatene»."
    assert slides[4].detail == "Koordinert av Hedmark kunnskapspark (HKP). Kommunene: 50 kr per innbygger i 2018."
    assert len(slides[4].items) == 9 and slides[4].items[1].endswith("pågår (vår vurdering)")


def test_programme_slides_without_data():
    assert [s.heading for s in programme_slides.programme_slides(None, None, None, STORY)] == [
        "Hvorfor Byregionprogrammet?", "Dette ga programmet, ifølge rapporten", "Dette ga programmet, ifølge rapporten"]
    assert programme_slides.programme_slides(MATRIX, None, None)[1].detail.endswith("arbeidsplassmålet: mangler tall.")
