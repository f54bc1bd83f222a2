"""The metric definitions (docs/architecture.md, «Definitions») against hand-computed examples."""

import math

import numpy as np
import pandas as pd
import pytest

from byr_data import analysis


def tidy(values: dict[str, dict[int, float]], measure: str = "arbeidssted") -> pd.DataFrame:
    rows = [
        {"kommunenummer": code, "kommune": code, "aar": year, "maal": measure, "naering": "00-99",
         "naering_tekst": "Alle næringer", "verdi": value, "status": "", "kilde": "test"}
        for code, series in values.items()
        for year, value in series.items()
    ]
    return pd.DataFrame(rows)


def series(values: dict[int, float]) -> pd.Series:
    return pd.Series(values, dtype=float).rename_axis("aar")


def test_changes_are_consecutive_differences_and_skip_the_break():
    level = series({2013: 1000, 2014: 1010, 2015: 1500, 2016: 1530, 2017: 1520})
    delta = analysis.changes(level)
    assert math.isnan(delta[2013])
    assert delta[2014] == 10
    assert math.isnan(delta[2015]), "2014→2015 is a method change, never a change"
    assert delta[2016] == 30
    assert delta[2017] == -10


def test_missing_year_gives_missing_changes_not_zero():
    level = series({2016: 100, 2017: np.nan, 2018: 130, 2019: 150})
    delta = analysis.changes(level)
    assert math.isnan(delta[2017]) and math.isnan(delta[2018])
    assert delta[2019] == 20


def test_gap_in_index_is_not_bridged():
    level = series({2016: 100, 2018: 130})
    assert analysis.changes(level).isna().all()


def test_regional_sum_is_missing_when_any_municipality_is_missing():
    frame = tidy({"A": {2016: 10, 2017: 12}, "B": {2016: 5}})
    wide = analysis.levels(frame, ("A", "B"), "arbeidssted")
    total = analysis.regional(wide)
    assert total[2016] == 15
    assert math.isnan(total[2017]), "a partial sum would invent a drop"


def test_levels_keeps_selected_order_and_fills_missing_years():
    frame = tidy({"A": {2016: 10, 2018: 12}, "B": {2016: 5, 2017: 6, 2018: 7}})
    wide = analysis.levels(frame, ("B", "A"), "arbeidssted")
    assert list(wide.columns) == ["B", "A"]
    assert list(wide.index) == [2016, 2017, 2018]
    assert math.isnan(wide.loc[2017, "A"])


def test_municipality_without_data_and_other_measure():
    frame = tidy({"A": {2016: 10, 2017: 12}})
    wide = analysis.levels(frame, ("A", "C"), "arbeidssted")
    assert wide["C"].isna().all()
    assert analysis.regional(wide).isna().all()
    assert analysis.levels(frame, ("A",), "bosted").empty


def test_cumulative_against_target_from_base_year():
    level = series({2015: 1000, 2016: 1032, 2017: 1164, 2018: 1150})
    path = analysis.cumulative(analysis.changes(level), 2015, 100)
    assert list(path.index) == [2016, 2017, 2018]
    assert list(path["faktisk"]) == [32, 164, 150]
    assert list(path["mal"]) == [100, 200, 300]
    assert list(path["avvik"]) == [-68, -36, -150]


def test_cumulative_with_base_before_break_never_counts_the_break():
    level = series({2013: 1000, 2014: 990, 2015: 2000, 2016: 2010})
    path = analysis.cumulative(analysis.changes(level), 2013, 100)
    assert list(path["faktisk"]) == [-10, -10, 0]


def test_cumulative_becomes_missing_after_a_missing_change():
    level = series({2015: 1000, 2016: 1100, 2017: np.nan, 2018: 1300})
    path = analysis.cumulative(analysis.changes(level), 2015, 100)
    assert path.loc[2016, "faktisk"] == 100
    assert path.loc[[2017, 2018], "faktisk"].isna().all()


def test_target_status_latest_year():
    level = series({2015: 1000, 2016: 1032, 2017: 1164})
    status = analysis.target_status(level, 2015, 100)
    assert status.year == 2017
    assert status.change == 132 and status.met is True
    assert status.cumulative == 164 and status.cumulative_target == 200 and status.gap == -36
    assert (status.years_met, status.years_elapsed) == (1, 2)


def test_target_status_single_year_has_no_change():
    status = analysis.target_status(series({2017: 8568}), 2015, 100)
    assert status.year == 2017
    assert math.isnan(status.change) and status.met is None
    assert status.years_elapsed == 0


def test_trend_summary_before_and_after_never_across_the_break():
    pre = {2008 + i: 1000 - 100 * i for i in range(7)}  # 2008..2014: −100 a year
    post = {2015: 5000, 2016: 5032, 2017: 5164, 2018: 5100, 2019: 5150, 2020: 5200}
    summary = analysis.trend_summary(series(pre | post))
    assert summary.pre_mean == pytest.approx(-100)
    assert summary.pre_slope == pytest.approx(-100)
    assert summary.post_mean == pytest.approx((32 + 132 - 64 + 50 + 50) / 5)
    assert summary.turned_year == 2016
    assert summary.recent_years == (2018, 2019, 2020)
    assert summary.recent_positive == 2
    assert summary.latest_year == 2020


def test_trend_summary_without_growth():
    summary = analysis.trend_summary(series({2015: 100, 2016: 90, 2017: 80}))
    assert summary.turned_year is None
    assert summary.recent_positive == 0
    assert math.isnan(summary.pre_mean)


def test_pre_trend_projection_continues_from_first_year_after_break():
    pre = {2008 + i: 1000 - 10 * i for i in range(7)}
    level = series(pre | {2015: 2000, 2016: 2005, 2017: 2010})
    projection = analysis.pre_trend_projection(level)
    fitted = projection[projection["del"] == "før"].set_index("aar")["verdi"]
    continued = projection[projection["del"] == "videreført"].set_index("aar")["verdi"]
    assert fitted[2014] == pytest.approx(940)
    assert list(continued.round(6)) == [2000, 1990, 1980]


def test_index_is_relative_to_base_year_and_blank_across_the_break():
    level = series({2014: 50, 2015: 200, 2016: 210})
    index = analysis.index(level, 2015)
    assert math.isnan(index[2014])
    assert index[2015] == 100 and index[2016] == pytest.approx(105)


def test_contributions_and_shares():
    frame = tidy({"A": {2016: 100, 2017: 130}, "B": {2016: 50, 2017: 40}})
    contrib = analysis.contributions(analysis.levels(frame, ("A", "B"), "arbeidssted"))
    row = contrib[contrib["aar"] == 2017].set_index("kommunenummer")
    assert row.loc["A", "endring"] == 30 and row.loc["B", "endring"] == -10
    assert row.loc["A", "andel"] == pytest.approx(150) and row.loc["B", "andel"] == pytest.approx(-50)


def test_region_of_one_contributes_everything():
    frame = tidy({"A": {2016: 100, 2017: 130}})
    contrib = analysis.contributions(analysis.levels(frame, ("A",), "arbeidssted"))
    assert contrib.set_index("aar").loc[2017, "andel"] == pytest.approx(100)


def test_rolling_mean_is_trailing_and_split_at_the_break():
    values = series({2012: 1, 2013: 2, 2014: 3, 2015: 100, 2016: 4, 2017: 5, 2018: 6})
    rolled = analysis.rolling_mean(values, 3)
    assert rolled[2014] == 2
    assert math.isnan(rolled[2015]) and math.isnan(rolled[2016])
    assert rolled[2017] == pytest.approx((100 + 4 + 5) / 3)
    assert rolled[2018] == 5


def test_slope_needs_two_points():
    assert math.isnan(analysis.slope(series({2016: 1})))
    assert analysis.slope(series({2016: 1, 2018: 5})) == pytest.approx(2)
