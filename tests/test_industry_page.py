"""«Næringer og landet»: the view builder, its charts, its slides, and the page through dashboard.py.

All figures are MADE UP (tests/industry_sample.py, tests/sample_data.py).
"""

import json

import pytest
from streamlit.testing.v1 import AppTest

from byr_data import chart_parts, page_model, regions
from byr_data.industry import pages as industry_pages
from tests import industry_sample, sample_data, test_job_pages

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
PAGE = "app_pages/industries.py"
MINUS = "\u2212"


def build(frame=None, **filters):
    filters.setdefault("codes", sample_data.MEMBERS)
    return industry_pages.page(industry_sample.frame() if frame is None else frame, page_model.Filters(**filters),
                               REGION, SOURCE)


def test_view_with_data_opens_with_the_split_and_its_sum_is_shown():
    view = build()
    assert view.headline.startswith("2015–2025: lokal effekt ") and view.headline.endswith("av endringen +1\u00a0100 arbeidsplasser")
    assert [part.title for part in view.parts] == ["", "Hvorfor endret arbeidsplassene seg?", "Næringene",
                                                   "Mot hele landet"]
    identity = view.parts[0].texts[0].replace("*", "")
    assert identity == "+1\u00a0585 som landet − 113 bransjeeffekt − 372 lokal effekt = +1\u00a0100 faktisk endring"
    # 22 500 − 21 400 = +1 100. Norway +7,4 % (2 700 000 -> 2 900 000): 21 400 · 200 000 / 2 700 000 = 1 585,2
    assert view.split.national == pytest.approx(21_400 * 200_000 / 2_700_000)
    assert view.split.national + view.split.mix + view.split.local == pytest.approx(1100)
    assert "+1\u00a0585 − 113 − 372 = +1\u00a0100" in view.parts[1].texts[0]
    assert any("ikke bevis for årsak" in t and "klassisk skift-andel-analyse (shift-share)" in t for t in view.parts[1].texts)
    assert industry_pages.MEASURE_NOTE in view.notes
    assert any("starter i 2015" in n for n in view.notes)
    names = [b.name for part in view.parts for b in part.blocks]
    assert names == ["skiftandel", "skiftandel-aar", "naeringer-endring", "naeringer-kvotient", "landet-indeks",
                     "landet-relativ"]


def test_sections_in_words_and_the_merged_row_is_explained():
    part = build().parts[2]
    title = part.blocks[0].title
    # Region 2015 -> 2025: Varehandel +980, Helse +6·10·6 = +360, Industri −4·10·6 = −240.
    assert title == f"2015–2025: Varehandel, reparasjon av motorvogner +980, Industri {MINUS}240"
    assert "Størst vekst: Varehandel, reparasjon av motorvogner +980, Helse\\- og sosialtjenester +360" in part.texts[0]
    table = part.blocks[0].table.set_index("Næring")
    assert table.loc["Andre/uoppgitt", "Merknad fra SSB"] == "Samler: Uoppgitt, Bergverksdrift og utvinning"
    split_texts = " ".join(build().parts[1].texts)
    assert "Bergverksdrift og utvinning (mangler tall for noen år" in split_texts
    assert "ikke står på noen næring i SSBs tall (skjult eller mangler): 0" in split_texts


def test_one_municipality_merges_its_small_section():
    view = build(codes=("3416",))  # Eidskog: «05-09» has 5 jobs
    text = " ".join(view.parts[1].texts)
    assert "Bergverksdrift og utvinning (færre enn 20 arbeidsplasser i 2015)" in text
    assert view.split.actual == pytest.approx(100)  # 2 400 -> 2 500
    assert view.split.national + view.split.mix + view.split.local == pytest.approx(100)
    assert view.parts[0].texts[0].endswith("= **+100** faktisk endring")


def test_the_page_always_uses_jobs_by_workplace():
    assert build(measure="bosted").headline == build().headline


def test_a_period_inside_the_break_and_rolling_mean():
    assert build(years=(2013, 2015)).missing == industry_pages.NO_PERIOD
    view = build(years=(2008, 2014))
    assert view.headline.startswith("2008–2014:")
    rolled = build(rolling=True)
    assert rolled.headline.startswith("2017–2025:") and industry_pages.ROLLING_NOTE in rolled.notes
    assert "(3-års glidende snitt)" in chart_parts.title_of(rolled.parts[0].blocks[0].chart)


def test_without_sections_only_norway_is_compared():
    view = build(frame=sample_data.frame())
    assert view.missing == industry_pages.NO_SECTIONS
    assert [part.title for part in view.parts] == ["Mot hele landet"]
    assert view.headline.startswith("2015–2025: Kongsvingerregionen +5,1\u00a0%")


def test_offline_shows_nothing_invented():
    view = build(frame=sample_data.frame().query("maal == 'bosted'"))
    assert view.missing == industry_pages.OFFLINE and not view.parts and view.headline is None
    assert view.missing.count(". ") == 0 and view.missing.endswith("."), "one sentence"


def test_chart_specs_carry_locale_source_and_titles():
    view = build()
    for part in view.parts:
        for block in part.blocks:
            spec = block.spec
            assert spec["config"]["locale"]["number"]["decimal"] == ","
            # The split's chart has no heading of its own: the page's headline right above is its finding.
            assert chart_parts.source_of(block.chart) == SOURCE
            assert spec["description"] == (block.title or view.headline), block.name
            assert len(block.table) == len(block.data)
    steps = build().parts[0].blocks[0].spec
    rows = next(layer["data"]["values"] for layer in steps["layer"] if layer["mark"]["type"] == "bar")
    assert [r["komponent"] for r in rows] == ["Som landet", "Bransjeeffekt", "Lokal effekt", "Faktisk endring"]
    assert rows[2]["til"] == rows[3]["til"], "the waterfall ends where the actual change ends"


def test_slides_for_the_council():
    shown = industry_pages.slides(industry_sample.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE)
    assert [s.heading for s in shown] == ["Hvorfor endret arbeidsplassene seg?", "Næringene"]
    assert shown[0].message == build().headline and "ikke bevis for årsak" in shown[0].detail
    assert all(s.chart is not None for s in shown)
    assert industry_pages.slides(sample_data.frame(), page_model.Filters(codes=sample_data.MEMBERS), REGION, SOURCE) == []


# -- the page through dashboard.py -------------------------------------------------------------------
def run(**params) -> AppTest:
    return test_job_pages.run(PAGE, **params)


def test_page_with_data_draws_the_split_industry_and_index_charts():
    industry_sample.write_cache()
    at = run()
    assert at.title[0].value == "Næringer og landet: Kongsvingerregionen"
    assert at.subheader[0].value == build().headline
    # The split's chart proves the headline right above it: its finding is not repeated as a heading.
    assert [s.value for s in at.subheader].count(build().headline) == 1
    assert [h.value for h in at.main.header] == ["Hvorfor endret arbeidsplassene seg?", "Næringene", "Mot hele landet"]
    assert len(at.get("vega_lite_chart")) == 6
    assert not at.info
    assert "= **+1\u00a0100** faktisk endring" in at.markdown[0].value
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["description"] == build().headline  # the finding, also shown as text above the chart


def test_page_for_one_municipality_from_the_url_with_residence_measure():
    industry_sample.write_cache()
    at = run(kommune="Grue", maal="Sysselsatte bosatte")
    assert at.title[0].value == "Næringer og landet: Grue"
    assert any(industry_pages.MEASURE_NOTE in c.value for c in at.caption)
    assert any(m.value.endswith("= **+100** faktisk endring") for m in at.markdown)


def test_page_offline_says_what_a_refresh_brings():
    at = run()
    assert [i.value for i in at.info] == [industry_pages.OFFLINE]
    assert not at.get("vega_lite_chart") and not at.metric and not at.main.header


def test_presentation_gets_the_industry_slides():
    industry_sample.write_cache()
    at = AppTest.from_file("../dashboard.py", default_timeout=30)
    at.query_params["presentasjon"] = "1"
    at.query_params["lysbilde"] = "5"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Hvorfor endret arbeidsplassene seg?"


def test_all_sixteen_groups_and_uoppgitt_of_the_table():
    frame = industry_sample.all_groups_frame()
    view = build(frame=frame, codes=("3417",))
    assert "Næringene er de 16 næringsgruppene (SN2007)" in " ".join(view.parts[1].texts)
    assert view.split.national + view.split.mix + view.split.local == pytest.approx(view.split.actual)
    # Group k has 10·k jobs in 2015: groups 1 (10) and the «uoppgitt» (170) go into «Andre/uoppgitt».
    merged = " ".join(view.parts[1].texts)
    assert "Jordbruk, skogbruk og fiske (færre enn 20 arbeidsplasser i 2015)" in merged
    assert "Uoppgitt (næring ikke oppgitt)" in merged
    assert len(view.parts[2].blocks[0].table) == 16  # 15 groups shown + «Andre/uoppgitt»
    shown = industry_pages.slides(frame, page_model.Filters(codes=("3417",)), REGION, SOURCE)
    bars = next(layer for layer in shown[1].spec["layer"] if layer["mark"]["type"] == "bar")
    assert len(bars["data"]["values"]) == industry_pages.SLIDE_SECTIONS
    assert shown[1].detail.endswith("de 6 største endringene.")


def test_rolling_mean_over_too_short_a_period_says_why():
    view = build(years=(2015, 2016), rolling=True)
    assert view.missing.startswith(industry_pages.NO_PERIOD) and "glidende snitt" in view.missing
    assert not view.parts


def test_sections_without_norway_are_not_split():
    frame = industry_sample.frame()
    frame = frame[~((frame["kommunenummer"] == regions.NORWAY) & (frame["naering"] != "00-99"))]
    view = build(frame=frame)
    assert view.missing == industry_pages.NO_SECTIONS and view.split is None
    assert [part.title for part in view.parts] == ["Mot hele landet"]
