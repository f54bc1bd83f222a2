"""AppTest of the pages «Målmatrise» and «Prosjekter», run through dashboard.py's navigation."""

from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from byr_data import fmt
from byr_data import goals as g

MATRIX_PAGE = "app_pages/goal_matrix.py"
PROJECTS_PAGE = "app_pages/projects.py"


MATRIX = g.load_goals()
LOAD_GOALS = g.load_goals


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=60)
    at.run()
    at.query_params.update(query or {})
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_bodies(at: AppTest) -> list[str]:
    return [element.value for element in at.markdown]


def shown_criteria(at: AppTest) -> list[str]:
    bodies = markdown_bodies(at)
    return [c.id for c in g.all_criteria(MATRIX.goals)
            if any(body.endswith(f"] **{fmt.escape_markdown(c.text)}**") for body in bodies)]


def shown_goals(at: AppTest) -> list[str]:
    headers = [element.value for element in at.subheader]
    return [
        goal.id
        for number, goal in enumerate(MATRIX.goals, start=1)
        if f"{number}. {fmt.escape_markdown(goal.title)}" in headers
    ]


@pytest.fixture(autouse=True)
def clear_caches():
    import streamlit as st

    st.cache_data.clear()
    yield
    st.cache_data.clear()


# ------------------------------------------------------------------ Målmatrise


def test_matrix_shows_every_goal_and_the_counts():
    at = open_page(MATRIX_PAGE)
    assert [t.value for t in at.title] == ["Målmatrise"]
    assert shown_goals(at) == [goal.id for goal in MATRIX.goals]
    assert len(shown_criteria(at)) == 29
    counts = g.status_counts(MATRIX.goals, MATRIX.vocabulary)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Kriterier i alt"] == "29"
    for word in MATRIX.vocabulary:
        label = f":{word.color}-badge[{word.icon or ''} {word.word}]"
        if counts[word.word]:
            assert metrics[label] == str(counts[word.word])
        else:
            assert label not in metrics
    assert "Viser 29 av 29 kriterier i 12 av 12 mål." in [c.value for c in at.caption]


def test_status_word_is_shown_by_colour_and_word():
    at = open_page(MATRIX_PAGE, {"mal": MATRIX.goal("sakornfond").title})
    bodies = markdown_bodies(at)
    assert any(body.startswith(":green-badge[:material/check_circle: nådd] **") for body in bodies)
    assert any(body.startswith(":red-badge[:material/block: ikke startet] **") for body in bodies)
    assert any(body.startswith(":gray-badge[vurdert]") for body in (c.value for c in at.caption))


def test_status_filter_narrows_to_the_two_not_measured():
    at = open_page(MATRIX_PAGE)
    at.multiselect(key="status").set_value(["ikke målt"]).run()
    assert shown_criteria(at) == ["forvaltning-3", "samarbeidsstruktur-3"]
    assert shown_goals(at) == ["forvaltning", "samarbeidsstruktur"]
    assert "Viser 2 av 29 kriterier i 2 av 12 mål." in [c.value for c in at.caption]
    # The counts at the top describe the whole matrix, not the filtered view.
    assert {m.label: m.value for m in at.metric}["Kriterier i alt"] == "29"


def test_search_narrows_the_goals():
    at = open_page(MATRIX_PAGE)
    at.text_input(key="sok").input("Såkornfond").run()
    assert shown_goals(at) == ["sakornfond"]
    at.text_input(key="sok").input("ingen slik tekst finnes").run()
    assert shown_goals(at) == []
    assert at.info and "Ingen kriterier passer filtrene" in at.info[0].value


def test_one_goal_can_be_selected():
    at = open_page(MATRIX_PAGE)
    at.selectbox(key="mal").set_value("hogskole").run()
    assert shown_goals(at) == ["hogskole"]
    assert shown_criteria(at) == ["hogskole-1", "hogskole-2", "hogskole-3"]


def test_url_parameters_set_the_filters():
    at = open_page(MATRIX_PAGE, {"status": ["ikke målt"]})
    assert at.multiselect(key="status").value == ["ikke målt"]
    assert shown_criteria(at) == ["forvaltning-3", "samarbeidsstruktur-3"]

    at = open_page(MATRIX_PAGE, {"sok": "sintef"})
    assert at.text_input(key="sok").value == "sintef"
    assert shown_criteria(at) == ["baerekraft-2"]

    at = open_page(MATRIX_PAGE, {"mal": MATRIX.goal("logistikksenter").title, "status": ["nådd"]})
    assert at.selectbox(key="mal").value == "logistikksenter"
    assert shown_criteria(at) == ["logistikksenter-1", "logistikksenter-3"]


def test_invalid_url_parameters_are_ignored_with_a_notice():
    at = open_page(MATRIX_PAGE, {"status": ["ferdig", "pågår"], "mal": "Et mål som ikke finnes"})
    warnings = " ".join(w.value for w in at.warning)
    assert "«status»" in warnings and "ferdig" in warnings
    assert "«mal»" in warnings and "Et mål som ikke finnes" in warnings
    assert at.multiselect(key="status").value == ["pågår"]
    assert len(shown_criteria(at)) == 8
    assert len(shown_goals(at)) == 4


def test_jobs_goal_offline_says_the_jobs_series_is_missing():
    at = open_page(MATRIX_PAGE, {"mal": "Vekst i antall arbeidsplasser"})
    bodies = markdown_bodies(at)
    assert "##### Status fra sluttrapporten (2018)" in bodies
    assert "**Siste tall fra SSB**" in bodies
    assert any("mangler tall" in body for body in bodies)


def test_jobs_goal_follows_the_latest_ssb_figures():
    from tests import sample_data

    sample_data.write_cache()  # +110 a year for the six members
    at = open_page(MATRIX_PAGE, {"mal": "Vekst i antall arbeidsplasser"})
    bodies = markdown_bodies(at)
    assert any(body.startswith(":green-badge[") and "nådd]" in body for body in bodies)
    assert any("netto endring \\+110" in body for body in bodies), bodies


def test_jobs_goal_shows_live_figures_beside_the_report(monkeypatch):
    from byr_data import ui

    live = SimpleNamespace(
        word="delvis nådd",
        text="I 2024 økte antall arbeidsplasser med 57 [se](https://example.com).",
        source="Kilde: Statistisk sentralbyrå (SSB), tabell 07984",
    )
    monkeypatch.setattr(ui, "jobs_goal_live_status", lambda: live)
    at = open_page(MATRIX_PAGE, {"mal": "Vekst i antall arbeidsplasser"})
    bodies = markdown_bodies(at)
    assert "##### Status fra sluttrapporten (2018)" in bodies
    assert f":orange-badge[:material/timelapse: delvis nådd] {fmt.escape_markdown(live.text)}" in bodies
    assert fmt.escape_markdown(live.source) in [c.value for c in at.caption]


def test_broken_employment_data_does_not_take_the_matrix_down(monkeypatch):
    from byr_data import store

    def broken():
        raise store.DataError("Øyeblikksbildet kan ikke leses")

    monkeypatch.setattr(store, "load_local", broken)
    at = open_page(MATRIX_PAGE)
    assert any("Øyeblikksbildet kan ikke leses" in body for body in markdown_bodies(at))
    assert len(shown_goals(at)) == 12


def test_data_error_stops_only_the_page(monkeypatch):
    problem = "data/goals.toml: mål «kommunikasjon», kriterium 2: feltet «status» har ukjent verdi «ferdig»"

    def broken(*args, **kwargs):
        raise g.GoalsDataError(problem)

    monkeypatch.setattr(g, "load_goals", broken)
    at = open_page(MATRIX_PAGE)
    assert len(at.error) == 1
    assert fmt.escape_markdown(problem) in at.error[0].value
    assert not at.subheader and not at.metric


def test_text_from_the_files_is_shown_literally(tmp_path, monkeypatch):
    source = g.GOALS_FILE.read_text(encoding="utf-8")
    hostile = source.replace(
        'title = "Vekst i antall arbeidsplasser"',
        'title = "[Klikk her](https://example.com) <img src=x onerror=alert(1)> :red[rødt]"',
    )
    path = tmp_path / "goals.toml"
    path.write_text(hostile, encoding="utf-8")
    monkeypatch.setattr(g, "load_goals", lambda: LOAD_GOALS(path, g.VOCABULARY_FILE))
    at = open_page(MATRIX_PAGE)
    assert "1. \\[Klikk her\\]\\(https\\:\\/\\/example\\.com\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\:red\\[rødt\\]" in [
        s.value for s in at.subheader
    ]
    assert not any(element.proto.allow_html for element in at.markdown)


# ------------------------------------------------------------------ Prosjekter


def test_projects_page():
    portfolio = g.load_portfolio()
    at = open_page(PROJECTS_PAGE)
    assert [t.value for t in at.title] == ["Prosjekter"]
    assert any("Status per 2018" in c.value for c in at.caption)
    table = at.table[0].value
    assert list(table.columns) == ["Prosjekt", "Ansvarlig", "Merknad"]
    assert len(table) == len(portfolio.projects) == 9
    assert table.iloc[1]["Ansvarlig"] == "Yngve Andreassen"
    assert [e.label for e in at.expander] == [
        "Dette leverte fase 2 (7)",
        "Oppfølging fremover (5)",
        "Kritiske suksessfaktorer for fremtidig vekst (10)",
    ]
    bodies = markdown_bodies(at)
    assert any(body.startswith("1. Offensive kommuner") and "\n10. Langsiktig jobbing" in body for body in bodies)
    assert any("Koordinert myndighetskontakt" in body for body in bodies)
    assert any("ansvarlig Lars Gillund" in i.value for i in at.info)


def test_projects_page_data_error(monkeypatch):
    def broken(*args, **kwargs):
        raise g.GoalsDataError("data/projects.toml: prosjekt «en»: feltet «responsible» mangler")

    monkeypatch.setattr(g, "load_portfolio", broken)
    at = open_page(PROJECTS_PAGE)
    assert len(at.error) == 1 and "«responsible» mangler" in at.error[0].value
    assert not at.table
