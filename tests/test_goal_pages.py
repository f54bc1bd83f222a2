"""AppTest of the programme pages «Målmatrise» and «Prosjekter» (and the source notes on «Data og
kilder»), run through dashboard.py's navigation."""

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from byr_data import final_report, fmt
from byr_data.programme import goal_files, goals as g
from tests.test_programme_views import body_rows

MATRIX_PAGE = "app_pages/goal_matrix.py"
PROJECTS_PAGE = "app_pages/projects.py"
DATA_PAGE = "app_pages/data_sources.py"

MATRIX = goal_files.load_goals()
PORTFOLIO = goal_files.load_portfolio()
STORY = final_report.load_report_story()
LOAD_GOALS = goal_files.load_goals


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.run()
    at.query_params.update(query or {})
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_bodies(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def overview_rows(at: AppTest) -> list[list[str]]:
    """The overview table's body rows as cell texts (the first st.html element with a table)."""
    html = next(h.value for h in at.get("html") if "byr-overview" in h.value)
    return [[cell[2] for cell in row] for row in body_rows(html)]


def shown_detail(at: AppTest) -> list[str]:
    return [element.value for element in at.subheader if element.value[0].isdigit()]


@pytest.fixture(autouse=True)
def clear_caches():
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


# ------------------------------------------------------------------ Målmatrise: the overview


def test_overview_holds_all_twelve_goals_offline():
    at = open_page(MATRIX_PAGE)
    assert [t.value for t in at.title] == ["Målmatrise"]
    rows = overview_rows(at)
    assert [row[0] for row in rows] == [f"{n}. {goal.short_label}" for n, goal in enumerate(MATRIX.goals, 1)]
    assert sum(1 for row in rows for cell in row[1:4] if cell) == 29
    assert rows[0][4] == "– mangler tall", "offline the jobs goal's «now» says the figures are missing"
    assert [row[4] for row in rows[1:]] == [""] * 11
    assert not shown_detail(at), "no goal's detail before one is picked"
    intro = markdown_bodies(at)[0]
    assert intro.startswith("**Sluttrapporten sier selv at 2 av 29 kriterier er nådd; etter vår lesning "
                            "er 9 nådd og 9 delvis nådd")
    assert "4 statuser står i rapporten, 23 er våre vurderinger" in intro


def test_overview_counts_the_two_clocks_apart_with_data():
    from tests import sample_data

    sample_data.write_cache()  # +110 a year for the six members
    at = open_page(MATRIX_PAGE)
    rows = overview_rows(at)
    assert rows[0][1] == "✓ nådd" and rows[0][4] == "✓ nådd"
    html = next(h.value for h in at.get("html") if "byr-overview" in h.value)
    assert "Status ved prosjektslutt (2018), kriterier: ✓ nådd 9 · ◐ delvis nådd 9" in html
    assert "Status nå (fra SSB), arbeidsplassmålet: nådd." in html


def test_seed_fund_and_ntp_criteria_carry_the_reports_answer():
    rows = overview_rows(open_page(MATRIX_PAGE))
    assert rows[8][:3] == ["9. Såkornfond", "✓ nådd", "✕ ikke nådd*, vår vurdering"]
    assert rows[3][:3] == ["4. Samferdsel i NTP", "– ikke angitt", "– ikke angitt"]

    at = open_page(MATRIX_PAGE, {"mal": "Såkornfond"})
    criteria = markdown_bodies(at)[1]
    assert ":red-badge[:material/cancel: ikke nådd] **Har kommunene og regionale investorer" in criteria
    assert ("Vår vurdering, bygger på rapportens ord: «Det har ikke vært jobbet med kommunal medfinansiering av "
            "såkornfondet»") in criteria
    assert "Står i rapporten: «Regionalt såkornfond på 60 millioner" in criteria

    at = open_page(MATRIX_PAGE, {"mal": "Samferdsel i NTP"})
    criteria = markdown_bodies(at)[1]
    assert criteria.count(":gray-badge[:material/remove: ikke angitt]") == 2
    assert criteria.count("Rapporten sier ikke noe om dette.") == 2


def test_picker_opens_one_goals_detail():
    at = open_page(MATRIX_PAGE)
    at.selectbox(key="mal").set_value("hogskole").run()
    assert shown_detail(at) == ["10. Høgskole"]
    assert any("Rapportens ordlyd: «Etablering av Høgskole på Kongsvinger" in c.value for c in at.caption)
    bodies = markdown_bodies(at)
    assert any("##### Leveranser i fase 2" in body and "20 nye studieplasser" in body for body in bodies)
    assert any(":gray-badge[vurdert] Vår vurdering" in body for body in bodies)


def test_invalid_goal_in_the_link_is_ignored_with_a_notice():
    at = open_page(MATRIX_PAGE, {"mal": "Et mål som ikke finnes"})
    warnings = " ".join(w.value for w in at.warning)
    assert "«mal»" in warnings and "Et mål som ikke finnes" in warnings
    assert not shown_detail(at)


def test_links_with_the_old_filters_get_a_notice():
    at = open_page(MATRIX_PAGE, {"status": ["ikke målt"], "sok": "såkornfond"})
    warnings = " ".join(w.value for w in at.warning)
    assert "«status»" in warnings and "«sok»" in warnings
    assert len(overview_rows(at)) == 12


def test_jobs_goal_shows_live_figures_beside_the_report(monkeypatch):
    from byr_data.ui import programme as ui_programme

    live = SimpleNamespace(
        word="ikke nådd",
        text="I 2024 økte antall arbeidsplasser med 57 [se](https://example.com).",
        source="Kilde: Statistisk sentralbyrå (SSB), tabell 07984",
    )
    monkeypatch.setattr(ui_programme, "jobs_goal_live_status", lambda: live)
    at = open_page(MATRIX_PAGE, {"mal": "Arbeidsplasser"})
    bodies = markdown_bodies(at)
    assert bodies[1].startswith("##### Status ved prosjektslutt (2018)")
    assert bodies[2] == f"##### Status nå (fra SSB)\n\n:red-badge[:material/cancel: ikke nådd] {fmt.escape_markdown(live.text)}"
    assert fmt.escape_markdown(live.source) in [c.value for c in at.caption]
    assert overview_rows(at)[0][4] == "✕ ikke nådd"


def test_story_is_on_the_page():
    at = open_page(MATRIX_PAGE)
    bodies = " ".join(markdown_bodies(at))
    assert fmt.escape_markdown(STORY.projection.quote) in bodies
    assert "— Sluttrapporten, «Innledning»" in bodies
    for number, item in enumerate(STORY.results.items, start=1):
        assert f"{number}. {fmt.escape_markdown(item)}" in bodies


def test_downloads_are_offered():
    at = open_page(MATRIX_PAGE)
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Last ned som CSV", "Utskriftsvennlig side", "Last ned statusrapporten (PDF)"]


def test_broken_employment_data_does_not_take_the_matrix_down(monkeypatch):
    from byr_data.ssb import cache

    def broken():
        raise cache.DataError("Øyeblikksbildet kan ikke leses")

    monkeypatch.setattr(cache, "load_local", broken)
    at = open_page(MATRIX_PAGE, {"mal": "Arbeidsplasser"})
    assert any("Øyeblikksbildet kan ikke leses" in body for body in markdown_bodies(at))
    assert len(overview_rows(at)) == 12 and overview_rows(at)[0][4] == "– mangler tall"


def test_data_error_stops_only_the_page(monkeypatch):
    problem = "data/goals.toml: mål «kommunikasjon», kriterium 2: feltet «status» har ukjent verdi «ferdig»"

    def broken(*args, **kwargs):
        raise g.GoalsDataError(problem)

    monkeypatch.setattr(goal_files, "load_goals", broken)
    at = open_page(MATRIX_PAGE)
    assert len(at.error) == 1
    assert fmt.escape_markdown(problem) in at.error[0].value
    assert not at.get("html") or all("byr-overview" not in h.value for h in at.get("html"))


def test_story_error_leaves_the_matrix(monkeypatch):
    def broken(*args, **kwargs):
        raise final_report.ReportStoryError("data/report_story.toml: [projection]: feltet «jobs» mangler")

    monkeypatch.setattr(final_report, "load_report_story", broken)
    at = open_page(MATRIX_PAGE)
    assert len(overview_rows(at)) == 12
    assert any("feltet «jobs» mangler" in w.value for w in at.warning)


def test_text_from_the_files_is_shown_literally(tmp_path, monkeypatch):
    source = goal_files.GOALS_FILE.read_text(encoding="utf-8")
    hostile = source.replace('short_label = "Arbeidsplasser"', 'short_label = "<img src=x onerror=alert(1)>"').replace(
        'title = "Vekst i antall arbeidsplasser"',
        'title = "[Klikk her](https://example.com) <img src=x onerror=alert(1)> :red[rødt]"',
    )
    path = tmp_path / "goals.toml"
    path.write_text(hostile, encoding="utf-8")
    monkeypatch.setattr(goal_files, "load_goals", lambda *args: LOAD_GOALS(path, goal_files.VOCABULARY_FILE))
    at = open_page(MATRIX_PAGE)
    html = next(h.value for h in at.get("html") if "byr-overview" in h.value)
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    at.selectbox(key="mal").set_value("arbeidsplasser").run()
    assert f"Rapportens ordlyd: «\\[Klikk her\\]\\(https\\:{fmt.WORD_JOINER}\\/\\/example\\.com\\) \\<img src\\=x " \
           "onerror\\=alert\\(1\\)\\> \\:red\\[rødt\\]»" in " ".join(c.value for c in at.caption)
    assert not any(element.proto.allow_html for element in at.markdown)


# ------------------------------------------------------------------ Prosjekter


def test_every_project_row_shows_a_status_word():
    at = open_page(PROJECTS_PAGE)
    assert [t.value for t in at.title] == ["Prosjekter"]
    html = next(h.value for h in at.get("html") if "byr-projects" in h.value)
    rows = [[cell[2] for cell in row] for row in body_rows(html)]
    assert len(rows) == len(PORTFOLIO.projects) == 9
    assert [row[1] for row in rows] == [p.responsible for p in PORTFOLIO.projects]
    for row, project in zip(rows, PORTFOLIO.projects):
        assert project.status in row[2], row
        assert row[2].endswith(", vår vurdering") == (project.basis == "vurdert")
    assert "«De fleste prosjektene gjennomføres i fase 3 med egen prosjektleder/prosjektansvarlig»" in html
    assert "vår lesning" in html
    assert markdown_bodies(at)[0] == ("**9 prosjekter i fase 3, hvert med egen ansvarlig\\. Rapporten gir ingen "
                                      "status per prosjekt; vår vurdering\\: 4 pågår, 5 ikke angitt\\.**")


def test_projects_page_explains_hkp_and_shows_the_funding():
    at = open_page(PROJECTS_PAGE)
    assert "Hedmark kunnskapspark \\(HKP\\) koordinerer" in [s.value for s in at.subheader]
    bodies = " ".join(markdown_bodies(at))
    assert "Hedmark kunnskapspark \\(HKP\\) skal ha ansvaret for den videre satsningen" in bodies
    assert fmt.escape_markdown(STORY.funding.quote) in bodies
    assert [e.label for e in at.expander] == [
        "Grunnlaget for statusene",
        "Dette leverte fase 2 (7)",
        "Oppfølging fremover (5)",
        "Kritiske suksessfaktorer for fremtidig vekst (10)",
    ]
    assert any(body.startswith("1. Offensive kommuner") and "\n10. Langsiktig jobbing" in body
               for body in markdown_bodies(at))
    assert "Står etter suksessfaktorene" not in bodies, "editorial notes live on «Data og kilder»"


def test_projects_page_data_error(monkeypatch):
    def broken(*args, **kwargs):
        raise g.GoalsDataError("data/projects.toml: prosjekt «en»: feltet «responsible» mangler")

    monkeypatch.setattr(goal_files, "load_portfolio", broken)
    at = open_page(PROJECTS_PAGE)
    assert len(at.error) == 1 and "«responsible» mangler" in at.error[0].value
    assert not at.get("html") or all("byr-projects" not in h.value for h in at.get("html"))


# ------------------------------------------------------------------ Data og kilder


def test_source_notes_are_on_the_data_page():
    at = open_page(DATA_PAGE)
    bodies = " ".join(markdown_bodies(at))
    assert "Om sluttrapporten som kilde" in [h.value for h in at.header]
    assert "Statuskolonnen i målmatrisen kom ikke med i tekstversjonen" in bodies
    assert "Står etter suksessfaktorene i tekstversjonen" in bodies
    assert "\\(ansvarlig Lars Gillund\\)" in bodies
