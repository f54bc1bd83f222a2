"""SSB table 11618 in the offline snapshot: the explicit old->new numbers of the region, and the refusal
to splice two tables into one series (at loading and wherever a series is made)."""

import pandas as pd
import pytest

from byr_data import analysis
from byr_data.jobs import notes
from byr_data.ssb import cache, table_11618


def test_the_regions_renumbering_is_the_published_table():
    # The reference README's table «Municipality codes»: before 2020 -> from 2020.
    assert table_11618.REGION_RENUMBERING == {"0402": "3401", "0418": "3414", "0419": "3415", "0420": "3416",
                                              "0423": "3417", "0425": "3418", "0426": "3419"}


@pytest.mark.parametrize("code, year, today", [
    ("0402", 2019, "3401"), ("3401", 2020, "3401"), ("3419", 2022, "3419"),
    ("0402", 2020, None),  # an old number after the reform is no number of today
    ("3401", 2019, None),  # nor is today's number in a year before it existed
    ("0501", 2019, None),  # Lillehammer: not in the region's table, so never guessed
    ("3405", 2021, None),
])
def test_today_code_maps_only_by_the_table(code, year, today):
    assert table_11618.today_code(code, year) == today


def test_region_jobs_are_the_published_rows_with_todays_numbers():
    table = pd.DataFrame({"kommunenummer_i_kilden": ["0423", "3417", "0501"], "kommune": ["Grue", "Grue", "Lillehammer"],
                          "aar": [2019, 2020, 2019], "befolkning_15_74": [1, 1, 1], "sysselsatte_bosted": [1, 1, 1],
                          "sysselsatte_arbeidssted": [1766, 1758, 14000]})
    rows = table_11618.region_jobs(table, ["3417", "3405"], {"3417": "Grue"})
    assert rows[["kommunenummer", "aar", "verdi", "kilde"]].values.tolist() == [
        ["3417", 2019, 1766.0, "SSB 11618"], ["3417", 2020, 1758.0, "SSB 11618"]]


def test_a_file_that_is_not_the_table_is_refused(tmp_path):
    path = tmp_path / "feil.csv"
    path.write_text("kommunenummer,aar\n0402,2017\n", encoding="utf-8")
    with pytest.raises(table_11618.Table11618Error, match="mangler kolonnene"):
        table_11618.read(path)


def spliced() -> pd.DataFrame:
    """The snapshot's 11618 jobs with one 07984 jobs figure added for 2016: the splice that must not happen."""
    frame = cache.read_snapshot().frame
    extra = frame[(frame["maal"] == "arbeidssted") & (frame["aar"] == 2017)].assign(aar=2016, kilde="SSB 07984")
    return pd.concat([frame, extra], ignore_index=True)


def test_a_series_from_two_tables_is_refused_where_every_series_is_made():
    with pytest.raises(analysis.SpliceError, match="flere tabeller"):
        analysis.levels(spliced(), ("3401", "3417"), "arbeidssted")
    assert len(analysis.levels(spliced(), ("3401",), "bosted")) == 18  # one table per measure is fine


def test_a_data_file_that_splices_two_tables_is_not_loaded():
    with pytest.raises(cache.DataError, match="arbeidssted kommer fra flere tabeller"):
        cache.validate_frame(spliced(), "Testfila")


def test_the_offline_line_names_each_measure_with_its_years_and_table():
    # The line on every page offline says what the snapshot holds; nothing is typed in by hand.
    assert notes.snapshot_summary(cache.read_snapshot().frame) == (
        "arbeidsplasser 2017–2022 (SSB tabell 11618) og sysselsatte bosatte 2008–2025 (SSB tabell 07984)")
    assert notes.snapshot_summary(cache.read_snapshot().frame.iloc[0:0]) == "ingen tall"
