"""«Regionen i landet»: what the page and its slide show (pure; tested without a UI).

The selection (the whole region or the municipalities chosen) against its county, the comparison regions
of data/region.toml and the whole country; every municipality ranked and mapped. All from ONE table:
07984 when the country has been fetched from SSB, else 11618 (2020–2022) from the offline snapshot.
"""

from __future__ import annotations

import pandas as pd

from byr_data import chart_parts, fmt, page_model, regions
from byr_data.compare import charts, model
from byr_data.page_model import Filters, Metric, PageView, Slide
from byr_data.ssb.country import CountryData

NOUNS = {"arbeidssted": "arbeidsplasser", "bosted": "sysselsatte bosatte"}
MEMBER = "I utvalget"
METHOD = ("Vekst i prosent = (antall i sluttåret − antall i basisåret) / antall i basisåret. Plass: rangert etter "
          "vekst i prosent (avrundet til én desimal), størst vekst først; lik vekst gir lik plass. En region, et fylke "
          "og et utvalg er summen av kommunene sine, og mangler tall når én av dem mangler. Fylket er de to første "
          "sifrene i kommunenummeret. Hele landet er SSBs eget tall for landet.")
PER_1000_NOTE = ("Per 1 000 innbyggere = endringen delt på befolkningen 15–74 år i basisåret (samme tabell), ganger 1 000.")
NO_POPULATION = "Tabell 07984 har ikke befolkningen, så vekst per 1 000 innbyggere vises bare med tabell 11618 (offline)."
OFFLINE_NOTE = ("Uten tall for hele landet fra SSB viser siden tabell 11618 (2020–2022) fra øyeblikksbildet, med "
                "kommunenumrene fra 2020. Tallene for landet hentes fra SSB (tabell 07984) når appen er på nett.")
RENUMBERED_NOTE = ("Disse kommunene har tall under kommunenumrene fra 2020, som ikke finnes på kartet med grensene fra "
                   "2024 (nye numre etter delingen av Viken, Vestfold og Telemark og Troms og Finnmark, og av Ålesund "
                   "og Haram). De står i rangeringen, men settes ikke på kartet uten SSBs kodeliste: ingenting kobles "
                   "på gjetning. ")
NOT_ON_MAP = "Kommuner med tall som ikke finnes på kartet (kartet har kommunegrensene fra 2024): "
WITHOUT_DATA = "På kartet uten tall for perioden (grå): "


def _pct(value: float) -> str:
    return f"{fmt.signed_decimal(value)}\u00a0%" if not pd.isna(value) else fmt.MISSING


def _source(data: CountryData, with_map: bool = False) -> str:
    line = f"Kilde: Statistisk sentralbyrå (SSB), tabell {data.table}"
    if data.offline:
        line += " (offline øyeblikksbilde, 2020–2022)"
    elif data.fetched_at is not None:
        line += f", hentet {fmt.date(data.fetched_at)}"
    return f"{line}. {charts.MAP_CREDIT}." if with_map else line


def _names(pairs) -> str:
    return ", ".join(f"{fmt.escape_markdown(name)} ({code})" for code, name in pairs)


def comparison_phrase(selection: model.Area, others: list[model.Area]) -> str:
    """«under hele landet (+8,1 %) og Hamarregionen (+3,3 %), over Innlandet (+2,4 %)»: the country first."""
    groups: dict[str, list[str]] = {"under": [], "over": [], "som": []}
    for other in sorted(others, key=lambda a: -model.KINDS.index(a.kind) if a.kind != "sammenligning" else 0):
        if pd.isna(other.percent):
            continue
        difference = round(selection.percent, 1) - round(other.percent, 1)
        word = "som" if difference == 0 else "over" if difference > 0 else "under"
        name = "hele landet" if other.kind == "landet" else other.name
        groups[word].append(f"{name} ({_pct(other.percent)})")
    parts = []
    for word, names in groups.items():
        if names:
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]
            parts.append(f"{word} {joined}")
    return ", ".join(parts)


def short_headline(selection: model.Area, noun: str, period: model.Period) -> str:
    """«Kongsvingerregionen +3,1 % arbeidsplasser 2020–2022»."""
    return f"{selection.name} {_pct(selection.percent)} {noun} {period.label}"


def headline(selection: model.Area, others: list[model.Area], noun: str, period: model.Period) -> str:
    if pd.isna(selection.percent):
        return f"{selection.name} kan ikke sammenlignes med landet for {period.label}: noen kommuner mangler tall"
    phrase = comparison_phrase(selection, others)
    return f"{short_headline(selection, noun, period)}: {phrase}" if phrase else short_headline(selection, noun, period)


def rank_sentence(table: pd.DataFrame, codes: tuple[str, ...]) -> str:
    ranked = table.dropna(subset=["plass"])
    mine = ranked[ranked["kommunenummer"].isin(codes)]
    total = len(ranked)
    if mine.empty:
        return f"Ingen av kommunene i utvalget har tall til rangeringen av {total} kommuner"
    if len(mine) == 1:
        row = mine.iloc[0]
        return f"{row['kommune']} er nr. {int(row['plass'])} av {total} kommuner etter vekst i prosent"
    best, worst = mine.iloc[0], mine.iloc[-1]
    return (f"Kommunene i utvalget ligger fra nr. {int(best['plass'])} ({best['kommune']}) til nr. "
            f"{int(worst['plass'])} ({worst['kommune']}) av {total} kommuner etter vekst i prosent")


def _growth_formats(period: model.Period) -> tuple[dict, dict]:
    formats = {"start": fmt.integer, "slutt": fmt.integer, "endring": fmt.signed, "prosent": _pct,
               "per_1000": lambda v: fmt.MISSING if pd.isna(v) else fmt.signed_decimal(v),
               "plass": lambda v: "" if pd.isna(v) else str(int(v))}
    names = {"plass": "Plass", "kommune": "Kommune", "kommunenummer": "Kommunenummer", "fylke": "Fylke",
             "start": str(period.base), "slutt": str(period.end), "endring": "Endring", "prosent": "Endring i %",
             "per_1000": "Per 1 000 innbyggere", "utvalg": MEMBER}
    return formats, names


def _block(chart, frame: pd.DataFrame, formats: dict, names: dict[str, str], name: str) -> page_model.Block:
    """A chart with its table twin: the columns in `names`, each formatted where `formats` says how."""
    return page_model.block(chart, frame, {k: f for k, f in formats.items() if k in names and k in frame}, names, name)


def _map_block(geo: charts.GeoChart, frame: pd.DataFrame, formats: dict, names: dict[str, str],
               name: str) -> page_model.Block:
    """A map with its table twin; its spec for the screen made without Altair walking the borders
    (`charts.GeoChart.spec`, set where `Block.spec` would keep it), the map kept on the block for the slide."""
    made = _block(geo.chart(), frame, formats, names, name)
    made.__dict__["spec"] = geo.spec()  # Block.spec is a cached_property: this is its value
    made.geo = geo
    return made


def page(data: CountryData, filters: Filters, region: regions.RegionSettings) -> PageView:
    codes = filters.codes or region.members
    known = data.frame.drop_duplicates("kommunenummer").set_index("kommunenummer")["kommune"].to_dict()
    name_of = lambda code: known.get(code) or regions.municipality_name(code)  # noqa: E731  (the table's own names)
    selection = (region.name if set(codes) == set(region.members) else name_of(codes[0]) if len(codes) == 1
                 else "Utvalget " + ", ".join(name_of(c) for c in codes))
    measure = filters.measure if filters.measure in NOUNS else "arbeidssted"
    noun = NOUNS[measure]
    source = _source(data)
    period = model.choose_period(model.years_with_figures(data.frame, measure), region.base_year)
    view = PageView(title=f"{selection} i landet", selection=selection, source=source)
    if period is None:
        view.missing = f"Tabell {data.table} har ikke to år med {noun} å sammenligne."
        return view
    table = model.growth(data.frame, measure, period, data.population)
    table["utvalg"] = table["kommunenummer"].isin(codes).map({True: "ja", False: ""})
    found = model.areas(data.frame, codes, selection, region, measure, period, data.population)
    view.title = headline(found[0], found[1:], noun, period)
    members = set(codes)
    member_names = ", ".join(name_of(c) for c in codes)
    view.context = (f"Endring i {noun} fra {period.base} til {period.end} i alle {int(table['plass'].notna().sum())} "
                    f"kommuner med tall. {selection}: {member_names}. {rank_sentence(table, codes)}.")
    if period.base != region.base_year:
        view.context += (f" Basisåret {region.base_year} finnes ikke i tabell {data.table}"
                         f"{' på samme side av bruddet i 2014/15' if region.base_year <= 2014 else ''}; "
                         f"sammenligningen starter i {period.base}.")
    if found[0].lacking:
        view.missing = (f"Tabell {data.table} mangler tall for {period.base} eller {period.end} for "
                        f"{', '.join(name_of(c) for c in found[0].lacking)}"
                        + (" (nytt kommunenummer i 2024)." if data.offline else "."))
    view.metrics = [Metric(a.name, _pct(a.percent), fmt.signed(a.change) if not pd.isna(a.change) else None,
                           0 if pd.isna(a.change) or round(a.change) == 0 else (1 if a.change > 0 else -1))
                    for a in found[:5]]
    formats, names = _growth_formats(period)
    areas = model.areas_table(found)
    areas["tekst"] = areas["prosent"].map(_pct)
    per = {} if data.population is None else {"per_1000": "Per 1 000 innbyggere"}
    view.blocks.append(_block(
        charts.areas_chart(areas, f"Vekst i {noun} {period.label}: {selection}, fylket, sammenligningsregionene og landet",
                           source),
        areas, {**formats, "kommuner": lambda v: "" if pd.isna(v) else str(int(v))},
        {"omraade": "Område", "kommuner": "Kommuner", "start": str(period.base), "slutt": str(period.end),
         "endring": "Endring", "prosent": "Endring i %", **per}, "landet-omraader"))
    ranking_names = {k: v for k, v in names.items() if k != "kommunenummer" and (k != "per_1000" or per)}
    view.blocks.append(_block(
        charts.ranking_chart(table, members, f"{rank_sentence(table, codes)}", source, period.label),
        table, formats, ranking_names, "landet-rangering"))
    shapes = charts.features()
    map_names = {f["properties"]["kommunenummer"]: f["properties"]["kommunenavn"] for f in shapes}
    on_map = pd.DataFrame({"kommunenummer": list(map_names), "kommune": list(map_names.values())}).merge(
        table[["kommunenummer", "prosent", "plass", "utvalg"]], on="kommunenummer", how="left")
    on_map["utvalg"] = on_map["kommunenummer"].isin(codes).map({True: "ja", False: ""})
    map_source = _source(data, with_map=True)
    country_map = charts.country_map(table, members, f"Kart: endring i {noun} {period.label} i hver kommune, "
                                     f"{selection} med svart omriss", map_source, period.label, shapes)
    view.blocks.append(_map_block(country_map, on_map, formats, {
        "kommunenummer": "Kommunenummer", "kommune": "Kommune", "prosent": "Endring i %", "plass": "Plass",
        "utvalg": MEMBER}, "landet-kart"))
    mine = table[table["kommunenummer"].isin(codes)]
    region_map = charts.region_map(table, members, f"{selection}: endring i {noun} {period.label} i hver kommune",
                                   map_source, period.label, charts.features())
    view.blocks.append(_map_block(region_map, mine, formats,
                                  {k: v for k, v in ranking_names.items() if k not in ("fylke", "utvalg")},
                                  "landet-regionkart"))
    view.texts += unmatched_texts(model.unmatched(table, map_names), data.offline)
    view.texts += [f"**Slik er det regnet.** {METHOD} {PER_1000_NOTE if per else NO_POPULATION}"]
    if data.offline:
        view.texts.append(OFFLINE_NOTE)
    view.texts += [fmt.escape_markdown(note) for note in data.notes]
    return view


def unmatched_texts(found: model.Unmatched, offline: bool) -> list[str]:
    texts = []
    if found.not_on_map:
        texts.append((RENUMBERED_NOTE if offline else NOT_ON_MAP) + _names(found.not_on_map) + ".")
    if found.without_data:
        texts.append(WITHOUT_DATA + _names(found.without_data) + ".")
    return texts


class CountrySlide:
    """The slide, built from the country's own cached data, handed to the cached presentation builder:
    the cache knows it by `key` (the country's data version and the filters), never by its chart."""

    def __init__(self, key: tuple, slide: Slide):
        self.key, self.slide = key, slide

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other) -> bool:
        return isinstance(other, CountrySlide) and other.key == self.key


def slide(data: CountryData, filters: Filters, region: regions.RegionSettings) -> Slide:
    """«Regionen i landet»: the headline, the map of Norway, and the members' ranks."""
    view = page(data, filters, region)
    if view.missing and not view.blocks:
        return Slide("Regionen i landet", view.missing, source=view.source)
    ranking = view.blocks[1].data
    mine = ranking[(ranking[MEMBER] == "ja") & ranking["Plass"].notna()]
    ranks = ", ".join(f"{row['Kommune']} {int(row['Plass'])}" for _, row in mine.iterrows())
    detail = f"Plass blant {int(ranking['Plass'].notna().sum())} kommuner etter vekst i prosent: {ranks}." if ranks else ""
    message, _, phrase = view.title.partition(": ")  # the short finding large, the comparisons beneath
    detail = f"{phrase[0].upper()}{phrase[1:]}. {detail}" if phrase and not view.missing else detail
    geo = view.blocks[2].geo
    made = Slide("Regionen i landet", message if phrase else view.title, detail=detail.strip(),
                 chart=chart_parts.for_slide(geo.chart()), source=_source(data, with_map=True))
    made.__dict__["spec"] = geo.spec(chart_parts.for_slide)  # as for the page's map (see _map_block)
    return made
