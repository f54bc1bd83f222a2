"""Chart blocks the job pages share, with data and offline: the yearly change (against the target where it
applies) and each municipality's contribution, each with its table twin (pure)."""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, fmt, page_model
from byr_data.jobs import charts, story
from byr_data.jobs.selection import in_range
from byr_data.page_model import Block, Filters

OVERVIEW_CHART_HEIGHT = 290  # Oversikt: headline, metrics and its chart fit above the fold at 1280×720


def change_block(level: pd.Series, filters: Filters, source: str, title: str, label: str,
                 target: float | None, name: str = "arlig-endring") -> Block:
    """The yearly change of `level` in the chosen years; the target line only when given."""
    yearly = in_range(analysis.yearly_table(level, 3 if filters.rolling else None), filters.years)
    smoothing = " (3-års glidende snitt)" if filters.rolling else ""
    chart = charts.change_chart(yearly, title + smoothing, source, target, f"Endring i {label.lower()}{smoothing}")
    return page_model.block(chart, yearly, {"aar": fmt.year, "niva": fmt.integer, "endring": fmt.signed,
                                            "brudd": lambda b: "brudd i statistikken – ikke en endring" if b else ""},
                            {"aar": "År", "niva": label, "endring": f"Endring{smoothing}",
                             "brudd": "Brudd i statistikken"}, name)


def contribution_block(wide: pd.DataFrame, level: pd.Series, years: tuple[int, int] | None, source: str,
                       target: float | None, name: str = "bidrag") -> Block | None:
    """Each municipality's change per year with the selection's net change; None for one municipality."""
    contrib = in_range(analysis.contributions(wide), years)
    net = in_range(pd.DataFrame({"aar": level.index.astype(int), "endring": analysis.changes(level).to_numpy()}), years)
    if wide.shape[1] < 2 or not contrib["endring"].notna().any():
        return None
    latest = contrib[contrib["aar"] == contrib.dropna(subset=["endring"])["aar"].max()]
    title = contribution_title(int(latest["aar"].iloc[0]), latest.set_index("kommune")["endring"])
    chart = charts.contribution_chart(contrib, net, title, source, target)
    return page_model.block(chart, contrib, {"aar": fmt.year, "endring": fmt.signed, "andel": share_text,
                                             "brudd": lambda b: "brudd – ikke en endring" if b else ""},
                            {"aar": "År", "kommunenummer": "Kommunenummer", "kommune": "Kommune",
                             "endring": "Endring", "andel": "Andel av veksten", "brudd": "Brudd i statistikken"}, name)


def _who(names: list[str]) -> str:
    """«Grue», «Grue og Åsnes», «Eidskog, Grue og Åsnes», «fem kommuner»."""
    if len(names) > 3:
        return f"{story.NUMBER_WORDS.get(len(names), str(len(names)))} kommuner"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} og {names[-1]}"


def contribution_title(year: int, changes: pd.Series) -> str:
    """Who contributed most and least in `year` (changes by municipality name), ties named together:
    «2025: Kongsvinger bidro mest (+60), fem kommuner minst (+10 hver)»."""
    rounded = changes.dropna().round()
    top, bottom = rounded.max(), rounded.min()
    best, worst = list(rounded[rounded == top].index), list(rounded[rounded == bottom].index)
    if top == bottom:
        return f"{year}: alle kommunene endret seg like mye ({fmt.signed(top)} hver)"
    return (f"{year}: {_who(best)} bidro mest ({fmt.signed(top)}{_each(best)}), "
            f"{_who(worst)} minst ({fmt.signed(bottom)}{_each(worst)})")


def _each(names: list[str]) -> str:
    return " hver" if len(names) > 1 else ""


def share_text(value: float) -> str:
    """A share of the region's growth; none when the region did not grow (not a percentage then)."""
    return "–" if pd.isna(value) else fmt.percent(value, 0)
