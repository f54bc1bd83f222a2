"""Industry figures and the shift-share split (byr_data/industry/model.py), on made-up numbers.

The small frames below are MADE UP and chosen so that every effect can be checked by hand.
"""

import itertools
import math

import pandas as pd
import pytest

from byr_data import regions
from byr_data.industry import model as industry
from tests import industry_sample, sample_data

NORWAY = regions.NORWAY


def tidy(cells: dict[tuple[str, int, str], float | None], status: dict | None = None) -> pd.DataFrame:
    """(kommunenummer, år, næring) -> jobs by workplace, in the tidy format; None = no figure."""
    status = status or {}
    return pd.DataFrame([
        {"kommunenummer": code, "kommune": sample_data.NAMES[code], "aar": year, "maal": "arbeidssted",
         "naering": nace, "naering_tekst": {"00-99": "Alle næringer", "00": "Uoppgitt"}.get(nace, f"Næring {nace}"),
         "verdi": float("nan") if value is None else float(value), "status": status.get((code, year, nace), ""),
         "kilde": "SSB 07984"}
        for (code, year, nace), value in cells.items()])


def hand_frame() -> pd.DataFrame:
    """Norway: A 100 -> 110 (+10 %), B 300 -> 300 (0 %), total 400 -> 410 (G = +2,5 %).
    Grue: A 20 -> 30 (+50 %), B 80 -> 76 (−5 %), total 100 -> 106 (ΔE = +6)."""
    cells = {}
    for year, (n_a, n_b, g_a, g_b) in {2016: (100, 300, 20, 80), 2017: (110, 300, 30, 76)}.items():
        cells.update({(NORWAY, year, "01-03"): n_a, (NORWAY, year, "10-33"): n_b, (NORWAY, year, "00-99"): n_a + n_b,
                      ("3417", year, "01-03"): g_a, ("3417", year, "10-33"): g_b, ("3417", year, "00-99"): g_a + g_b})
    return tidy(cells)


def split_of(frame, codes, period, threshold=industry.SMALL_SECTION, rolling=False):
    sections = industry.section_codes(frame)
    local = industry.area(frame, codes, sections, "utvalget")
    nation = industry.area(frame, (NORWAY,), sections, "Hele landet")
    if rolling:
        local, nation = industry.smoothed(local), industry.smoothed(nation)
    grouped = industry.group_sections(local, nation, period, industry.section_labels(frame), threshold)
    return grouped, industry.shift_share(grouped, period.start, period.end)


# -- hand-computed effects -------------------------------------------------------------------------
def test_each_effect_by_hand():
    grouped, split = split_of(hand_frame(), ("3417",), industry.Period(2016, 2017))
    assert split.actual == pytest.approx(6)
    assert split.growth_country == pytest.approx(0.025)
    assert split.national == pytest.approx(2.5)  # 100 · 2,5 %
    assert split.mix == pytest.approx(-0.5)  # 20 · (10 % − 2,5 %) + 80 · (0 % − 2,5 %) = 1,5 − 2
    assert split.local == pytest.approx(4.0)  # 20 · (50 % − 10 %) + 80 · (−5 % − 0 %) = 8 − 4
    rows = split.table.set_index("naering")
    assert rows.loc["01-03", ["landet", "bransje", "lokal"]].tolist() == pytest.approx([0.5, 1.5, 8.0])
    assert rows.loc["10-33", ["landet", "bransje", "lokal"]].tolist() == pytest.approx([2.0, -2.0, -4.0])
    assert rows.loc[industry.OTHER, ["start", "slutt", "landet", "bransje", "lokal"]].tolist() == [0, 0, 0, 0, 0]


def test_location_quotient_by_hand():
    grouped, _ = split_of(hand_frame(), ("3417",), industry.Period(2016, 2017))
    rows = industry.location_quotients(grouped, 2017).set_index("naering")
    assert rows.loc["01-03", "andel_her"] == pytest.approx(30 / 106 * 100)
    assert rows.loc["01-03", "andel_landet"] == pytest.approx(110 / 410 * 100)
    assert rows.loc["01-03", "kvotient"] == pytest.approx((30 / 106) / (110 / 410))  # ≈ 1,05
    assert rows.loc["10-33", "kvotient"] == pytest.approx((76 / 106) / (300 / 410))  # ≈ 0,98


def test_index_and_relative_growth_by_hand():
    frame = hand_frame()
    local = industry.area(frame, ("3417",), [], "Grue").total
    country = industry.area(frame, (NORWAY,), [], "Hele landet").total
    long, yearly, overall = industry.versus_country(local, country, industry.Period(2016, 2017), "Grue")
    assert long.set_index(["serie", "aar"])["verdi"].to_dict() == pytest.approx(
        {("Grue", 2016): 100, ("Grue", 2017): 106, ("Hele landet", 2016): 100, ("Hele landet", 2017): 102.5})
    assert yearly["relativ"].tolist() == pytest.approx([3.5])  # 6 % − 2,5 %
    assert overall == pytest.approx(3.5)


def test_a_section_empty_in_norway_at_the_start_has_no_industry_effect():
    cells = {(NORWAY, 2016, "01-03"): 0, (NORWAY, 2017, "01-03"): 50, (NORWAY, 2016, "10-33"): 400,
             (NORWAY, 2017, "10-33"): 400, (NORWAY, 2016, "00-99"): 400, (NORWAY, 2017, "00-99"): 450,
             ("3417", 2016, "01-03"): 30, ("3417", 2017, "01-03"): 40, ("3417", 2016, "10-33"): 70,
             ("3417", 2017, "10-33"): 70, ("3417", 2016, "00-99"): 100, ("3417", 2017, "00-99"): 110}
    grouped, split = split_of(tidy(cells), ("3417",), industry.Period(2016, 2017))
    assert [m.reason for m in grouped.merged] == ["mangler tall for hele landet"]  # G_i undefined: into «Andre»
    assert split.national + split.mix + split.local == pytest.approx(split.actual) == pytest.approx(10)


def test_a_selection_section_starting_at_zero_keeps_the_identity():
    frame = hand_frame()
    frame.loc[(frame["kommunenummer"] == "3417") & (frame["naering"] == "01-03") & (frame["aar"] == 2016), "verdi"] = 0
    frame.loc[(frame["kommunenummer"] == "3417") & (frame["naering"] == "00-99") & (frame["aar"] == 2016), "verdi"] = 80
    _, split = split_of(frame, ("3417",), industry.Period(2016, 2017), threshold=0)
    assert split.actual == pytest.approx(26)
    assert split.local == pytest.approx(26 - split.national - split.mix)
    assert split.table.set_index("naering").loc["01-03", "lokal"] == pytest.approx(30)  # 30 − 0 · 10 %


# -- «Andre/uoppgitt»: what does not add up is merged, never dropped -------------------------------
def test_unstated_suppressed_and_small_sections_are_merged_and_the_rows_add_up():
    cells = {}
    for year in (2016, 2017):
        cells.update({(NORWAY, year, "00-99"): 1000 + year - 2016, (NORWAY, year, "01-03"): 300,
                      (NORWAY, year, "10-33"): 400, (NORWAY, year, "84"): 200, (NORWAY, year, "85"): 90,
                      (NORWAY, year, "00"): 10 + year - 2016,
                      ("3417", year, "00-99"): 200, ("3417", year, "01-03"): 100, ("3417", year, "00"): 7,
                      ("3417", year, "84"): 5, ("3417", year, "85"): 40})
    cells[("3417", 2016, "10-33")] = 40
    cells[("3417", 2017, "10-33")] = None  # suppressed by SSB
    frame = tidy(cells, status={("3417", 2017, "10-33"): ":"})
    grouped, split = split_of(frame, ("3417",), industry.Period(2016, 2017))
    assert list(grouped.local.columns) == ["01-03", "85", industry.OTHER]
    assert {m.code: m.reason for m in grouped.merged} == {
        "00": "næring ikke oppgitt",
        "10-33": "mangler tall for noen år («:» skjult av SSB av personvernhensyn)",
        "84": "færre enn 20 arbeidsplasser i 2016",
    }
    assert grouped.local.sum(axis=1).tolist() == [200, 200]
    assert grouped.local[industry.OTHER].tolist() == [60, 60]  # 200 − 100 − 40
    assert grouped.nation.sum(axis=1).tolist() == [1000, 1001]
    # In 2017 the suppressed 10-33 is on no section: 200 − (100 + 7 + 5 + 40), shown, never hidden.
    assert grouped.unassigned.tolist() == [8, 48]
    assert grouped.status == {"10-33": ":"}
    assert split.national + split.mix + split.local == pytest.approx(split.actual) == pytest.approx(0)


def test_finest_sections_and_codes():
    codes = ["00-99", "10-33", "10", "11-33", "84", "00", "64.1_65.1-65.3"]
    assert industry.finest_sections(codes) == ["00", "10", "11-33", "84"]
    assert industry.code_range("86-88") == (86, 88)
    assert industry.code_range("84") == (84, 84)
    assert industry.code_range("33-10") is None and industry.code_range("uoppgitt") is None


def test_area_sum_is_missing_when_one_municipality_lacks_the_figure():
    frame = industry_sample.frame()
    sections = industry.section_codes(frame)
    assert sections == ["00", "01-03", "05-09", "10-33", "45-47", "86-88"]
    region = industry.area(frame, sample_data.MEMBERS, sections, "Regionen")
    assert math.isnan(region.levels.loc[2020, "05-09"]) and region.status.loc[2020, "05-09"] == ":"
    assert region.levels.loc[2021, "05-09"] == 30  # six municipalities × 5
    assert region.levels.loc[2025, "00-99"] == 22_500


# -- the period -------------------------------------------------------------------------------------
@pytest.mark.parametrize("requested, expected, note", [
    (None, (2015, 2025), "starter i 2015"),
    ((2008, 2025), (2015, 2025), "starter i 2015"),
    ((2010, 2020), (2015, 2020), "over bruddet"),
    ((2008, 2014), (2008, 2014), None),
    ((2016, 2019), (2016, 2019), None),
    ((2013, 2015), None, None),  # only 2015 is left after the break
])
def test_a_period_never_spans_the_break(requested, expected, note):
    period = industry.choose_period(range(2008, 2026), requested)
    if expected is None:
        assert period is None
        return
    assert (period.start, period.end) == expected
    assert (note is None and not period.notes) or any(note in n for n in period.notes)


def test_shift_share_refuses_the_break():
    frame = industry_sample.frame()
    grouped, _ = split_of(frame, ("3417",), industry.Period(2016, 2017))
    with pytest.raises(ValueError, match="bruddet"):
        industry.shift_share(grouped, 2014, 2015)


def test_rolling_mean_starts_two_years_after_the_break():
    frame = industry_sample.frame()
    local = industry.smoothed(industry.area(frame, ("3417",), [], "Grue"))
    nation = industry.smoothed(industry.area(frame, (NORWAY,), [], "Hele landet"))
    both = local.total.dropna().index.intersection(nation.total.dropna().index)
    period = industry.choose_period(both, (2008, 2025))
    assert (period.start, period.end) == (2017, 2025)
    assert local.total[2017] == pytest.approx((2300 + 2310 + 2320) / 3)


# -- the identity holds for every selection and period tried -----------------------------------------
SELECTIONS = [(code,) for code in sample_data.NAMES if code != NORWAY] + [sample_data.MEMBERS, ("3401", "3417"),
                                                             sample_data.MEMBERS + ("3419",)]
PERIODS = [(2015, 2025), (2016, 2020), (2008, 2014), (2019, 2021), (2024, 2025), (2009, 2010)]


@pytest.mark.parametrize("codes, years, rolling", [
    (codes, years, rolling) for codes, years, rolling in itertools.product(SELECTIONS, PERIODS, (False, True))
    if not (rolling and years in [(2024, 2025), (2009, 2010)])
])
def test_effects_add_up_to_the_actual_change(codes, years, rolling):
    frame = industry_sample.frame()
    period = industry.Period(*years)
    if rolling:
        period = industry.Period(max(period.start, 2017 if period.start > 2014 else 2010), period.end)
    grouped, split = split_of(frame, codes, period, rolling=rolling)
    local = industry.area(frame, codes, [], "utvalget")
    totals = industry.smoothed(local).total if rolling else local.total
    actual = totals[period.end] - totals[period.start]
    assert split.actual == pytest.approx(actual, abs=1e-9)
    assert split.national + split.mix + split.local == pytest.approx(actual, abs=1e-9)
    assert (grouped.local.sum(axis=1) - totals.loc[period.years]).abs().max() < 1e-9
    yearly = industry.dynamic_shift_share(grouped)
    assert (yearly["landet"] + yearly["bransje"] + yearly["lokal"] - yearly["faktisk"]).abs().max() < 1e-9
    assert yearly["faktisk"].sum() == pytest.approx(actual, abs=1e-9)
    assert 2015 not in set(yearly["aar"]), "the break is never a change"


@pytest.mark.parametrize("parts, total", [([2.5, -0.5, 4.0], 6), ([0.4, 0.4, 0.2], 1), ([1584.6, -112.8, -371.8], 1100),
                                          ([-0.5, -0.5, -0.5], -1.5)])
def test_rounded_parts_add_up_to_the_rounded_total(parts, total):
    rounded = industry.rounded_parts(parts, total)
    assert sum(rounded) == math.floor(total + 0.5)
    assert all(abs(r - p) < 1 for r, p in zip(rounded, parts))


def test_status_meaning_names_each_symbol_once_without_brackets_of_its_own():
    # The meaning is quoted inside brackets («mangler tall (…)») and inside a listing in brackets:
    # brackets of its own gave «(personvern)))».
    assert industry.status_meaning(": .. :") == "«..» mangler hos SSB, «:» skjult av SSB av personvernhensyn"
    assert industry.status_meaning("?") == "«?» ukjent merknad"
    assert industry.status_meaning("") == ""
    assert not any("(" in meaning or ")" in meaning for meaning in industry.STATUS_MEANINGS.values())


def test_long_industry_names_take_two_lines_in_a_narrow_chart_instead_of_being_cut():
    from byr_data.industry import charts as industry_charts

    assert industry_charts.two_lines("Varehandel, reparasjon av motorvogner") == ["Varehandel, reparasjon", "av motorvogner"]
    assert industry_charts.two_lines("Industri") == ["Industri"]
    assert industry_charts.two_lines("Bergverksdriftogutvinning") == ["Bergverksdriftogutvinning"]  # no space
    axis = industry_charts.name_axis(["Varehandel, reparasjon av motorvogner", "Industri"]).to_dict()
    assert '["Varehandel, reparasjon", "av motorvogner"]' in axis["labelExpr"]
    assert "Industri" not in axis["labelExpr"]  # a short name stays as it is
    assert f"containerSize()[0] < {industry_charts.NARROW_CONTAINER_PX}" in axis["labelExpr"]
