"""The sentences a mayor reads first: headlines and findings, computed from analysis results (pure).

One place decides how a result is put into words, so every page and slide says the same thing the
same way: the +100 target is judged only where `analysis.judges_target` says so, a subset of the
region is shown with its own change and its contribution, and every year range (before the 2014/15
break, after it, across it, a single year) gets sentences that make sense for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from byr_data import analysis, fmt, regions
from byr_data.final_report import ReportFigures

NUMBER_WORDS = {2: "to", 3: "tre", 4: "fire", 5: "fem"}
UNITS = {"arbeidssted": "arbeidsplasser", "bosted": "sysselsatte bosatte"}

# Said once, on the trend page and on «Data og kilder»; our own words, not the report's.
CAVEAT = (
    "Tallene beskriver utviklingen, de forklarer den ikke. Mange forhold påvirker hvor mange som er i "
    "arbeid, og tallene alene kan ikke skille programmets virkning fra alt annet som skjedde i de samme årene."
)
ROLLING_NOTE = ("Med 3-års glidende snitt slått på viser figuren snittet, men målet vurderes fortsatt på "
                "tallene for hvert enkelt år.")
TARGET_IS_REGIONAL = ("Målet om {target} arbeidsplasser i året gjelder {region} samlet, så tallene for dette "
                      "utvalget vurderes ikke mot det. Her vises utvalgets egen endring og bidraget til regionen.")
RESIDENCE_NOTE = ("Sysselsatte bosatte er de som bor her og er i arbeid, uansett hvor de jobber – ikke "
                  "arbeidsplasser. Målet gjelder arbeidsplasser og vurderes ikke her.")


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@dataclass(frozen=True)
class Situation:
    """The selection's latest year, its change and cumulative path, and its place in the region."""

    name: str  # «Kongsvingerregionen», «Grue», «Utvalget Grue, Åsnes»
    unit: str  # «arbeidsplasser» / «sysselsatte bosatte»
    judged: bool  # the +100 target applies (analysis.judges_target)
    status: analysis.TargetStatus  # the selection's own figures; target fields are used only when judged
    base_year: int
    region_name: str
    region_change: float  # the configured region's change in status.year (NaN when not needed)
    within_region: bool  # every selected municipality is a member

    @property
    def year(self) -> int | None:
        return self.status.year

    @property
    def has_cumulative(self) -> bool:
        """A cumulative change since the base year exists (the latest year is after it)."""
        return self.year is not None and self.year > self.base_year and not _is_missing(self.status.cumulative)


def situation(level: pd.Series, region_level: pd.Series, codes, measure: str,
              region: regions.RegionSettings, name: str) -> Situation:
    """`level`: the selection's series up to the chosen end year; `region_level`: the members' series."""
    status = analysis.target_status(level, region.base_year, region.target_per_year)
    judged = analysis.judges_target(codes, measure, region)
    region_change = float("nan")  # a part of the region (or more than it) is set against the region's change
    if set(codes) != set(region.members) and status.year is not None:
        region_change = float(analysis.changes(region_level).get(status.year, float("nan")))
    return Situation(name=name, unit=UNITS[measure], judged=judged, status=status, base_year=region.base_year,
                     region_name=region.name, region_change=region_change,
                     within_region=set(codes) <= set(region.members))


def change_phrase(year: int, change: float, unit: str) -> str:
    """«+82 arbeidsplasser», or why there is no change to show for `year`."""
    if not _is_missing(change):
        return f"{fmt.signed(change)} {unit}"
    if analysis.is_break(year):
        return f"endringen fra {year - 1} kan ikke måles (brudd i statistikken)"
    return "endringen fra året før mangler tall"


def contribution_phrase(sit: Situation) -> str:
    """«av regionens +82» for a part of the region; «regionen samlet +82» when the selection reaches outside it."""
    if _is_missing(sit.region_change):
        return ""
    if sit.within_region:
        return f" av regionens {fmt.signed(sit.region_change)}"
    return f"; {sit.region_name} samlet {fmt.signed(sit.region_change)}"


def headline(sit: Situation) -> str:
    """The one-line finding of a job page, naming the data year; judges the target only where it applies."""
    status, year = sit.status, sit.year
    if year is None:
        return f"{sit.name}: {sit.unit} mangler tall"
    if _is_missing(status.change):
        return f"{sit.name} {year}: {change_phrase(year, status.change, sit.unit)}"
    change = change_phrase(year, status.change, sit.unit)
    if sit.judged:
        if year <= sit.base_year:
            return f"{year}: {change} – målet på {fmt.signed(status.target)} i året gjelder fra {sit.base_year + 1}"
        latest = f"målet på {fmt.signed(status.target)} nådd" if status.met else f"under målet på {fmt.signed(status.target)}"
        if year == sit.base_year + 1 or not sit.has_cumulative:
            return f"{year}: {change} – {latest}"
        cumulative_met = status.gap >= 0
        figures = f"{fmt.signed(status.cumulative)} mot {fmt.signed(status.cumulative_target)}"
        if cumulative_met == status.met:
            return f"{year}: {change} – {latest}, også samlet siden {sit.base_year} ({figures})"
        word = "nådd" if cumulative_met else "under målet"
        return f"{year}: {change} – {latest}; samlet siden {sit.base_year} {word}: {figures}"
    text = f"{sit.name} {year}: {change}{contribution_phrase(sit)}"
    if sit.has_cumulative:
        text += f"; siden {sit.base_year} {fmt.signed(status.cumulative)}"
    return text


def target_summary(status: analysis.TargetStatus, region: regions.RegionSettings) -> str:
    """The region's jobs against the target in full sentences (the goal matrix's live status)."""
    if status.year is None or _is_missing(status.change):
        year = status.year if status.year is not None else "siste år"
        return f"Endringen i {year} mangler tall, så måloppnåelsen kan ikke vurderes."
    text = f"Arbeidsplasser i {region.name} {status.year}: netto endring {fmt.signed(status.change)}"
    if status.year <= region.base_year:
        return text + f". Målet på {fmt.signed(status.target)} i året gjelder fra {region.base_year + 1}."
    verdict = "nådd" if status.met else "ikke nådd"
    return (f"{text} mot målet {fmt.signed(status.target)} ({verdict}). Siden {region.base_year}: "
            f"{fmt.signed(status.cumulative)} mot {fmt.signed(status.cumulative_target)}. "
            f"Målet er nådd {status.years_met} av {status.years_elapsed} år.")


def share_sentence(name: str, change: float, region_name: str, region_change: float, year: int) -> str:
    """A municipality's part of the regional change in words; a percentage only of growth."""
    if _is_missing(change) or _is_missing(region_change):
        return f"{name}s bidrag til {region_name} i {year} mangler tall."
    if region_change > 0 and change >= 0:
        return (f"{name} sto for {fmt.percent(change / region_change * 100, 0)} av veksten i {region_name} "
                f"i {year} ({fmt.signed(change)} av {fmt.signed(region_change)}).")
    if region_change > 0:
        return (f"{name} gikk ned med {fmt.integer(abs(change))} i {year}, mens {region_name} samlet vokste "
                f"med {fmt.integer(region_change)}.")
    if region_change == 0:
        return f"{name} endret seg med {fmt.signed(change)} i {year}, mens {region_name} samlet var uendret."
    if change < 0:
        return (f"Både {name} ({fmt.signed(change)}) og {region_name} samlet ({fmt.signed(region_change)}) "
                f"gikk ned i {year}.")
    return (f"{name} endret seg med {fmt.signed(change)} i {year}, mens {region_name} samlet gikk ned med "
            f"{fmt.integer(abs(region_change))}.")


# -- the trend: did the decline turn, for every year range ------------------------------------------
def span(years: tuple[int, int]) -> str:
    """«2016–2025», or «2016» for a single year."""
    return str(years[0]) if years[0] == years[1] else f"{years[0]}–{years[1]}"


def _per_year(value: float) -> str:
    return f"{fmt.signed(value)} i året"


def trend_headline(summary: analysis.TrendSummary, years: tuple[int, int] | None, unit: str, name: str = "",
                   single_change: float = float("nan")) -> str:
    """The trend page's finding for the chosen years: before against after the break, whichever exist.
    `name` introduces a selection other than the whole region («Grue 2009–2014: …»)."""
    lead = f"{name} " if name else ""
    if years is not None and years[0] == years[1]:
        return f"{lead}{years[0]}: {change_phrase(years[0], single_change, unit)} – ett år viser ingen trend"
    pre, post = summary.pre_span, summary.post_span
    if pre and post:
        return (f"{name + ': ' if name else ''}{fmt.signed(summary.post_mean)} {unit} i snitt per år etter 2015 "
                f"({span(post)}), mot {_per_year(summary.pre_mean)} før ({span(pre)})")
    if post:
        return (f"{lead}{span(post)}: {fmt.signed(summary.post_mean)} {unit} i året, "
                f"vekst i {summary.post_positive} av {summary.post_count} år")
    if pre:
        return f"{lead}{span(pre)}: {fmt.signed(summary.pre_mean)} {unit} i året, før programmet"
    return f"{name + ': ' if name else ''}for få år med tall til å vise en trend"


def trend_sentences(summary: analysis.TrendSummary, years: tuple[int, int] | None, unit: str) -> list[str]:
    """What the trend says, in words a mayor uses (no method names), for the chosen years."""
    if years is not None and years[0] == years[1]:
        return ["Bare ett år er valgt. Velg flere år for å se om utviklingen har snudd."]
    pre, post = summary.pre_span, summary.post_span
    texts = []
    if pre and post:
        texts.append(f"Før bruddet i statistikken ({span(pre)}) endret {unit} seg med i snitt "
                     f"{_per_year(summary.pre_mean)}.")
    elif pre:
        texts.append(f"Hele den valgte perioden ({span(pre)}) ligger før programmet og bruddet i 2015: "
                     f"{unit} endret seg med i snitt {_per_year(summary.pre_mean)}.")
    if post:
        text = (f"Etter bruddet ({span(post)}) var snittet {_per_year(summary.post_mean)}, med vekst i "
                f"{summary.post_positive} av {summary.post_count} år.")
        if summary.turned_year:
            text += f" Første år med vekst var {summary.turned_year}."
        else:
            text += " Ingen av årene etter bruddet hadde vekst."
        texts.append(text)
        if len(summary.recent_years) >= 2 and summary.post_count > len(summary.recent_years):
            count = NUMBER_WORDS.get(len(summary.recent_years), str(len(summary.recent_years)))
            recent = (f"De siste {count} årene ({span((summary.recent_years[0], summary.recent_years[-1]))}): "
                      f"vekst i {summary.recent_positive} av {len(summary.recent_years)}, i snitt {_per_year(summary.recent_mean)}")
            turned = pre and summary.pre_mean < 0 and summary.turned_year
            if turned:
                holds = ("vendingen holder" if summary.recent_positive == len(summary.recent_years)
                         else "vendingen holder bare delvis" if summary.recent_positive > 0 else "vendingen holder ikke")
                recent += f" – {holds}"
            texts.append(recent + ".")
        if not pre:
            texts.append("Årene før 2015 er ikke med i de valgte årene, så utviklingen sammenlignes ikke med tiden før programmet.")
    if not pre and not post:
        texts.append("Det finnes for få år med tall i de valgte årene til å si noe om utviklingen.")
    line = straight_line(summary)
    if line:
        texts.append(line)
    return texts


def straight_line(summary: analysis.TrendSummary) -> str:
    """The fitted slopes in plain words: «a straight line through the figures rises by 85 a year»."""
    parts = []
    for value, when in ((summary.pre_slope, "før 2015"), (summary.post_slope, "fra 2015")):
        if not _is_missing(value):
            direction = "stiger" if round(value) > 0 else "synker" if round(value) < 0 else "ligger flatt"
            amount = f" med {fmt.integer(abs(value))} i året" if round(value) != 0 else ""
            parts.append(f"{direction}{amount} {when}")
    if not parts:
        return ""
    return "En rett linje trukket gjennom tallene " + " og ".join(parts) + "."


# -- offline: the report's own figures, credited --------------------------------------------------------
def report_headline(report: ReportFigures, target: int) -> str:
    changes = sorted(report.changes, key=lambda c: c.year, reverse=True)
    figures = " og ".join(f"{fmt.signed(c.value)} i {c.year}" for c in changes)
    return f"Ifølge sluttrapporten (2018): {figures}, mot målet på {fmt.signed(target)} arbeidsplasser i året"


def report_trend_headline(report: ReportFigures) -> str:
    changes = sorted(report.changes, key=lambda c: c.year)
    figures = " og ".join(f"{fmt.signed(c.value)} i {c.year}" for c in changes)
    return (f"Ifølge sluttrapporten (2018): nedgangen på ca. {fmt.integer(abs(report.pre_trend_per_year))} "
            f"arbeidsplasser i året snudde til {figures}")
