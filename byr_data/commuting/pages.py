"""«Arbeidsmarkedet»: is the region one labour market? The page's builder (`page`), its slide (`slides`),
and the jobs per employed resident from table 07984 (`jobs_ratio`), never mixed with 03321 in a figure.

Pure: the flows of SSB table 03321 (`ssb.table_03321.FLOWS`) and the filters in, a `PageView` out."""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, chart_parts, fmt, regions
from byr_data.commuting import charts, model
from byr_data.page_model import Block, Filters, Metric, PageView, Slide, block

CREDIT = "Kilde: Statistisk sentralbyrå (SSB), tabell 03321"
CREDIT_07984 = "Kilde: Statistisk sentralbyrå (SSB), tabell 07984"
DEFINITION = ("Slik regnes andelen: de som både bor og jobber i {area_def}, også de som jobber i kommunen de bor i, "
              "delt på alle sysselsatte som bor i {area}, begge deler fra SSB-tabell 03321 samme år.")
PERSONS_NOTE = ("Tallene er personer (sysselsatte 15–74 år i 4. kvartal) etter bosted og arbeidssted, ikke "
                "arbeidsplasser. SSB regner noen grupper som sysselsatte der de bor; se «Data og kilder».")
MISSING = "Pendlingstallene (SSB-tabell 03321) mangler tall for {names} i årene som er valgt."
# Said once, on «Data og kilder» (our own words about SSB's documented practice).
WHERE_THEY_LIVE = ("I pendlingstallene (SSB-tabell 03321) regner SSB noen grupper som sysselsatte i kommunen der de "
                   "bor, fordi arbeidsstedet ikke er kjent eller ikke ligger fast: blant annet selvstendig "
                   "næringsdrivende uten organisasjonsnummer, sjøfolk og ansatte i Forsvaret. Derfor er andelen som "
                   "jobber i bostedskommunen litt høyere enn den ellers ville vært. Tabellen har et brudd mellom 2014 "
                   "og 2015 (a-ordningen), som sysselsettingstallene; endringer over bruddet sammenlignes ikke.")


def source_line(provenance) -> str:
    """The credit every commuting chart and export carries (CC BY 4.0)."""
    if provenance.source == "snapshot":
        return f"{CREDIT} – offline øyeblikksbilde (2017–2022)"
    return f"{CREDIT}, hentet {fmt.date(provenance.fetched_at)}"


def _percent(share: float) -> str:
    return fmt.percent(share * 100)


def _words(codes, region: regions.RegionSettings) -> tuple[str, str, str]:
    """The selection's name, and how to say «inside it» (short form, definite form)."""
    name = regions.selection_name(codes, region)
    if name != region.name and len(codes) > 1:  # «Grue og Åsnes» rather than «Utvalget Grue, Åsnes»
        names = [regions.municipality_name(c) for c in codes]
        name = f"{', '.join(names[:-1])} og {names[-1]}"
    if len(codes) == 1:
        return name, "bostedskommunen", "samme kommune"
    if name == region.name:
        return name, "regionen", "en av regionens kommuner"
    return name, "utvalget", "en av kommunene i utvalget"


def trend_sentence(share: pd.DataFrame, year: int) -> str:
    """The share's change since the first year on the same side of the 2014/15 break."""
    valid = share.dropna(subset=["andel"]).set_index("aar")["andel"]
    same_side = [y for y in valid.index if (y > analysis.BREAK_AFTER) == (year > analysis.BREAK_AFTER)]
    first = min(same_side) if same_side else year
    if first == year:
        return f"Bare {year} har tall for dette utvalget."
    change = (valid[year] - valid[first]) * 100
    direction = "opp" if round(change, 1) > 0 else "ned" if round(change, 1) < 0 else "uendret"
    size = "" if direction == "uendret" else f" {fmt.decimal(abs(change))} prosentpoeng"
    return f"Andelen var {_percent(valid[first])} i {first}: {direction}{size} til {year}."


def page(flows: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str) -> PageView:
    """The internal share with its trend as the headline, then the matrix, the split, places outside and net."""
    codes = list(filters.codes)
    name, area, area_def = _words(codes, region)
    year = model.latest_year(flows, codes, filters.years)
    if year is None:
        absent = [c for c in codes if model.latest_year(flows, [c], filters.years) is None] or codes
        return PageView(f"Pendling for {name}: mangler tall", name, source,
                        missing=MISSING.format(names=", ".join(regions.municipality_name(c) for c in absent)))
    share = model.internal_share(flows, codes)
    if filters.years:
        share = share[share["aar"].between(*filters.years)]
    latest = share.set_index("aar").loc[year]
    title = f"{_percent(latest['andel'])} av de sysselsatte som bor i {name}, jobber i {area} ({year})"
    outside = latest["bosatte"] - latest["innenfor"]
    net = model.net_commuting(flows, codes, year, f"Hele {area}" if len(codes) > 1 else "")
    metrics = [Metric(f"Jobber i {area} ({year})", _percent(latest["andel"])),
               Metric(f"Jobber utenfor {area} ({year})", fmt.integer(outside))]
    if len(net):
        metrics.append(Metric(f"Netto innpendling til {area} ({year})", fmt.signed(net["netto"].iloc[-1])))
    view = PageView(title, name, source, context=trend_sentence(share, year), metrics=metrics,
                    texts=[DEFINITION.format(area=area, area_def=area_def), PERSONS_NOTE])
    view.blocks.append(share_block(share, name, area, source))
    if len(codes) > 1:
        view.blocks.append(matrix_block(model.matrix(flows, codes, year), name, year, source))
        view.blocks.append(split_block(model.split(flows, codes, year), year, area, source))
    view.blocks.extend(places_blocks(flows, codes, year, area, source))
    view.blocks.append(net_block(net, year, source))
    return view


def share_block(share: pd.DataFrame, name: str, area: str, source: str) -> Block:
    shown = share.assign(tekst=share["andel"].map(_percent))
    title = f"Andelen av de sysselsatte bosatte i {name} som jobber i {area}, per år"
    return block(charts.share_chart(shown, title, source), shown,
                 {"aar": fmt.year, "innenfor": fmt.integer, "bosatte": fmt.integer, "tekst": str},
                 {"aar": "År", "innenfor": f"Bor og jobber i {area}", "bosatte": "Sysselsatte bosatte", "tekst": "Andel"},
                 "pendling-andel")


def matrix_block(matrix: pd.DataFrame, name: str, year: int, source: str, height: int | None = None) -> Block:
    shown = matrix.assign(tekst=matrix["sysselsatte"].map(fmt.integer))
    title = f"Hvor de sysselsatte i {name} bor og jobber ({year}): antall personer, farget etter andel av de bosatte"
    return block(charts.matrix_chart(shown, title, source, height), shown,
                 {"bosted_navn": str, "arbeidssted_navn": str, "tekst": str, "andel": lambda v: _percent(v)},
                 {"bosted_navn": "Bor i", "arbeidssted_navn": "Jobber i", "tekst": "Sysselsatte",
                  "andel": "Andel av de bosatte"}, "pendling-matrise")


def split_block(parts: pd.DataFrame, year: int, area: str, source: str) -> Block:
    shown = parts.assign(tekst=parts["sysselsatte"].map(fmt.integer))
    title = f"Hver kommune: jobber i bostedskommunen, ellers i {area} eller utenfor ({year})"
    return block(charts.split_chart(shown, title, source), shown,
                 {"bosted_navn": str, "sted": str, "tekst": str, "andel": lambda v: _percent(v)},
                 {"bosted_navn": "Bor i", "sted": "Jobber", "tekst": "Sysselsatte", "andel": "Andel"}, "pendling-fordeling")


def places_blocks(flows: pd.DataFrame, codes, year: int, area: str, source: str) -> list[Block]:
    """The largest places of work outside the selection, and where those who commute in live."""
    result = []
    for frame, title, axis, name in (
        (model.outside_destinations(flows, codes, year), f"De største arbeidsstedene utenfor {area} ({year})",
         "Sysselsatte som pendler ut", "pendling-ut"),
        (model.inbound_origins(flows, codes, year), f"Der de som pendler inn til {area} bor ({year})",
         "Sysselsatte som pendler inn", "pendling-inn"),
    ):
        if frame.empty:
            continue
        shown = frame.assign(tekst=frame["sysselsatte"].map(fmt.integer))
        result.append(block(charts.places_chart(shown, title, source, axis), shown,
                            {"kommune": str, "tekst": str}, {"kommune": "Kommune", "tekst": "Sysselsatte"}, name))
    return result


def net_block(net: pd.DataFrame, year: int, source: str) -> Block:
    shown = net.assign(tekst=net["netto"].map(fmt.signed),
                       retning=net["netto"].map(lambda v: "Netto innpendling" if v >= 0 else "Netto utpendling"))
    title = f"Netto pendling: de som pendler inn minus de som pendler ut ({year})"
    return block(charts.net_chart(shown, title, source), shown,
                 {"kommune": str, "inn": fmt.integer, "ut": fmt.integer, "tekst": str},
                 {"kommune": "Kommune", "inn": "Pendler inn", "ut": "Pendler ut", "tekst": "Netto"}, "pendling-netto")


def jobs_ratio(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings) -> pd.DataFrame | None:
    """Jobs per employed resident from table 07984 (the shown 07984 data, only when fetched from SSB), as a
    table for the page; None when the data have no 07984 jobs series (offline)."""
    codes = list(filters.codes)
    ratio = model.jobs_per_resident(frame, codes, f"Hele {_words(codes, region)[1]}")
    if ratio.empty:
        return None
    return pd.DataFrame({"År": ratio["aar"].map(fmt.year), "Kommune": ratio["kommune"],
                         "Arbeidsplasser": ratio["arbeidssted"].map(fmt.integer),
                         "Sysselsatte bosatte": ratio["bosted"].map(fmt.integer),
                         "Arbeidsplasser per sysselsatt bosatt": ratio["forhold"].map(lambda v: fmt.decimal(v, 2))})


def slides(flows: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str) -> list[Slide]:
    """«Ett arbeidsmarked?»: the internal share as the message, the matrix as the proof."""
    view = page(flows, filters, region, source)
    if view.missing:
        return [Slide("Ett arbeidsmarked?", view.title, view.missing, source=source)]
    matrix = next((b for b in view.blocks if b.name == "pendling-matrise"), None)
    chart = chart_parts.for_slide(matrix.chart) if matrix is not None else None
    # Shorter than the page's headline, without the region's long name (it would break mid-word on a phone).
    year = model.latest_year(flows, list(filters.codes), filters.years)
    area = "kommunen" if len(filters.codes) == 1 else _words(list(filters.codes), region)[1]
    message = f"{view.metrics[0].value} av de sysselsatte som bor i {area}, jobber der ({year})"
    return [Slide("Ett arbeidsmarked?", message, f"{view.selection}. {view.context}", chart, source=source)]
