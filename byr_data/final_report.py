"""What the final report says in figures and words: the headline figures (data/report_figures.toml)
and the report's story (data/report_story.toml), each loaded and validated."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from byr_data import regions
from byr_data.strict_toml import GoalsDataError, Reader, read_toml

REPORT_FIGURES_FILE = regions.DATA_DIR / "report_figures.toml"


class ReportFiguresError(ValueError):
    pass


@dataclass(frozen=True)
class ReportedChange:
    year: int
    value: int
    quote: str


@dataclass(frozen=True)
class ReportFigures:
    source: str
    region: str
    changes: tuple[ReportedChange, ...]
    pre_trend_per_year: int
    pre_trend_quote: str


REPORT_REGION = "Kongsvingerregionen"  # whose final report data/*.toml transcribe


def is_report_region(region_name: str) -> bool:
    """The final report (its figures, goals and projects) belongs to Kongsvingerregionen only."""
    return region_name.strip().casefold() == REPORT_REGION.casefold()


def report_owner_note(region_name: str) -> str | None:
    """What the programme pages say when the configured region is another one (None for ours)."""
    if is_report_region(region_name):
        return None
    return (f"Målene, prosjektene og statusene her er fra sluttrapporten for Byregionprogrammet i "
            f"{REPORT_REGION} (2018), ikke fra {region_name}. Arbeidsplasstallene på de andre sidene "
            f"gjelder {region_name}.")


def load_report_figures(path: Path | None = None) -> ReportFigures:
    path = path or REPORT_FIGURES_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        changes = tuple(
            ReportedChange(int(item["year"]), int(item["value"]), str(item["quote"])) for item in raw["change"]
        )
        return ReportFigures(
            source=str(raw["source"]),
            region=str(raw["region"]),
            changes=changes,
            pre_trend_per_year=int(raw["pre_trend"]["per_year"]),
            pre_trend_quote=str(raw["pre_trend"]["quote"]),
        )
    except FileNotFoundError:
        raise ReportFiguresError(f"{path}: filen finnes ikke.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReportFiguresError(f"{path}: kan ikke leses ({exc}).") from None
    except KeyError as exc:
        raise ReportFiguresError(f"{path}: feltet {exc} mangler.") from None
    except (TypeError, ValueError) as exc:
        raise ReportFiguresError(f"{path}: et felt har feil type ({exc}).") from None


# -- the report's story (data/report_story.toml) ------------------------------------------------------
REPORT_STORY_FILE = regions.DATA_DIR / "report_story.toml"


class ReportStoryError(GoalsDataError):
    """data/report_story.toml is missing, not valid TOML, or breaks the schema (Norwegian message)."""


@dataclass(frozen=True)
class Projection:
    """The phase-1 analysis: jobs lost over a number of years without radical measures."""

    quote: str
    place: str  # where in the report: the chapter's heading
    jobs: int  # negative: a loss
    years: int
    analyst: str
    analyst_quote: str

    @property
    def per_year(self) -> float:
        """Our conversion: the report's total spread evenly over its years (about −120 a year)."""
        return self.jobs / self.years


@dataclass(frozen=True)
class Funding:
    quote: str
    place: str
    kroner_per_inhabitant: int
    year: int


@dataclass(frozen=True)
class Results:
    intro: str
    place: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class ReportStory:
    source: str
    projection: Projection
    funding: Funding
    results: Results


def _story_table(name: str, top: Reader, field: str, fields: tuple[str, ...]) -> Reader:
    if field not in top.table:
        top.fail("mangler", field)
    entry = Reader(name, f"[{field}]", top.table[field], ReportStoryError)
    entry.check_fields(fields)
    return entry


def _quoted_number(entry: Reader, quote: str, field: str, shown: str) -> None:
    """A figure must be the one the quote gives (a typo in either is caught on load)."""
    if not re.search(rf"(?<!\d){re.escape(shown)}(?!\d)", quote):
        entry.fail(f"er {entry.table[field]}, men sitatet nevner ikke «{shown}»", field)


def load_report_story(path: Path | str = REPORT_STORY_FILE) -> ReportStory:
    """Load and validate the report's story. Raises ReportStoryError (a GoalsDataError)."""
    name, data = read_toml(path, ReportStoryError)
    top = Reader(name, "", data, ReportStoryError)
    top.check_fields(["source", "projection", "funding", "results"])

    entry = _story_table(name, top, "projection", ("quote", "place", "jobs", "years", "analyst", "analyst_quote"))
    projection = Projection(entry.text("quote"), entry.text("place"), entry.integer("jobs"),
                            entry.integer("years"), entry.text("analyst"), entry.text("analyst_quote"))
    if projection.jobs >= 0:
        entry.fail(f"skal være et tap (et negativt tall), men er {projection.jobs}", "jobs")
    if projection.years <= 0:
        entry.fail(f"skal være et positivt antall år, men er {projection.years}", "years")
    _quoted_number(entry, projection.quote, "jobs", str(abs(projection.jobs)))
    _quoted_number(entry, projection.quote, "years", f"{projection.years} år")
    if projection.analyst not in projection.analyst_quote:
        entry.fail(f"nevner ikke «{projection.analyst}»", "analyst_quote")

    entry = _story_table(name, top, "funding", ("quote", "place", "kroner_per_inhabitant", "year"))
    funding = Funding(entry.text("quote"), entry.text("place"), entry.integer("kroner_per_inhabitant"),
                      entry.integer("year"))
    _quoted_number(entry, funding.quote, "kroner_per_inhabitant", f"{funding.kroner_per_inhabitant} kroner")
    _quoted_number(entry, funding.quote, "year", str(funding.year))

    entry = _story_table(name, top, "results", ("intro", "place", "items"))
    results = Results(entry.text("intro"), entry.text("place"), entry.text_list("items"))
    if not results.items:
        entry.fail("er tomt", "items")
    return ReportStory(top.text("source"), projection, funding, results)
