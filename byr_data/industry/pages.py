"""«Næringer og landet»: what the page and its slides show, from `industry.model` and `industry.charts`.

Pure, so it is tested without a UI. Always jobs by workplace, whatever measure the sidebar shows.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import pandas as pd

from byr_data import analysis, chart_parts, fmt, page_model, regions
from byr_data.industry import charts as industry_charts, model as industry

MEASURE_NOTE = ("Siden bruker alltid arbeidsplasser (sysselsatte etter arbeidssted), uansett hvilket mål som er "
                "valgt i menyen.")
OFFLINE = ("Etter en oppdatering fra SSB under «Data og kilder» viser siden arbeidsplassene i hver næring, "
           "utviklingen mot hele landet og hvor mye av endringen som skyldes landet, bransjene og lokale forhold; "
           "dataene som vises nå, har ikke arbeidsplasser fordelt på næring.")
NO_SECTIONS = ("Arbeidsplasser fordelt på næring mangler i dataene som vises; etter en oppdatering fra SSB under "
               "«Data og kilder» viser siden også endringen i hver næring og hvor mye av endringen som skyldes "
               "landet, bransjene og lokale forhold.")
NO_PERIOD = ("Velg minst to år med tall på samme side av bruddet i statistikken 2014/15 (f.eks. 2015–2025) for "
             "å sammenligne med landet.")
METHOD = (
    "Metoden er klassisk skift-andel-analyse (shift-share), slik regionale analytikere i Norge bruker den. "
    "Endringen deles i tre deler som til sammen er nøyaktig den faktiske endringen: "
    "**som landet** – endringen hvis hver næring her hadde vokst like mye som sysselsettingen i hele landet; "
    "**bransjeeffekt** – det næringssammensetningen ga, fordi noen næringer vokser og andre krymper i hele landet; "
    "**lokal effekt / attraktivitet** – resten: hvor mye bedre eller dårligere næringene her gikk enn de samme "
    "næringene i landet. Den lokale effekten er den delen regionens egen innsats kan påvirke, men den fanger også "
    "opp alt annet lokalt. Dette er en dekomponering, ikke bevis for årsak: den viser hvor endringen kom, ikke hvorfor."
)
LQ_NOTE = ("Lokaliseringskvotient = næringens andel av arbeidsplassene her delt på andelen i hele landet. Over 1: "
           "næringen er større her enn i landet; under 1: mindre. 1,5 betyr at andelen er halvannen gang landets.")
ROLLING_NOTE = ("3-års glidende snitt: hvert år er snittet av tre år, aldri over bruddet 2014/15, så perioden "
                "starter tidligst to år etter et brudd eller etter første år med tall.")
SLIDE_SECTIONS = 6  # bars on the industries slide
EFFECT_NAMES = {"landet": "Som landet", "bransje": "Bransjeeffekt", "lokal": "Lokal effekt"}


@dataclass
class IndustryPage:
    title: str
    selection: str
    source: str
    headline: str | None = None  # the finding, in one line
    missing: str | None = None  # why (some of) it cannot be shown, in one sentence
    notes: list[str] = field(default_factory=list)  # measure, period, smoothing
    parts: list[page_model.PageView] = field(default_factory=list)
    split: industry.Split | None = None  # the shift-share of the period, when there are industry figures


@dataclass(frozen=True)
class Inputs:
    """What every part needs: the selection and Norway for the period, grouped when sections exist."""

    selection: str
    local: industry.Area
    nation: industry.Area
    period: industry.Period | None
    grouped: industry.Grouped | None
    level: str  # which NACE level, in words


def inputs(frame: pd.DataFrame, filters: page_model.Filters, region: regions.RegionSettings) -> Inputs:
    sections = industry.section_codes(frame)
    selection = regions.selection_name(filters.codes, region)
    local = industry.area(frame, filters.codes, sections, selection)
    nation = industry.area(frame, (regions.NORWAY,), sections, regions.municipality_name(regions.NORWAY))
    if filters.rolling:
        local, nation = industry.smoothed(local), industry.smoothed(nation)
    both = local.total.dropna().index.intersection(nation.total.dropna().index)
    period = industry.choose_period(both, filters.years)
    grouped = None
    if period is not None and sections and local.levels.loc[period.years, sections].notna().any().any():
        grouped = industry.group_sections(local, nation, period, industry.section_labels(frame))
        if list(grouped.local.columns) == [industry.OTHER]:  # no section to show: nothing to split
            grouped = None
    stated = [code for code in sections if code != industry.UNKNOWN]
    level = (f"de {len(stated)} næringsgruppene (SN2007) SSB oppgir for kommunene i tabell 07984 – det fineste "
             "nivået tabellen har" if stated else "")
    return Inputs(selection, local, nation, period, grouped, level)


def _parts(split: industry.Split) -> dict[str, int]:
    """The three effects and the actual change as whole numbers that add up as shown."""
    national, mix, local = industry.rounded_parts([split.national, split.mix, split.local], split.actual)
    return {"landet": national, "bransje": mix, "lokal": local, "faktisk": national + mix + local}


def identity(parts: dict[str, int]) -> str:
    """The sum in one line: «+1 585 som landet − 113 bransjeeffekt − 372 lokal effekt = +1 100 faktisk endring»."""
    return (f"**{fmt.signed(parts['landet'])}** som landet **{_plus(parts['bransje'])}** bransjeeffekt "
            f"**{_plus(parts['lokal'])}** lokal effekt = **{fmt.signed(parts['faktisk'])}** faktisk endring")


def headline(split: industry.Split) -> str:
    parts = _parts(split)
    return (f"{split.start}–{split.end}: lokal effekt {fmt.signed(parts['lokal'])} av endringen "
            f"{fmt.signed(parts['faktisk'])} arbeidsplasser")


def page(frame: pd.DataFrame, filters: page_model.Filters, region: regions.RegionSettings, source: str) -> IndustryPage:
    data = inputs(frame, filters, region)
    view = IndustryPage(title=f"Næringer og landet: {data.selection}", selection=data.selection, source=source)
    if data.local.total.notna().sum() < analysis.MIN_YEARS or data.nation.total.notna().sum() < analysis.MIN_YEARS:
        view.missing = OFFLINE
        return view
    view.notes.append(MEASURE_NOTE)
    if data.period is None:
        view.missing = NO_PERIOD + (" Med 3-års glidende snitt finnes tall først to år etter bruddet (2017) "
                                    "eller etter det første året med tall (2010)." if filters.rolling else "")
        return view
    view.notes += list(data.period.notes)
    if filters.rolling:
        view.notes.append(ROLLING_NOTE)
    country = _country_part(data, source, filters.rolling)
    if data.grouped is None:
        view.missing = NO_SECTIONS
        view.headline = country.texts[0]
        view.parts.append(country)
        return view
    split = view.split = industry.shift_share(data.grouped, data.period.start, data.period.end)
    view.headline = headline(split)
    view.parts += [*_split_part(data, split, source, filters.rolling), _sections_part(data, split, source), country]
    return view


# -- the parts -------------------------------------------------------------------------------------
def _smoothing(rolling: bool) -> str:
    return " (3-års glidende snitt)" if rolling else ""


def _split_steps(parts: dict[str, int]) -> pd.DataFrame:
    rows, running = [], 0
    for key in ("landet", "bransje", "lokal"):
        rows.append({"komponent": EFFECT_NAMES[key], "fra": running, "til": running + parts[key], "verdi": parts[key]})
        running += parts[key]
    rows.append({"komponent": "Faktisk endring", "fra": 0, "til": parts["faktisk"], "verdi": parts["faktisk"]})
    steps = pd.DataFrame(rows)
    steps["tekst"] = steps["verdi"].map(fmt.signed)
    return steps


def _split_part(data: Inputs, split: industry.Split, source: str, rolling: bool) -> list[page_model.PageView]:
    """The finding's proof first (figures and waterfall, no heading), then how it is split, year by year."""
    grouped, period = data.grouped, data.period
    parts = _parts(split)
    proof = page_model.PageView(title="", selection=data.selection, source=source)
    proof.texts.append(identity(parts))
    chart = industry_charts.shift_share_chart(_split_steps(parts), headline(split) + _smoothing(rolling), source)
    table = split.table.copy()
    total = table[["start", "slutt", "endring", "landet", "bransje", "lokal"]].sum()
    table.loc[len(table)] = {**total.to_dict(), "naering": "", "naering_tekst": "Sum (= totalen)",
                             "vekst_her": split.growth_local * 100, "vekst_landet": split.growth_country * 100}
    names = {"naering_tekst": "Næring", "start": str(period.start), "slutt": str(period.end), "endring": "Endring",
             "vekst_her": "Vekst her (%)", "vekst_landet": "Vekst i landet (%)", "landet": "Som landet",
             "bransje": "Bransjeeffekt", "lokal": "Lokal effekt"}
    formats = {"start": fmt.integer, "slutt": fmt.integer, "endring": fmt.signed, "vekst_her": fmt.signed_decimal,
               "vekst_landet": fmt.signed_decimal, "landet": fmt.signed_decimal, "bransje": fmt.signed_decimal,
               "lokal": fmt.signed_decimal}
    # The page's headline right above is this chart's finding: no second heading with the same words
    # (the chart keeps it as its description and in its PNG).
    proof.blocks.append(dataclasses.replace(page_model.block(chart, table, formats, names, "skiftandel"), title=""))

    view = page_model.PageView(title="Hvorfor endret arbeidsplassene seg?", selection=data.selection, source=source)
    view.texts.append(
        f"{data.selection} endret seg med {fmt.signed(parts['faktisk'])} arbeidsplasser i {period.label} "
        f"({_percent(split.growth_local * 100)}). Hvis hver næring hadde vokst som sysselsettingen i hele "
        f"landet ({_percent(split.growth_country * 100)}), ville endringen vært "
        f"{fmt.signed(parts['landet'])}. Næringssammensetningen ga {fmt.signed(parts['bransje'])}, og den lokale "
        f"effekten (det som er igjen) {fmt.signed(parts['lokal'])}: {fmt.signed(parts['landet'])} "
        f"{_plus(parts['bransje'])} {_plus(parts['lokal'])} = {fmt.signed(parts['faktisk'])}."
    )
    view.texts.append(METHOD)
    view.texts.append(f"Næringene er {data.level}. " + _merged_text(grouped, period))
    yearly = industry.dynamic_shift_share(grouped)
    if len(yearly) > 1:
        sums = yearly[["faktisk", "landet", "bransje", "lokal"]].sum()
        national, mix, local = industry.rounded_parts([sums["landet"], sums["bransje"], sums["lokal"]], sums["faktisk"])
        title = (f"År for år: lokal effekt {fmt.signed(local)}, bransjeeffekt {fmt.signed(mix)}, "
                 f"som landet {fmt.signed(national)}{_smoothing(rolling)}")
        chart = industry_charts.shift_share_years_chart(yearly, title, source)
        view.blocks.append(page_model.block(
            chart, yearly, {"aar": fmt.year, "faktisk": fmt.signed, "landet": fmt.signed_decimal,
                            "bransje": fmt.signed_decimal, "lokal": fmt.signed_decimal},
            {"aar": "År", "faktisk": "Faktisk endring", "landet": "Som landet", "bransje": "Bransjeeffekt",
             "lokal": "Lokal effekt"}, "skiftandel-aar"))
        view.texts.append(
            "År for år (dynamisk skift-andel): hvert års endring deles opp med året før som utgangspunkt, og delene "
            f"summeres. Summen er den samme faktiske endringen, {fmt.signed(national + mix + local)}, men fordelingen "
            "kan avvike noe fra beregningen over hele perioden fordi næringene og landet endrer seg underveis. "
            "Endringen fra 2014 til 2015 (bruddet) er aldri med.")
    return [proof, view]


def _plus(value: int) -> str:
    """A term in a shown sum: «+ 12» or «− 12»."""
    return f"+ {fmt.integer(value)}" if value >= 0 else f"{fmt.MINUS} {fmt.integer(-value)}"


def _merged_text(grouped: industry.Grouped, period: industry.Period) -> str:
    """What «Andre/uoppgitt» holds, and the part of the total that is on no section: never hidden."""
    if not grouped.merged:
        text = f"«{industry.OTHER_LABEL}» er differansen mellom totalen og næringene som vises."
    else:
        listed = "; ".join(f"{fmt.escape_markdown(m.label)} ({fmt.escape_markdown(m.reason)})" for m in grouped.merged)
        text = (f"«{industry.OTHER_LABEL}» er totalen minus næringene som vises, og samler: {listed}. Næringer med "
                f"færre enn {industry.SMALL_SECTION} arbeidsplasser svinger mye og slås derfor sammen.")
    rest = grouped.unassigned.get(period.end)
    if rest is not None and pd.notna(rest):
        text += (f" Arbeidsplasser i {period.end} som ikke står på noen næring i SSBs tall (skjult eller mangler): "
                 f"{fmt.integer(rest)}.")
    return text


def _sections_part(data: Inputs, split: industry.Split, source: str) -> page_model.PageView:
    period, grouped = data.period, data.grouped
    view = page_model.PageView(title="Næringene", selection=data.selection, source=source)
    table = split.table[["naering", "naering_tekst", "start", "slutt", "endring"]].copy()
    table["tekst"] = table["endring"].map(fmt.signed)
    table["merknad"] = table["naering"].map(lambda code: _status_note(grouped, code))
    ranked = table[table["naering"] != industry.OTHER].sort_values("endring", ascending=False)
    gains, losses = ranked[ranked["endring"].round() > 0], ranked[ranked["endring"].round() < 0].iloc[::-1]
    words = ", ".join(f"{row.naering_tekst} {fmt.signed(row.endring)}"
                      for row in list(gains.head(1).itertuples()) + list(losses.head(1).itertuples()))
    title = f"{period.label}: {words}" if words else f"{period.label}: ingen næring endret seg"
    view.texts.append(
        f"Størst vekst: {_listing(gains)}. Størst nedgang: {_listing(losses)}. "
        f"«{industry.OTHER_LABEL}» endret seg med {fmt.signed(table.set_index('naering')['endring'][industry.OTHER])}.")
    chart = industry_charts.section_change_chart(table, title, source)
    view.blocks.append(page_model.block(
        chart, table, {"start": fmt.integer, "slutt": fmt.integer, "endring": fmt.signed},
        {"naering_tekst": "Næring", "start": str(period.start), "slutt": str(period.end), "endring": "Endring",
         "merknad": "Merknad fra SSB"}, "naeringer-endring"))

    quotients = industry.location_quotients(grouped, period.end)
    shown = quotients[quotients["naering"] != industry.OTHER]
    if shown["kvotient"].notna().any():
        top = shown.loc[shown["kvotient"].idxmax()]
        title = (f"{period.end}: {top['naering_tekst']} har størst overvekt her – "
                 f"{fmt.decimal(top['kvotient'])} × andelen i landet")
        chart = industry_charts.location_quotient_chart(shown, title, source)
        view.blocks.append(page_model.block(
            chart, quotients, {"antall": fmt.integer, "andel_her": fmt.decimal, "andel_landet": fmt.decimal,
                               "kvotient": lambda v: fmt.decimal(v, 2)},
            {"naering_tekst": "Næring", "antall": f"Arbeidsplasser {period.end}", "andel_her": "Andel her (%)",
             "andel_landet": "Andel i landet (%)", "kvotient": "Lokaliseringskvotient"}, "naeringer-kvotient"))
        view.texts.append(LQ_NOTE)
    return view


def _listing(rows: pd.DataFrame) -> str:
    if rows.empty:
        return "ingen"
    return ", ".join(f"{fmt.escape_markdown(row.naering_tekst)} {fmt.signed(row.endring)}" for row in rows.head(3).itertuples())


def _status_note(grouped: industry.Grouped, code: str) -> str:
    if code == industry.OTHER:
        return "Samler: " + ", ".join(m.label for m in grouped.merged) if grouped.merged else ""
    return industry.status_meaning(grouped.status.get(code, ""))


def _country_part(data: Inputs, source: str, rolling: bool) -> page_model.PageView:
    period = data.period
    view = page_model.PageView(title="Mot hele landet", selection=data.selection, source=source)
    long, yearly, overall = industry.versus_country(data.local.total, data.nation.total, period, data.selection)
    end = long[long["aar"] == period.end].set_index("serie")["verdi"]
    country = regions.municipality_name(regions.NORWAY)
    view.texts.append(
        f"{period.label}: {data.selection} {_growth_words(end.get(data.selection))}, hele landet "
        f"{_growth_words(end.get(country))} – relativ vekst {fmt.signed_decimal(overall)} prosentpoeng.")
    view.texts.append("Relativ vekst = vår vekst minus landets vekst, i prosentpoeng. Over null: vi vokste raskere "
                      "enn landet; under null: saktere.")
    y_title = f"Indeks ({period.start} = 100)"
    title = (f"Indeks {period.start} = 100: {data.selection} {fmt.decimal(end.get(data.selection))}, "
             f"hele landet {fmt.decimal(end.get(country))} i {period.end}{_smoothing(rolling)}")
    chart = industry_charts.versus_country_chart(long, title, source, y_title)
    view.blocks.append(page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.decimal},
                                    {"aar": "År", "serie": "Serie", "verdi": y_title}, "landet-indeks"))
    counted = yearly.dropna(subset=["relativ"])
    if len(counted):
        faster = int((counted["relativ"] > 0).sum())
        title = f"Raskere vekst enn landet i {faster} av {len(counted)} år ({period.label}){_smoothing(rolling)}"
        chart = industry_charts.relative_growth_chart(yearly, title, source)
        view.blocks.append(page_model.block(
            chart, yearly, {"aar": fmt.year, "vekst_her": fmt.signed_decimal, "vekst_landet": fmt.signed_decimal,
                            "relativ": fmt.signed_decimal},
            {"aar": "År", "vekst_her": "Vekst her (%)", "vekst_landet": "Vekst i landet (%)",
             "relativ": "Relativ vekst (prosentpoeng)"}, "landet-relativ"))
    return view


def _growth_words(index_value) -> str:
    if index_value is None or pd.isna(index_value):
        return fmt.MISSING
    return _percent(index_value - 100)


def _percent(value: float) -> str:
    """A growth in percent: «+5,1 %» (no-break space)."""
    return f"{fmt.signed_decimal(value)}\u00a0%"


# -- presentation ----------------------------------------------------------------------------------
def slides(frame: pd.DataFrame, filters: page_model.Filters, region: regions.RegionSettings, source: str) -> list[page_model.Slide]:
    """Two views for the council: the split, and the industries. None without industry figures."""
    shown = page(frame, filters, region, source)
    if shown.split is None:
        return []
    by_name = {block.name: block for part in shown.parts for block in part.blocks}
    parts = _parts(shown.split)
    result = [page_model.Slide(
        "Hvorfor endret arbeidsplassene seg?", shown.headline,
        f"Som landet {fmt.signed(parts['landet'])}, bransjeeffekt {fmt.signed(parts['bransje'])}, lokal effekt "
        f"{fmt.signed(parts['lokal'])}. Klassisk skift-andel-analyse: en dekomponering, ikke bevis for årsak.",
        chart_parts.for_slide(by_name["skiftandel"].chart), source=source)]
    # On a projector the bars must stay legible: the industries with the largest changes only.
    title = by_name["naeringer-endring"].title
    table = shown.split.table
    largest = table.loc[table["endring"].abs().sort_values(ascending=False).index[:SLIDE_SECTIONS]]
    chart = industry_charts.section_change_chart(largest.assign(tekst=largest["endring"].map(fmt.signed)), title, source)
    detail = "Endring i arbeidsplasser (etter arbeidssted) per næring"
    detail += f", de {SLIDE_SECTIONS} største endringene." if len(table) > SLIDE_SECTIONS else "."
    result.append(page_model.Slide("Næringene", title, detail, chart_parts.for_slide(chart), source=source))
    return result
