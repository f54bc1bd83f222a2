"""«Regionen i landet»: the per-cent and ranking rules worked by hand, areas, the county, the unmatched
lists, the comparison regions in region.toml, and the page and slide on made-up data (compare.*)."""

import math
from pathlib import Path

import pandas as pd
import pytest

from byr_data import analysis, regions
from byr_data.compare import model, pages
from byr_data.page_model import Filters
from byr_data.ssb.country import CountryData

REGION = regions.RegionSettings("Testregionen", ("3401", "3414"), (), 100, 2015,
                                (regions.CompareRegion("Naboene", ("3403", "3420")),))


def made_up(values: dict[str, tuple[float, float]], years=(2015, 2025), norway=(1000.0, 1100.0)) -> pd.DataFrame:
    """MADE-UP figures: each code -> (first year, last year) jobs; "0" is the country."""
    rows = []
    for code, pair in {**values, "0": norway}.items():
        for year, value in zip(years, pair):
            rows.append({"kommunenummer": code, "kommune": f"Kommune {code}" if code != "0" else "Hele landet",
                         "aar": year, "maal": "arbeidssted", "verdi": value, "status": "", "kilde": "SSB 07984"})
    return pd.DataFrame(rows)


# -- the rules by hand -------------------------------------------------------------------------------
def test_percent_by_hand():
    assert analysis.growth_percent(200, 250) == 25.0
    assert analysis.growth_percent(400, 300) == -25.0
    assert math.isnan(analysis.growth_percent(0, 10))  # no base: no growth in per cent
    assert math.isnan(analysis.growth_percent(float("nan"), 10))
    assert math.isnan(analysis.growth_percent(10, float("nan")))


def test_per_thousand_by_hand():
    assert analysis.per_thousand(50, 2000) == 25.0
    assert math.isnan(analysis.per_thousand(50, float("nan")))
    assert math.isnan(analysis.per_thousand(50, 0))


def test_ranking_shares_ties_skips_the_next_rank_and_leaves_missing_unranked():
    ranks = analysis.growth_rank(pd.Series([5.0, 10.0, 5.04, float("nan"), -2.0]))
    assert list(ranks.astype("object").where(ranks.notna(), None)) == [2, 1, 2, None, 4]


def test_growth_table_ranks_municipalities_and_keeps_the_country_out():
    frame = made_up({"3401": (100, 110), "3414": (200, 190), "3403": (50, 60), "3420": (80, float("nan"))})
    table = model.growth(frame, "arbeidssted", model.Period(2015, 2025))
    assert list(table["kommunenummer"]) == ["3403", "3401", "3414", "3420"]  # 20 %, 10 %, −5 %, missing
    assert list(table["plass"].iloc[:3]) == [1, 2, 3]
    assert pd.isna(table["plass"].iloc[3]) and pd.isna(table["prosent"].iloc[3])
    assert table.loc[table["kommunenummer"] == "3414", "endring"].item() == -10
    assert "0" not in set(table["kommunenummer"])
    assert table.loc[0, "fylke"] == "Innlandet"


def test_area_is_the_sum_and_missing_when_a_member_lacks_a_figure():
    frame = made_up({"3401": (100, 110), "3414": (200, 230), "3420": (80, float("nan"))})
    period = model.Period(2015, 2025)
    both = model.area(frame, ["3401", "3414"], "R", "utvalg", "arbeidssted", period)
    assert (both.start, both.end, both.change, both.percent) == (300, 340, 40, pytest.approx(40 / 3))
    gap = model.area(frame, ["3401", "3420"], "R", "utvalg", "arbeidssted", period)
    assert math.isnan(gap.percent) and gap.lacking == ("3420",)
    absent = model.area(frame, ["3401", "9999"], "R", "utvalg", "arbeidssted", period)
    assert absent.lacking == ("9999",)


def test_areas_are_selection_county_comparisons_and_country_with_population_per_thousand():
    frame = made_up({"3401": (100, 110), "3414": (200, 230), "3403": (50, 60), "3420": (100, 100), "0301": (10, 20)})
    population = pd.DataFrame({"kommunenummer": ["3401", "3414", "3403", "3420", "0301"], "aar": 2015,
                               "befolkning": [1000.0, 1000.0, 500.0, 500.0, 100.0]})
    found = model.areas(frame, ["3401", "3414"], "Testregionen", REGION, "arbeidssted", model.Period(2015, 2025),
                        population)
    assert [(a.name, a.kind) for a in found] == [("Testregionen", "utvalg"), ("Innlandet", "fylke"),
                                                 ("Naboene", "sammenligning"), ("Hele landet", "landet")]
    assert found[0].per_thousand == 20.0  # +40 per 2 000 inhabitants
    assert found[1].codes == ("3401", "3403", "3414", "3420") and found[1].change == 50
    assert found[2].percent == pytest.approx(10 / 150 * 100)
    assert found[3].percent == pytest.approx(10.0) and found[3].per_thousand == pytest.approx(100 / 3100 * 1000)


def test_period_starts_at_the_base_year_and_never_crosses_the_break():
    assert model.choose_period(list(range(2008, 2026)), 2015) == model.Period(2015, 2025)
    assert model.choose_period(list(range(2008, 2026)), 2010) == model.Period(2015, 2025)
    assert model.choose_period([2020, 2021, 2022], 2015) == model.Period(2020, 2022)
    assert model.choose_period([2022], 2015) is None


def test_county_of_is_the_first_two_digits():
    assert model.county_name(model.county_of("3401")) == "Innlandet"
    assert model.county_name(model.county_of("3001")) == "Viken"
    assert model.county_name("99") == "fylke 99"


def test_unmatched_lists_both_ways_by_number_never_by_name():
    table = pd.DataFrame({"kommunenummer": ["3401", "3001", "3414"], "kommune": ["Kongsvinger", "Halden", "Nord-Odal"],
                          "prosent": [1.0, 2.0, float("nan")]})
    found = model.unmatched(table, {"3401": "Kongsvinger", "3101": "Halden", "3414": "Nord-Odal"})
    assert found.not_on_map == (("3001", "Halden"),)
    assert found.without_data == (("3101", "Halden"), ("3414", "Nord-Odal"))


def test_headline_compares_with_the_country_first_and_names_the_direction():
    period = model.Period(2015, 2025)
    mine = model.Area("Testregionen", "utvalg", ("3401",), 100, 102, 2, 2.0, float("nan"))
    others = [model.Area("Innlandet", "fylke", (), 0, 0, 0, 1.0, float("nan")),
              model.Area("Naboene", "sammenligning", (), 0, 0, 0, 2.0, float("nan")),
              model.Area("Hele landet", "landet", ("0",), 0, 0, 0, 8.1, float("nan"))]
    text = pages.headline(mine, others, "arbeidsplasser", period)
    assert text == ("Testregionen +2,0\u00a0% arbeidsplasser 2015–2025: under hele landet (+8,1\u00a0%), "
                    "over Innlandet (+1,0\u00a0%), som Naboene (+2,0\u00a0%)")


# -- the page and the slide on made-up data ------------------------------------------------------------
def country_data() -> CountryData:
    values = {"3401": (100, 110), "3414": (200, 230), "3403": (50, 60), "3420": (100, 90), "3001": (10, 13)}
    return CountryData(made_up(values), None, "07984", False)


def test_page_message_first_with_table_twins_and_unmatched_lists():
    view = pages.page(country_data(), Filters(codes=("3401", "3414")), REGION)
    assert view.title.startswith("Testregionen +13,3\u00a0% arbeidsplasser 2015–2025: over hele landet (+10,0\u00a0%)")
    assert [b.name for b in view.blocks] == ["landet-omraader", "landet-rangering", "landet-kart", "landet-regionkart"]
    assert all(not b.table.empty for b in view.blocks)
    ranking = view.blocks[1].table
    assert list(ranking["Plass"])[:2] == ["1", "2"] and "Per 1 000 innbyggere" not in ranking  # 07984: no population
    text = " ".join(view.texts)
    assert "Kommune 3001 (3001)" in text  # in the data, not on the 2024 map
    assert "Oslo (0301)" in text  # on the map without data
    assert "Kartverket" in view.blocks[2].chart.usermeta["source"]


def test_page_for_a_subset_and_for_a_member_without_figures():
    view = pages.page(country_data(), Filters(codes=("3401",)), REGION)
    assert "Kommune 3401" in view.title and "nr. 4 av 5" in view.context
    gap = pages.page(country_data(), Filters(codes=("3401", "3405")), REGION)
    assert "kan ikke sammenlignes" in gap.title and "3405" in gap.missing


def test_slide_has_the_map_and_the_members_ranks():
    slide = pages.slide(country_data(), Filters(codes=("3401", "3414")), REGION)
    assert slide.heading == "Regionen i landet" and slide.chart is not None
    assert slide.message == "Testregionen +13,3\u00a0% arbeidsplasser 2015–2025"
    assert slide.detail.startswith("Over hele landet (+10,0\u00a0%)")
    assert slide.detail.endswith("Plass blant 5 kommuner etter vekst i prosent: Kommune 3414 3, Kommune 3401 4.")
    assert "Kartverket" in slide.source


# -- comparison regions in region.toml ------------------------------------------------------------------
BASE = 'name = "R"\nmembers = ["3401"]\ntarget_per_year = 100\nbase_year = 2015\n'


def settings(tmp_path: Path, extra: str) -> regions.RegionSettings:
    path = tmp_path / "region.toml"
    path.write_text(BASE + extra, encoding="utf-8")
    return regions.load_settings(path)


def test_compare_regions_are_read(tmp_path):
    found = settings(tmp_path, '[[compare]]\nname = "Hamar"\nmembers = ["3403", "3420"]\n')
    assert found.compare == (regions.CompareRegion("Hamar", ("3403", "3420")),)
    assert settings(tmp_path, "").compare == ()


@pytest.mark.parametrize("extra, expected", [
    ('[[compare]]\nname = "H"\nmembers = ["3403"]\ncolour = "red"\n', "ukjent felt «colour»"),
    ('[[compare]]\nmembers = ["3403"]\n', "feltet «name» mangler"),
    ('[[compare]]\nname = "H"\n', "feltet «members» mangler"),
    ('[[compare]]\nname = " "\nmembers = ["3403"]\n', "«name» er tomt"),
    ('[[compare]]\nname = "H"\nmembers = []\n', "minst én kommune"),
    ('[[compare]]\nname = "H"\nmembers = [3403]\n', "som tekst i anførselstegn"),
    ('[[compare]]\nname = "H"\nmembers = ["34"]\n', "ikke er et kommunenummer"),
    ('[[compare]]\nname = "H"\nmembers = ["3403", "3403"]\n', "flere ganger"),
    ('[[compare]]\nname = "R"\nmembers = ["3403"]\n', "allerede brukt"),
    ('[[compare]]\nname = "H"\nmembers = ["3403"]\n[[compare]]\nname = "H"\nmembers = ["3420"]\n', "allerede brukt"),
    ('compare = "Hamar"\n', "[[compare]]-tabeller"),
    ('[[compare]]\nname = 5\nmembers = ["3403"]\n', "skal være tekst"),
])
def test_compare_regions_are_validated(tmp_path, extra, expected):
    with pytest.raises(regions.SettingsError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        settings(tmp_path, extra)


def test_shipped_settings_have_comparison_regions():
    shipped = regions.load_settings()
    assert [c.name for c in shipped.compare] == ["Hamarregionen", "Sør-Østerdal"]


def test_any_region_works_hamar_and_elverum_offline():
    from byr_data.ssb import cache, country

    other = regions.RegionSettings("Hamar og Elverum", ("3403", "3420"), (), 100, 2015)
    view = pages.page(country.from_11618(cache.read_snapshot_11618()), Filters(codes=other.members), other)
    assert view.title.startswith("Hamar og Elverum ") and "2020–2022: " in view.title and "Innlandet (" in view.title
    assert view.missing is None and "Hamar, Elverum" in view.context
    assert sorted(view.blocks[3].table["Kommune"]) == ["Elverum", "Hamar"]
