"""The words a mayor reads first: the target rule, headlines for every selection, and sensible
text for every year range (before the 2014/15 break, after it, across it, one year)."""

import json
import re
import unicodedata

import pytest

from byr_data import analysis, final_report, page_model, regions
from byr_data.jobs import pages as job_pages, story
from byr_data.ssb import cache
from tests import sample_data
from tests.conftest import SHARED

REGION = regions.RegionSettings("Kongsvingerregionen", sample_data.MEMBERS, ("3419",), 100, 2015)
SOURCE = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984, hentet 27.11.2026"
MINUS, NBSP = "\u2212", "\u00a0"


def build(page: str, codes=sample_data.MEMBERS, years=None, measure="arbeidssted", rolling=False, frame=None):
    filters = page_model.Filters(codes=tuple(codes), measure=measure, years=years, rolling=rolling)
    frame = sample_data.frame() if frame is None else frame
    if page == "overview":
        return job_pages.overview(frame, filters, REGION, SOURCE, final_report.load_report_figures())
    if page == "trend":
        return job_pages.trend(frame, filters, REGION, SOURCE, final_report.load_report_figures())
    if page == "attainment":
        return job_pages.attainment(frame, filters, REGION, SOURCE)
    return job_pages.municipality(frame, codes[0], filters, REGION, SOURCE)


def words(view) -> str:
    return "\n".join([view.title] + view.texts + [f"{m.label} {m.value} {m.delta or ''}" for m in view.metrics]
                     + [b.spec["usermeta"]["title"] for b in view.blocks])


# -- the rule ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("codes, measure, judged", [
    (sample_data.MEMBERS, "arbeidssted", True),
    (tuple(reversed(sample_data.MEMBERS)), "arbeidssted", True),  # the order does not matter
    (sample_data.MEMBERS, "bosted", False),  # the target is about jobs
    (("3417",), "arbeidssted", False),
    (sample_data.MEMBERS[:5], "arbeidssted", False),
    (sample_data.MEMBERS + ("3419",), "arbeidssted", False),  # members plus an optional municipality
])
def test_target_is_judged_only_for_exactly_the_members_and_jobs(codes, measure, judged):
    assert analysis.judges_target(codes, measure, REGION) is judged


# -- headlines -------------------------------------------------------------------------------------
def test_region_headline_gives_both_verdicts_when_they_differ():
    # The region grows by 110 a year; a bad last year: 2025 only +20.
    frame = sample_data.frame()
    frame.loc[(frame["kommunenummer"] == "3401") & (frame["aar"] == 2025), "verdi"] -= 90
    view = build("overview", frame=frame)
    assert view.title == (f"2025: +20 arbeidsplasser – under målet på +100; samlet siden 2015 nådd: "
                          f"+1{NBSP}010 mot +1{NBSP}000")


def test_region_headline_when_both_verdicts_agree():
    assert build("overview").title == (f"2025: +110 arbeidsplasser – målet på +100 nådd, også samlet siden 2015 "
                                       f"(+1{NBSP}100 mot +1{NBSP}000)")


def test_subset_headline_is_its_change_and_contribution_without_a_verdict():
    view = build("overview", codes=("3417",))
    assert view.title == "Grue 2025: +10 arbeidsplasser av regionens +110; siden 2015 +100"
    assert "nådd" not in words(view) and "mot målet" not in words(view)


def test_members_plus_optional_municipality_are_not_judged():
    view = build("attainment", codes=sample_data.MEMBERS + ("3419",))
    assert "Kongsvingerregionen samlet +110" in view.title
    assert "nådd" not in words(view) and [b.name for b in view.blocks] == ["arlig-endring", "bidrag"]


def test_residence_measure_is_never_judged():
    view = build("attainment", measure="bosted")
    assert view.title.startswith("Kongsvingerregionen 2025: +110 sysselsatte bosatte")
    assert "nådd" not in words(view) and "kumulativ" not in [b.name for b in view.blocks]


def test_rolling_mean_judges_the_yearly_figures_and_says_so():
    view = build("overview", rolling=True)
    assert view.metrics[0].value == "+110"
    assert story.ROLLING_NOTE in view.texts


# -- shares in words ---------------------------------------------------------------------------------
@pytest.mark.parametrize("change, total, expected", [
    (10, 110, f"Grue sto for 9{NBSP}% av veksten i regionen i 2025 (+10 av +110)."),
    (-8, 82, "Grue gikk ned med 8 i 2025, mens regionen samlet vokste med 82."),
    (-8, -50, f"Både Grue ({MINUS}8) og regionen samlet ({MINUS}50) gikk ned i 2025."),
    (8, -50, "Grue endret seg med +8 i 2025, mens regionen samlet gikk ned med 50."),
    (8, 0, "Grue endret seg med +8 i 2025, mens regionen samlet var uendret."),
])
def test_a_share_is_a_percentage_only_of_growth(change, total, expected):
    assert story.share_sentence("Grue", change, "regionen", total, 2025) == expected


def test_contribution_share_is_missing_when_the_region_declined():
    frame = sample_data.frame(2008, 2014)
    contrib = analysis.contributions(analysis.levels(frame, sample_data.MEMBERS, "arbeidssted"))
    assert contrib["andel"].isna().all(), "the region fell every year: no percentage of a decline"


# -- every year range --------------------------------------------------------------------------------
PAGES = ("overview", "trend", "attainment", "municipality")
NONSENSE = ("mangler tall mot målet", "mot mangler tall", "(2016–2014)", "(2016–2015)", "0 av 0 år",
            "ikke vært et år med vekst", "er ikke nådd", "nan")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("codes", [sample_data.MEMBERS, ("3417",)])
@pytest.mark.parametrize("years", [(2008, 2014), (2015, 2020), (2012, 2018), (2018, 2018), (2015, 2015), (2008, 2008)])
def test_no_nonsense_for_any_year_range(page, codes, years):
    view = build(page, codes=codes, years=years)
    text = words(view)
    assert not [n for n in NONSENSE if n in text], text
    if years[1] <= 2015:
        assert "nådd" not in text and "mot målet" not in text, "no verdict before the target's first year"
        assert not [b.name for b in view.blocks if '"mal":' in json.dumps(b.spec)], "no target line either"


def test_range_entirely_before_the_break():
    overview, trend = build("overview", years=(2008, 2014)), build("trend", years=(2008, 2014))
    assert overview.title == f"2014: {MINUS}120 arbeidsplasser – målet på +100 i året gjelder fra 2016"
    assert trend.title == f"2009–2014: {MINUS}120 arbeidsplasser i året, før programmet"
    assert [m.label for m in trend.metrics] == ["Snitt i året 2009–2014"]
    assert trend.texts[0] == (f"Hele den valgte perioden (2009–2014) ligger før programmet og bruddet i 2015: "
                              f"arbeidsplasser endret seg med i snitt {MINUS}120 i året.")


def test_range_entirely_after_the_break():
    trend = build("trend", years=(2015, 2020))
    assert trend.title == "2016–2020: +110 arbeidsplasser i året, vekst i 5 av 5 år"
    assert "i 2009–2014" not in words(trend)
    assert any("Årene før 2015 er ikke med" in t for t in trend.texts)
    overview = build("overview", years=(2015, 2020))
    assert overview.title.startswith("2020: +110 arbeidsplasser – målet på +100 nådd, også samlet siden 2015")


def test_range_across_the_break():
    trend = build("trend", years=(2012, 2018))
    assert trend.title == f"+110 arbeidsplasser i snitt per år etter 2015 (2016–2018), mot {MINUS}120 i året før (2012–2014)"  # the change into 2012 is 2012's
    assert [m.label for m in trend.metrics] == ["Snitt i året 2012–2014", "Snitt i året 2016–2018",
                                                "Første år med vekst etter 2015"]


def test_range_of_one_year():
    trend = build("trend", years=(2018, 2018))
    assert trend.title == "2018: +110 arbeidsplasser – ett år viser ingen trend"
    assert trend.metrics == [] and trend.texts[0].startswith("Bare ett år er valgt")
    overview = build("overview", years=(2018, 2018))
    assert overview.title.startswith("2018: +110 arbeidsplasser – målet på +100 nådd")


def test_range_of_the_break_year_alone():
    view = build("overview", years=(2015, 2015))
    assert view.title == "Kongsvingerregionen 2015: endringen fra 2014 kan ikke måles (brudd i statistikken)"
    assert view.metrics[0].value == "brudd i statistikken"


def test_subset_before_the_break():
    view = build("trend", codes=("3417",), years=(2008, 2014))
    assert view.title == f"Grue 2009–2014: {MINUS}20 arbeidsplasser i året, før programmet"


# -- offline -----------------------------------------------------------------------------------------
def snapshot_frame():
    return cache.read_snapshot().frame


def test_offline_pages_credit_the_report_and_draw_it():
    view = build("overview", frame=snapshot_frame())
    assert view.title == ("Kongsvingerregionen 2017–2022: +370 arbeidsplasser, +74 i året mot målet +100 "
                          "(SSB tabell 11618)")
    spec = view.blocks[1].chart.to_dict()  # the report's own figures, in a chart of their own
    assert spec["usermeta"]["source"].startswith("Kilde: Sluttrapport Byregionprogrammet")
    text = str(spec)
    assert "uten årstall" in text, "the report's «ca 100» is a labelled reference, not a yearly series"
    bars = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    assert sorted(row["aar"] for row in bars["data"]["values"]) == [2016, 2017], "no invented years"


def test_offline_trend_labels_the_residents_and_never_calls_them_jobs():
    view = build("trend", frame=snapshot_frame())
    residence = view.blocks[2].chart.to_dict()
    assert "sysselsatte bosatte" in residence["usermeta"]["title"]
    assert "arbeidsplasser" not in residence["usermeta"]["title"]
    assert story.CAVEAT in view.texts


def test_offline_subset_has_no_target():
    view = build("attainment", codes=("3417",), frame=snapshot_frame())
    assert view.title == "Grue 2017–2022: \u22128 arbeidsplasser av regionens +370 (SSB tabell 11618)"
    assert "mot målet" not in words(view) and "nådd" not in words(view)
    assert all(block.chart.to_dict()["usermeta"]["title"].endswith("(SSB tabell 11618)") for block in view.blocks)


def test_offline_headline_for_a_year_range_names_its_years():
    view = build("overview", frame=snapshot_frame(), years=(2019, 2022))
    assert view.title == ("Kongsvingerregionen 2019–2022: +320 arbeidsplasser, +107 i året mot målet +100 "
                          "(SSB tabell 11618)")


# -- honest quotes ---------------------------------------------------------------------------------
UI_NAMES = {"Data og kilder", "mangler tall", "vurdert"}


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def test_every_quote_attributed_to_the_report_is_in_it():
    """Text in guillemets on the job pages is either a page or button name or the report's exact words."""
    report_text = _normalise((SHARED / "seed" / "sluttrapport-byregionprogrammet-kongsvingerregionen.txt")
                             .read_text(encoding="utf-8"))
    texts = [story.CAVEAT]
    for frame in (sample_data.frame(), snapshot_frame()):
        for page in PAGES:
            view = build(page, frame=frame)
            texts += [words(view)] + [str(table.to_dict()) for _, table in view.tables]
    quotes = {q for text in texts for q in re.findall(r"«([^»]+)»", text)}
    assert "resultat av mange faktorer" not in " ".join(texts)
    for quote in quotes - UI_NAMES:
        assert _normalise(quote) in report_text, f"«{quote}» is not in the final report"


def test_the_report_figures_quotes_are_the_reports_words():
    report_text = _normalise((SHARED / "seed" / "sluttrapport-byregionprogrammet-kongsvingerregionen.txt")
                             .read_text(encoding="utf-8"))
    figures = final_report.load_report_figures()
    for quote in [c.quote for c in figures.changes] + [figures.pre_trend_quote]:
        assert _normalise(quote) in report_text, quote
