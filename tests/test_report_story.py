"""The report's story (data/report_story.toml): its loader's validation and every quote against the report."""

import pytest

from byr_data import final_report
from byr_data.programme import goals
from tests.test_goals import read_report

STORY = final_report.load_report_story()


@pytest.fixture(scope="module")
def text() -> str:
    return read_report()


def test_projection_is_the_phase_one_analysis(text):
    projection = STORY.projection
    assert (projection.jobs, projection.years) == (-3000, 25)
    assert "om lag 3000 arbeidsplasser de neste 25 årene om ikke det settes inn radikale tiltak" in projection.quote
    assert projection.quote in text
    assert projection.analyst == "Telemarksforskning" and projection.analyst_quote in text
    # Its place: the opening chapter, before the organisation chapter.
    assert text.index("Innledning") < text.index(projection.quote) < text.index("Organisering av Byregionprosjektet")
    assert projection.place == "Innledning"


def test_funding_is_fifty_kroner_per_inhabitant(text):
    funding = STORY.funding
    assert (funding.kroner_per_inhabitant, funding.year) == (50, 2018)
    assert funding.quote.startswith("I budsjettet for 2018 har alle kommunene vedtatt å gå inn med 50 kroner pr innbygger")
    assert funding.quote in text
    assert text.index(funding.place) < text.index(funding.quote)


def test_the_nine_results_word_for_word_and_in_order(text):
    results = STORY.results
    assert len(results.items) == 9
    assert results.intro in text
    section = text[text.index(results.place):text.index("Mål og resultater")]
    positions = [section.index(f"{number}. {item}") for number, item in enumerate(results.items, start=1)]
    assert positions == sorted(positions)
    assert results.items[6].endswith("(jfr Industrinettverket 7sterkes egne bedriftsundersøkelse).")


def test_every_place_is_a_heading_of_the_report(text):
    for place in (STORY.projection.place, STORY.funding.place, STORY.results.place):
        assert place in text


# -- validation ----------------------------------------------------------------------------------------
SOURCE = final_report.REPORT_STORY_FILE.read_text(encoding="utf-8")


def story_error(tmp_path, content: str) -> str:
    path = tmp_path / "report_story.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(final_report.ReportStoryError) as info:
        final_report.load_report_story(path)
    return str(info.value)


def test_error_is_a_report_data_error():
    assert issubclass(final_report.ReportStoryError, goals.GoalsDataError)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("jobs = -3000", "jobs = 3000", "[projection]: feltet «jobs» skal være et tap (et negativt tall), men er 3000"),
        ("jobs = -3000", "jobs = -300", "[projection]: feltet «jobs» er -300, men sitatet nevner ikke «300»"),
        ("years = 25", "years = 20", "[projection]: feltet «years» er 20, men sitatet nevner ikke «20 år»"),
        ("years = 25", 'years = "25"', "[projection]: feltet «years» skal være et heltall, men er tekst"),
        ("kroner_per_inhabitant = 50", "kroner_per_inhabitant = 60", "sitatet nevner ikke «60 kroner»"),
        ('place = "Innledning"\n', "", "[projection]: feltet «place» mangler"),
        ('analyst = "Telemarksforskning"', 'analyst = "Menon"', "[projection]: feltet «analyst_quote» nevner ikke «Menon»"),
        ("items = [", "elementer = [", "[results]: ukjent felt «elementer»"),
        ("[funding]", "[finansiering]", "ukjent felt «finansiering»"),
    ],
)
def test_invalid_story(tmp_path, old, new, expected):
    assert old in SOURCE
    message = story_error(tmp_path, SOURCE.replace(old, new, 1))
    assert str(tmp_path / "report_story.toml") in message
    assert expected in message


def test_jobs_must_match_the_quote(tmp_path):
    message = story_error(tmp_path, SOURCE.replace("jobs = -3000", "jobs = -2000", 1))
    assert "[projection]: feltet «jobs» er -2000, men sitatet nevner ikke «2000»" in message


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(final_report.ReportStoryError, match="fila finnes ikke"):
        final_report.load_report_story(tmp_path / "finnes-ikke.toml")
    assert "ugyldig TOML ved linje" in story_error(tmp_path, SOURCE.replace('place = "Innledning"', 'place = "Innledning'))
    assert "feltet «results» mangler" in story_error(tmp_path, SOURCE[:SOURCE.index("[results]")])
