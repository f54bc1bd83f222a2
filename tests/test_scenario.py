"""Issue 15, point 4: the report's phase-1 projection (−3 000 jobs in 25 years) as an optional line on
the trend page — our conversion, labelled so, only for the whole region's jobs, off by default."""

import json

import pandas as pd
from streamlit.testing.v1 import AppTest

from byr_data import analysis, final_report
from byr_data.jobs import charts
from tests import sample_data


def test_the_projection_is_converted_to_about_minus_120_a_year():
    assert final_report.load_report_story().projection.per_year == -120


def test_the_path_starts_at_the_2015_level_and_falls_by_the_rate():
    level = pd.Series({2013: 900.0, 2014: 880.0, 2015: 1000.0, 2016: 1010.0, 2017: 1030.0})
    path = analysis.scenario_path(level, -120)
    assert path["aar"].tolist() == [2015, 2016, 2017]
    assert path["verdi"].tolist() == [1000.0, 880.0, 760.0]
    assert analysis.scenario_path(level.drop(2015), -120).empty, "no 2015 figure: no path"


def run(**params) -> AppTest:
    sample_data.write_cache()
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/trend.py").run()
    assert not at.exception
    return at


def layers(at: AppTest) -> str:
    return " ".join(json.dumps(json.loads(chart.proto.spec), ensure_ascii=False) for chart in at.get("vega_lite_chart"))


def test_off_by_default_and_drawn_when_turned_on():
    at = run()
    assert charts.SCENARIO not in layers(at)
    at.toggle(key="anslag").set_value(True).run()
    spec = layers(at)
    assert charts.SCENARIO in spec and json.dumps(charts.SCENARIO_COLOR) in spec
    note = " ".join(c.value for c in at.caption)
    assert "vår omregning av rapportens anslag" in note and "om lag 3000 arbeidsplasser" in note


def test_not_offered_for_one_municipality():
    at = run(kommune="Grue")
    assert not [t for t in at.toggle if t.key == "anslag"]


def test_not_offered_offline_where_there_is_no_jobs_series_to_draw_it_on():
    at = AppTest.from_file("../dashboard.py", default_timeout=30)  # no cache: the bundled snapshot
    at.query_params["anslag"] = "true"
    at.run()
    at.switch_page("app_pages/trend.py").run()
    assert not at.exception
    assert not [t for t in at.toggle if t.key == "anslag"]
    assert "vår omregning av rapportens anslag" not in " ".join(c.value for c in at.caption)
