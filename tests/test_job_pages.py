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


@pytest.mark.parametrize("page", PAGES)
def test_offline_pages_explain_missing_jobs_series(page):
    at = run(page)
    assert any("Arbeidsplasser (sysselsatte etter arbeidssted) mangler tall" in i.value for i in at.info)
    assert not at.get("vega_lite_chart") or page == "app_pages/trend.py"


def test_offline_overview_shows_report_figures():
    at = run()
    text = " ".join(m.value for m in at.markdown)
    assert "+32 arbeidsplasser i 2016" in text and "+132 arbeidsplasser i 2017" in text


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
    values = metrics(run())
    # Six members: Kongsvinger +60 and five others +10 a year after 2015 -> +110 a year.
    assert values["Arbeidsplasser 2025"] == "22\u00a0500"  # 18 400 + 6·500 + 10·110
    assert values["Netto endring 2025"] == "+110"
    assert values["Siden 2015"] == "+1\u00a0100"
    assert values["Snitt i året før / etter 2015"] == "\u2212120 / +110"


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
    assert at.title[0].value == "Måloppnåelse: Grue"
    assert metrics(at)["Mål nådd (2016–2025)"] == "0 av 10 år"


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
        ({"maal": "lykke"}, "ukjent mål «lykke»", "+110"),
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
