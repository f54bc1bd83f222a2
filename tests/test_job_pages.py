"""AppTest of the job pages through dashboard.py: offline, with data, filters and URL parameters."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests import sample_data

PAGES = ["app_pages/overview.py", "app_pages/trend.py", "app_pages/attainment.py"]


def run(page: str | None = None, **params) -> AppTest:
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


DEVELOPER_TEXT = ("python", "byr_data", "refresh", ".toml", ".csv", "`", "SysselsatteArb", "agg_Komm")  # source lines («Kilde: SSB, tabell 07984 og 13470») are credits, not developer text


def shown_text(at: AppTest) -> str:
    """Everything a user reads on the page, except the sidebar."""
    parts = [t.value for t in at.title] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [w.value for w in at.warning]
    parts += [f"{m.label} {m.value} {m.delta or ''}" for m in at.metric]
    return "\n".join(parts)


def chart_titles(at: AppTest) -> list[str]:
    return [json.loads(chart.proto.spec)["usermeta"]["title"] for chart in at.get("vega_lite_chart")]


@pytest.mark.parametrize("page", ["app_pages/overview.py", "app_pages/trend.py"])
def test_offline_overview_and_trend_draw_real_charts(page):
    at = run(page)
    titles = chart_titles(at)
    # Jobs 2017–2022 from table 11618, named in the headline and on the chart; 18 997 -> 19 367 in the reference.
    assert at.title[0].value == ("Kongsvingerregionen 2017–2022: +370 arbeidsplasser, +74 i året mot målet +100 "
                                 "(SSB tabell 11618)")
    assert titles[0].endswith("(SSB tabell 11618)"), titles
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["usermeta"]["source"] == "Kilde: Statistisk sentralbyrå (SSB), tabell 11618 – offline øyeblikksbilde"
    report = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                  if json.loads(c.proto.spec)["usermeta"]["title"].startswith("Sluttrapportens tall mot målet"))
    assert report["usermeta"]["source"].startswith("Kilde: Sluttrapport Byregionprogrammet"), "credited to the report"


def test_offline_trend_shows_residents_labelled_never_as_jobs():
    at = run("app_pages/trend.py")
    residence = next(json.loads(c.proto.spec) for c in at.get("vega_lite_chart")
                     if "bosatte" in json.loads(c.proto.spec)["usermeta"]["title"])
    text = json.dumps(residence, ensure_ascii=False)
    assert "Sysselsatte bosatte (ikke arbeidsplasser)" in text
    assert "Sysselsatte bosatte, Kongsvingerregionen" in text
    assert residence["usermeta"]["source"].endswith("tabell 07984 – offline øyeblikksbilde")
    assert any("kan ikke vise om nedgangen før programmet snudde" in m.value for m in at.markdown)


@pytest.mark.parametrize("page", ["app_pages/attainment.py", "app_pages/municipality.py"])
def test_offline_attainment_and_municipality_draw_11618_and_say_what_a_refresh_adds(page):
    at = run(page)
    assert at.get("vega_lite_chart"), "a chart is drawn offline"
    assert chart_titles(at)[0].endswith("(SSB tabell 11618)")
    assert any(m.value.startswith("Med tall fra SSB (tabell 07984") for m in at.markdown)


def test_offline_attainment_against_the_target_year_by_year():
    at = run("app_pages/attainment.py")
    values = metrics(at)
    assert values["Målet nådd (2018–2022)"] == "2 av 5 år"
    assert len(values) == 4  # the report's +32 and +132 are in its own chart below, not among SSB's figures
    names = [json.loads(c.proto.spec)["usermeta"]["title"] for c in at.get("vega_lite_chart")]
    assert names[0] == "Målet på +100 nådd i 2 av 5 år 2018–2022 (SSB tabell 11618)"
    assert any(name.startswith("2022: Kongsvinger bidro mest") for name in names)  # each member's part, 11618
    assert names[-1] == "Sluttrapportens tall mot målet på +100: nådd i 2017, ikke i 2016"


@pytest.mark.parametrize("page", PAGES + ["app_pages/municipality.py"])
@pytest.mark.parametrize("online", [False, True])
def test_no_developer_text_on_job_pages(page, online):
    if online:
        sample_data.write_cache()
    text = shown_text(run(page))
    assert not [word for word in DEVELOPER_TEXT if word in text], text


def test_offline_overview_shows_the_verdict_and_the_reports_figures_apart():
    values = metrics(run())
    assert values["Arbeidsplasser 2022"] == "19\u00a0367"
    assert values["Endring 2017–2022"] == "+370" and values["Snitt i året"] == "+74"
    text = shown_text(run())
    assert "Sluttrapportens +32 (2016) og +132 (2017) er rapportens egne tall" in text


def test_offline_overview_for_one_municipality_has_no_target():
    at = run(kommune="Grue")
    assert at.title[0].value == "Grue 2017–2022: \u22128 arbeidsplasser av regionens +370 (SSB tabell 11618)"
    assert not [t for t in chart_titles(at) if "mål" in t.lower()]
    assert "nådd" not in shown_text(at)


def test_offline_residence_measure_is_labelled_and_shown():
    at = run(maal="Sysselsatte bosatte")
    labels = metrics(at)
    assert "Sysselsatte bosatte 2025" in labels
    assert not any("mot målet" in (m.delta or "") for m in at.metric), "residents are never held against the jobs target"


@pytest.mark.parametrize("page", PAGES)
def test_pages_with_data_render_charts(page):
    sample_data.write_cache()
    at = run(page)
    assert at.get("vega_lite_chart"), "a chart is drawn"
    assert not at.info


def test_overview_headline_numbers():
    sample_data.write_cache()
    at = run()
    values = metrics(at)
    # Six members: Kongsvinger +60 and five others +10 a year after 2015 -> +110 a year.
    assert at.title[0].value == ("2025: +110 arbeidsplasser – målet på +100 nådd, også samlet siden 2015 "
                                 "(+1\u00a0100 mot +1\u00a0000)")
    assert values["Arbeidsplasser 2025"] == "22\u00a0500"  # 18 400 + 6·500 + 10·110
    assert values["Netto endring 2025"] == "+110"
    assert values["Siden 2015"] == "+1\u00a0100"
    assert values["Målet nådd (2016–2025)"] == "10 av 10 år"
    main = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert main["usermeta"]["title"] == "Målet på +100 nådd i 10 av 10 år siden 2015", "the main chart: change vs target"
    assert main["height"] <= 330, "headline, metrics and chart fit above the fold at 1280×720"
    assert not any("kommune=Grue" in m.value for m in at.markdown), "no URL instructions"


def test_municipality_filter_changes_the_numbers():
    sample_data.write_cache()
    at = run()
    at.sidebar.multiselect(key="kommune").set_value(["3417"]).run()
    values = metrics(at)
    assert values["Netto endring 2025"] == "+10"
    assert at.title[0].value.startswith("Grue")


def test_url_parameter_sets_the_filter_on_every_page():
    sample_data.write_cache()
    at = run(kommune="Grue")
    assert metrics(at)["Netto endring 2025"] == "+10"
    at.switch_page("app_pages/attainment.py").run()
    assert at.title[0].value == "Grue 2025: +10 arbeidsplasser av regionens +110; siden 2015 +100"
    assert next(m for m in at.metric if m.label == "Netto endring 2025").delta == "av regionens +110"


def test_year_range_from_url_limits_the_headline():
    sample_data.write_cache()
    at = run(aar=["2008", "2018"])
    values = metrics(at)
    assert "Arbeidsplasser 2018" in values
    assert values["Siden 2015"] == "+330"
    since = next(m for m in at.metric if m.label == "Siden 2015")
    assert since.delta == "+30 mot målet +300"


@pytest.mark.parametrize(
    "params, fragment, change",
    [
        ({"kommune": ["Grue", "Oslo"]}, "ukjent kommune «Oslo»", "+10"),  # Grue kept, Oslo dropped
        ({"aar": ["1900", "2050"]}, "utenfor årene med tall", "+110"),
        ({"aar": "2015"}, "ikke et årsintervall", "+110"),
        ({"maal": "lykke"}, "ukjent tallgrunnlag «lykke»", "+110"),
    ],
)
def test_bad_url_parameter_shows_a_notice_and_is_ignored(params, fragment, change):
    sample_data.write_cache()
    at = run(**params)
    assert any(fragment in w.value for w in at.sidebar.warning), [w.value for w in at.sidebar.warning]
    assert metrics(at)["Netto endring 2025"] == change, "the rest of the view is unharmed"


def test_trend_page_modes_and_report_comparison():
    sample_data.write_cache()
    at = run("app_pages/trend.py")
    assert metrics(at)["Første år med vekst etter 2015"] == "2016"
    comparison = at.table[-1].value
    assert list(comparison["Sluttrapporten"])[:2] == ["+32", "+132"]
    # The report's words are lines below the figures (a column of them broke words mid-word on a phone).
    assert "Rapportens ord" not in comparison.columns
    quotes = next(m.value for m in at.markdown if m.value.startswith("**Rapportens ord**")).replace("\\", "")
    assert "2016: «Regionen hadde også netto arbeidsplassvekst på 32 arbeidsplasser i 2016.»" in quotes
    for mode in ("Indeks", "Årlig endring"):
        at.segmented_control(key="visning").set_value(mode).run()
        assert not at.exception and at.get("vega_lite_chart")


def test_rolling_mean_toggle_is_labelled_on_the_chart():
    sample_data.write_cache()
    at = run("app_pages/attainment.py", snitt="true")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "glidende snitt" in at.subheader[0].value  # the chart's finding above it (Markdown-escaped)
    assert "3-års glidende snitt" in spec["description"]


def test_url_values_in_notices_cannot_inject_markdown():
    at = run(kommune="[Klikk her](https://example.com)")
    warning = at.sidebar.warning[0].value
    assert "\\[Klikk her\\]\\(https" in warning, warning


# -- the +100 target is the region's: judged only for exactly the members and jobs ------------------
JUDGEMENT = ("nådd", "mot målet", "under målet", "Mål +")
JOB_PAGES = PAGES + ["app_pages/municipality.py"]


def judgements(at: AppTest) -> list[str]:
    """Target verdicts in the text, and target lines in the charts."""
    text = shown_text(at)
    found = [word for word in JUDGEMENT if word in text]
    for chart in at.get("vega_lite_chart"):
        if '"mal":' in chart.proto.spec:
            found.append("target line in " + json.loads(chart.proto.spec)["usermeta"]["title"])
    return found


@pytest.mark.parametrize("page", JOB_PAGES)
@pytest.mark.parametrize("params", [
    {"kommune": "Grue"},
    {"kommune": ["Grue", "Åsnes"]},
    {"kommune": ["Kongsvinger", "Nord-Odal", "Sør-Odal", "Eidskog", "Grue", "Åsnes", "Våler"]},  # members + Våler
    {"maal": "Sysselsatte bosatte"},
])
def test_no_target_judgement_outside_the_whole_region(page, params):
    sample_data.write_cache()
    at = run(page, **params)
    assert at.get("vega_lite_chart"), "the selection's own figures are drawn"
    assert judgements(at) == [], shown_text(at)


@pytest.mark.parametrize("page", PAGES)
def test_the_whole_region_is_judged(page):
    sample_data.write_cache()
    at = run(page, aar=["2008", "2025"])
    if page.endswith("trend.py"):
        at.segmented_control(key="visning").set_value("Årlig endring").run()
    assert judgements(at), "the region's jobs are held against the target"


def test_one_municipality_shows_its_contribution():
    sample_data.write_cache()
    at = run(kommune="Grue")
    assert at.title[0].value == "Grue 2025: +10 arbeidsplasser av regionens +110; siden 2015 +100"
    assert next(m for m in at.metric if m.label == "Netto endring 2025").delta == "av regionens +110"


def test_rolling_mean_still_judges_the_yearly_figures_and_says_so():
    sample_data.write_cache()
    at = run("app_pages/attainment.py", snitt="true")
    assert metrics(at)["Netto endring 2025"] == "+110", "the yearly figure, not the smoothed one"
    assert any("målet vurderes fortsatt på tallene for hvert enkelt år" in m.value for m in at.markdown)


# -- every year range gets sensible text ------------------------------------------------------------
NONSENSE = ("mangler tall mot målet", "mot mangler tall", "(2016–2014)", "(2016–2015)", "0 av 0 år",
            "ikke vært et år med vekst", "i 2014 er ikke nådd")


@pytest.mark.parametrize("page", JOB_PAGES)
@pytest.mark.parametrize("years", [("2008", "2014"), ("2015", "2020"), ("2018", "2018")])  # all cases: test_story.py
def test_every_year_range_reads_sensibly(page, years):
    sample_data.write_cache()
    at = run(page, aar=list(years))
    text = shown_text(at)
    assert not [n for n in NONSENSE if n in text], text
    if int(years[1]) <= 2015:
        assert not [word for word in JUDGEMENT if word in text], "no verdict before the target's first year"


def test_contribution_title_names_ties_together():
    import pandas as pd

    from byr_data.jobs import blocks

    changes = pd.Series({"Kongsvinger": 60.0, "Nord-Odal": 10.0, "Sør-Odal": 10.0, "Eidskog": 10.0, "Grue": 10.0,
                         "Åsnes": 10.0})
    assert blocks.contribution_title(2025, changes) == "2025: Kongsvinger bidro mest (+60), fem kommuner minst (+10 hver)"
    two = pd.Series({"Grue": -5.0, "Åsnes": -5.0, "Eidskog": 12.0})
    assert blocks.contribution_title(2024, two) == "2024: Eidskog bidro mest (+12), Grue og Åsnes minst (\u22125 hver)"
    same = pd.Series({"Grue": 3.0, "Åsnes": 3.0})
    assert blocks.contribution_title(2023, same) == "2023: alle kommunene endret seg like mye (+3 hver)"


@pytest.mark.parametrize(
    "online, requested, fragment",
    [
        (True, "Foo", "ukjent visning «Foo»"),
        (False, "Foo", "ukjent visning «Foo»"),
        (False, "Indeks", "Visningen «Indeks» trenger arbeidsplassene år for år fra SSB"),
    ],
)
def test_trend_view_from_a_link_that_cannot_be_shown_says_so(online, requested, fragment):
    if online:
        sample_data.write_cache()
    at = AppTest.from_file("../app_pages/trend.py", default_timeout=30)  # the page alone keeps the URL value
    at.query_params["visning"] = requested
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [w.value for w in at.warning if fragment in w.value], [w.value for w in at.warning]
    assert at.get("vega_lite_chart"), "the page is shown all the same"


@pytest.mark.parametrize("online", [True, False])
def test_trend_view_from_a_link_that_is_shown_has_no_notice(online):
    if online:
        sample_data.write_cache()
    at = AppTest.from_file("../app_pages/trend.py", default_timeout=30)
    at.query_params["visning"] = "Indeks" if online else "Nivå"
    at.run()
    assert not at.exception and not at.warning, [w.value for w in at.warning]
