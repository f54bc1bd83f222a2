"""What each job page shows, assembled from analysis and charts: pure, so it is tested without a UI.

A page calls one function here with the data and the filters and draws the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import altair as alt
import numpy as np
import pandas as pd

from byr_data import analysis, charts, fmt, notes, programme_views, regions
from byr_data.report import ReportFigures

MEASURE_TITLES = {"arbeidssted": "Arbeidsplasser", "bosted": "Sysselsatte bosatte"}
MEASURE_NOTES = {
    "arbeidssted": "Arbeidsplasser = sysselsatte etter arbeidssted (SSB 07984).",
    "bosted": "Sysselsatte etter BOSTED: de som bor her og jobber, uansett hvor. Ikke arbeidsplasser.",
}
MIN_YEARS = 2  # a change needs two years


@dataclass(frozen=True)
class Filters:
    codes: tuple[str, ...]
    measure: str = "arbeidssted"
    years: tuple[int, int] | None = None
    rolling: bool = False


@dataclass(frozen=True)
class Metric:
    label: str
    value: str
    delta: str | None = None  # formatted, e.g. «−49 mot målet»
    delta_sign: int = 0  # +1 good/up, −1 bad/down, 0 neutral: our true minus sign is not «-» to Streamlit


def gap_metric(label: str, value: str, gap: float, target: float) -> Metric:
    """A figure with its distance to the target as the delta, e.g. «−49 mot målet +100»."""
    sign = 0 if np.isnan(gap) or round(gap) == 0 else int(np.sign(gap))
    return Metric(label, value, f"{fmt.signed(gap)} mot målet {fmt.signed(target)}", sign)


@dataclass
class Block:
    """A chart with its table twin and download."""

    @cached_property
    def spec(self) -> dict:
        """The Vega-Lite spec, built once: Altair's validation is the costly part of a rerun."""
        return self.chart.to_dict()

    chart: alt.TopLevelMixin
    table: pd.DataFrame  # formatted for display
    data: pd.DataFrame  # raw numbers for the CSV
    name: str  # file name stem


@dataclass
class PageView:
    title: str
    selection: str  # «Kongsvingerregionen» or the municipalities chosen
    source: str
    missing: str | None = None  # why the main series cannot be shown
    metrics: list[Metric] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)


# -- shared ----------------------------------------------------------------------------------------
def selection_name(codes: tuple[str, ...], region: regions.RegionSettings) -> str:
    if set(codes) == set(region.members):
        return region.name
    names = [regions.municipality_name(c) for c in codes]
    return names[0] if len(names) == 1 else "Utvalget " + ", ".join(names)


def measure_series(frame: pd.DataFrame, filters: Filters) -> tuple[pd.DataFrame, pd.Series]:
    """Levels per municipality and for the selection, over every year the data has."""
    wide = analysis.levels(frame, filters.codes, filters.measure)
    return wide, analysis.regional(wide)


def in_range(data, years: tuple[int, int] | None):
    """Rows (of a frame with an «aar» column, or indexed by year) inside the chosen year range."""
    if years is None:
        return data
    year = data["aar"] if isinstance(data, pd.DataFrame) and "aar" in data.columns else data.index
    return data[(np.asarray(year) >= years[0]) & (np.asarray(year) <= years[1])]


def frame_source(frame: pd.DataFrame, measure: str, year: int) -> str:
    """Which table a figure comes from (the snapshot mixes 07984 and 13470)."""
    sources = frame.loc[(frame["maal"] == measure) & (frame["aar"] == year), "kilde"].unique()
    return ", ".join(sorted(sources))


def missing_reason(level: pd.Series, filters: Filters, has_workplace_series: bool) -> str | None:
    """Plain words for why there is nothing to compute, or None."""
    if level.notna().sum() >= MIN_YEARS:
        return None
    if filters.measure == "arbeidssted" and not has_workplace_series:
        return (
            "Arbeidsplasser (sysselsatte etter arbeidssted) mangler tall i dataene som vises: det offline "
            "øyeblikksbildet har bare 2017. Hent tallene fra SSB under «Data og kilder» "
            "(eller `python -m byr_data refresh`). Sysselsatte etter bosted kan velges som alternativ i menyen."
        )
    return "Det finnes for få år med tall for dette utvalget til å beregne endringer (mangler tall)."


def _level_long(wide: pd.DataFrame, level: pd.Series, selection: str, values: str) -> pd.DataFrame:
    frames = [pd.DataFrame({"aar": level.index, "serie": selection, "verdi": level.to_numpy()})]
    if values == "municipalities" and wide.shape[1] > 1:
        for code in wide.columns:
            frames.append(pd.DataFrame({"aar": wide.index, "serie": regions.municipality_name(code),
                                        "verdi": wide[code].to_numpy()}))
    return pd.concat(frames, ignore_index=True).dropna(subset=["verdi"]).astype({"aar": "int64"})


def _display(frame: pd.DataFrame, formats: dict[str, callable], names: dict[str, str]) -> pd.DataFrame:
    """Format numbers as Norwegian text for the table twins («mangler tall» where missing)."""
    shown = frame.copy()
    for column, formatter in formats.items():
        shown[column] = shown[column].map(formatter)
    return shown.rename(columns=names)


def _for_export(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The numbers behind a chart for the CSV: Norwegian headers, whole numbers as integers, «ja» for flags."""
    data = frame[[c for c in frame.columns if c in names]].copy()
    for column in data.columns:
        if data[column].dtype == bool:
            data[column] = data[column].map({True: "ja", False: ""})
        elif pd.api.types.is_float_dtype(data[column]) and (data[column].dropna() % 1 == 0).all():
            data[column] = data[column].astype("Int64")
    return data.rename(columns=names)


def _block(chart: alt.TopLevelMixin, frame: pd.DataFrame, formats: dict, names: dict[str, str], name: str) -> Block:
    return Block(chart, _display(frame[[c for c in frame.columns if c in names]], formats, names),
                 _for_export(frame, names), name)


def _year(value) -> str:
    return str(int(value))


# -- «Oversikt» --------------------------------------------------------------------------------------
def overview(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
             report: ReportFigures | None) -> PageView:
    wide, level = measure_series(frame, filters)
    level = in_range(level, (level.index.min(), filters.years[1]) if filters.years else None)
    selection = selection_name(filters.codes, region)
    label = MEASURE_TITLES[filters.measure].lower()
    view = PageView(title=f"{selection}: {label}", selection=selection, source=source)
    view.missing = missing_reason(level, filters, notes.workplace_years(frame) >= MIN_YEARS)
    if view.missing:
        # Show what there is: a single year of the measure, and the report's own figures, each labelled.
        for year, value in level.dropna().items():
            view.metrics.append(Metric(f"{MEASURE_TITLES[filters.measure]} {year} ({frame_source(frame, filters.measure, year)})",
                                       fmt.integer(value)))
        if report:
            view.metrics += [Metric(f"Netto endring {c.year} ifølge sluttrapporten", fmt.signed(c.value))
                             for c in report.changes]
            view.texts.append(
                "Sluttrapporten (2018) oppgir netto "
                + " og ".join(f"{fmt.signed(c.value)} arbeidsplasser i {c.year}" for c in report.changes)
                + f", etter en nedgang på ca. {fmt.integer(abs(report.pre_trend_per_year))} i året før programmet."
            )
        return view

    status = analysis.target_status(level, region.base_year, region.target_per_year)
    trend = analysis.trend_summary(in_range(level, filters.years))
    is_jobs = filters.measure == "arbeidssted"
    view.metrics.append(Metric(f"{MEASURE_TITLES[filters.measure]} {status.year}", fmt.integer(level[status.year])))
    change_label = f"Netto endring {status.year}"
    if is_jobs:
        view.metrics.append(gap_metric(change_label, fmt.signed(status.change), status.change - status.target,
                                       status.target))
        view.metrics.append(gap_metric(f"Siden {region.base_year}", fmt.signed(status.cumulative), status.gap,
                                       status.cumulative_target))
    else:
        view.metrics.append(Metric(change_label, fmt.signed(status.change)))
    view.metrics.append(Metric("Snitt i året før / etter 2015",
                               f"{fmt.signed(trend.pre_mean)} / {fmt.signed(trend.post_mean)}"))
    if is_jobs:
        view.texts.append(target_sentence(status, region))
    else:
        view.texts.append(MEASURE_NOTES["bosted"] + " Målet om +100 gjelder arbeidsplasser og vurderes ikke her.")
    view.texts.append(trend_verdict(trend))
    spark = pd.DataFrame({"aar": level.index.astype(int), "verdi": level.to_numpy()}).dropna()
    spark = in_range(spark, filters.years)
    chart = charts.sparkline(spark, source, f"{MEASURE_TITLES[filters.measure]} per år, {selection}")
    view.blocks.append(_block(chart, spark, {"aar": _year, "verdi": fmt.integer},
                              {"aar": "År", "verdi": MEASURE_TITLES[filters.measure]}, "oversikt"))
    return view


def target_sentence(status: analysis.TargetStatus, region: regions.RegionSettings) -> str:
    if status.met is None:
        return f"Endringen i {status.year} mangler tall, så måloppnåelsen kan ikke vurderes."
    verdict = "nådd" if status.met else "ikke nådd"
    return (
        f"Målet om {fmt.signed(status.target)} arbeidsplasser i {status.year} er {verdict}: netto endring "
        f"{fmt.signed(status.change)}. Siden {region.base_year} er endringen {fmt.signed(status.cumulative)} mot et "
        f"kumulativt mål på {fmt.signed(status.cumulative_target)} (avvik {fmt.signed(status.gap)}). "
        f"Målet er nådd {status.years_met} av {status.years_elapsed} år."
    )


def trend_verdict(trend: analysis.TrendSummary) -> str:
    """A descriptive, not causal, sentence on whether the turn holds."""
    if trend.turned_year is None:
        head = "Etter bruddet i 2015 har det ikke vært et år med vekst."
    else:
        head = f"Endringen ble positiv første gang i {trend.turned_year}."
    if trend.recent_years:
        span = f"{trend.recent_years[0]}–{trend.recent_years[-1]}"
        holds = (
            "Vendingen holder" if trend.recent_positive == len(trend.recent_years)
            else "Vendingen holder bare delvis" if trend.recent_positive > 0
            else "Vendingen holder ikke"
        )
        head += (f" {holds} i de siste årene: vekst i {trend.recent_positive} av {len(trend.recent_years)} år "
                 f"({span}), i snitt {fmt.signed(trend.recent_mean)} per år, mot {fmt.signed(trend.pre_mean)} "
                 "per år i 2009–2014.")
    return head + " (Beskrivende, ikke en årsaksforklaring: veksten er et «resultat av mange faktorer».)"


# -- «Trendbrudd» ------------------------------------------------------------------------------------
TREND_VIEWS = ("Nivå", "Indeks", "Årlig endring")  # also the values of «?visning=» in links


def trend(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
          report: ReportFigures | None, mode: str = "Nivå") -> PageView:
    wide, level = measure_series(frame, filters)
    selection = selection_name(filters.codes, region)
    label = MEASURE_TITLES[filters.measure]
    view = PageView(title=f"Trendbrudd: {selection}", selection=selection, source=source)
    view.missing = missing_reason(level, filters, notes.workplace_years(frame) >= MIN_YEARS)
    if report:
        view.tables.append(("Sluttrapportens tall mot SSB", report_comparison(frame, region, report)))
    if view.missing:
        return view
    summary = analysis.trend_summary(in_range(level, filters.years))
    view.texts.append(trend_verdict(summary))
    view.metrics += [
        Metric("Snitt per år 2009–2014", fmt.signed(summary.pre_mean)),
        Metric(f"Snitt per år 2016–{summary.latest_year}", fmt.signed(summary.post_mean)),
        Metric("Første år med vekst etter 2015", str(summary.turned_year) if summary.turned_year else "ingen"),
    ]
    view.texts.append(f"Lineær trend (minste kvadraters metode): {fmt.signed(summary.pre_slope)} per år i 2008–2014, "
                      f"{fmt.signed(summary.post_slope)} per år fra 2015.")
    if mode == "Årlig endring":
        title = f"{selection}: {label.lower()} økte i {_growth_years(level, filters)}"
        view.blocks.append(_change_block(level, filters, source, title, label, _target(filters, region)))
    elif mode == "Indeks":
        series = wide.apply(analysis.index, base_year=region.base_year)
        long = in_range(_level_long(series, analysis.index(level, region.base_year), selection, "municipalities"),
                        filters.years)
        latest = long[long["aar"] == long["aar"].max()].sort_values("verdi")
        title = (f"Indeks {region.base_year} = 100: høyest {latest.iloc[-1]['serie']} "
                 f"({fmt.decimal(latest.iloc[-1]['verdi'])}), lavest {latest.iloc[0]['serie']} "
                 f"({fmt.decimal(latest.iloc[0]['verdi'])}) i {int(latest.iloc[0]['aar'])}") if len(latest) else label
        y_title = f"Indeks ({region.base_year} = 100)"
        chart = charts.level_chart(long, title, source, y_title, index=True)
        view.blocks.append(_block(chart, long, {"aar": _year, "verdi": fmt.decimal},
                                  {"aar": "År", "serie": "Serie", "verdi": y_title}, "trend-indeks"))
    else:
        long = in_range(_level_long(wide, level, selection, "total"), filters.years)
        projection = in_range(analysis.pre_trend_projection(level), filters.years)
        title = (f"{label}: {fmt.signed(summary.post_mean)} i året etter 2015, "
                 f"mot {fmt.signed(summary.pre_mean)} i året 2009–2014")
        chart = charts.level_chart(long, title, source, label, projection=projection)
        view.blocks.append(_block(chart, long, {"aar": _year, "verdi": fmt.integer},
                                  {"aar": "År", "serie": "Serie", "verdi": label}, "trend-niva"))
    return view


def _growth_years(level: pd.Series, filters: Filters) -> str:
    counted = in_range(analysis.changes(level), filters.years).dropna()
    return f"{int((counted > 0).sum())} av {len(counted)} år"


def _change_block(level: pd.Series, filters: Filters, source: str, title: str, label: str,
                  target: float | None) -> Block:
    yearly = in_range(analysis.yearly_table(level, 3 if filters.rolling else None), filters.years)
    smoothing = " (3-års glidende snitt)" if filters.rolling else ""
    chart = charts.change_chart(yearly, title + smoothing, source, target, f"Endring i {label.lower()}{smoothing}")
    return _block(chart, yearly, {"aar": _year, "niva": fmt.integer, "endring": fmt.signed,
                                  "brudd": lambda b: "brudd i statistikken – ikke en endring" if b else ""},
                  {"aar": "År", "niva": label, "endring": f"Endring{smoothing}", "brudd": "Brudd i statistikken"},
                  "arlig-endring")


def _target(filters: Filters, region: regions.RegionSettings) -> float | None:
    """The target line belongs on regional jobs charts only, never on residence figures."""
    return region.target_per_year if filters.measure == "arbeidssted" else None


def report_comparison(frame: pd.DataFrame, region: regions.RegionSettings, report: ReportFigures) -> pd.DataFrame:
    """The report's figures beside those computed from SSB for the report's region (the six members)."""
    wide = analysis.levels(frame, region.members, "arbeidssted")
    delta = analysis.changes(analysis.regional(wide))
    rows = []
    for item in report.changes:
        computed = delta.get(item.year, np.nan)
        rows.append({
            "År": str(item.year),
            "Sluttrapporten": fmt.signed(item.value),
            "Beregnet fra SSB nå": fmt.signed(computed),
            "Forskjell": fmt.signed(computed - item.value) if pd.notna(computed) else fmt.MISSING,
            "Rapportens ord": item.quote,
        })
    pre = analysis.trend_summary(analysis.regional(wide)).pre_mean if len(wide) else np.nan
    rows.append({
        "År": "2009–2014 (snitt)",
        "Sluttrapporten": f"ca. {fmt.signed(report.pre_trend_per_year)}",
        "Beregnet fra SSB nå": fmt.signed(pre),
        "Forskjell": fmt.signed(pre - report.pre_trend_per_year) if pd.notna(pre) else fmt.MISSING,
        "Rapportens ord": report.pre_trend_quote,
    })
    return pd.DataFrame(rows)


COMPARISON_NOTE = (
    "Forskjeller mellom rapportens tall og SSB-tallene i dag kan ha flere årsaker: SSB reviderer tall etter "
    "publisering, rapporten kan ha brukt en annen tabell eller avgrensning (alder, kvartal, tidspunkt for uttrekk), "
    "og appen regner alltid med dagens kommunegrenser for de seks kommunene. Appen viser SSB-tallene slik de er "
    "publisert nå, og rapportens tall slik de står i rapporten."
)


# -- «Måloppnåelse» ----------------------------------------------------------------------------------
def attainment(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str) -> PageView:
    wide, level = measure_series(frame, filters)
    selection = selection_name(filters.codes, region)
    label = MEASURE_TITLES[filters.measure]
    view = PageView(title=f"Måloppnåelse: {selection}", selection=selection, source=source)
    view.missing = missing_reason(level, filters, notes.workplace_years(frame) >= MIN_YEARS)
    if view.missing:
        return view
    is_jobs = filters.measure == "arbeidssted"
    level_to_end = in_range(level, (int(level.index.min()), filters.years[1])) if filters.years else level
    status = analysis.target_status(level_to_end, region.base_year, region.target_per_year)
    if is_jobs:
        view.metrics += [
            Metric(f"Mål nådd ({region.base_year + 1}–{status.year})", f"{status.years_met} av {status.years_elapsed} år"),
            gap_metric(f"Netto endring {status.year}", fmt.signed(status.change), status.change - status.target,
                       status.target),
            gap_metric(f"Siden {region.base_year}", fmt.signed(status.cumulative), status.gap, status.cumulative_target),
        ]
        view.texts.append(target_sentence(status, region))
    else:
        view.metrics += [
            Metric(f"Netto endring {status.year}", fmt.signed(status.change)),
            Metric(f"Siden {region.base_year}", fmt.signed(status.cumulative)),
        ]
        view.texts.append(MEASURE_NOTES["bosted"] + " Målet gjelder arbeidsplasser, så det vurderes ikke her.")
    title = (f"Målet på {fmt.signed(status.target)} nådd i {status.years_met} av {status.years_elapsed} år "
             f"siden {region.base_year}" if is_jobs else f"{selection}: {label.lower()} økte i {_growth_years(level, filters)}")
    view.blocks.append(_change_block(level, filters, source, title, label, _target(filters, region)))

    path = in_range(analysis.cumulative(analysis.changes(level), region.base_year, region.target_per_year), filters.years)
    if is_jobs and len(path):
        title = (f"Siden {region.base_year}: {fmt.signed(status.cumulative)} mot målet "
                 f"{fmt.signed(status.cumulative_target)} (avvik {fmt.signed(status.gap)})")
        chart = charts.cumulative_chart(path, title, source)
        data = path.reset_index()
        view.blocks.append(_block(chart, data, {"aar": _year, "faktisk": fmt.signed, "mal": fmt.signed, "avvik": fmt.signed},
                                  {"aar": "År", "faktisk": f"Faktisk siden {region.base_year}", "mal": "Kumulativt mål",
                                   "avvik": "Avvik"}, "kumulativ"))

    contrib = in_range(analysis.contributions(wide), filters.years)
    net = in_range(pd.DataFrame({"aar": level.index.astype(int), "endring": analysis.changes(level).to_numpy()}),
                   filters.years)
    if wide.shape[1] > 1 and contrib["endring"].notna().any():
        latest = contrib[contrib["aar"] == contrib.dropna(subset=["endring"])["aar"].max()].sort_values("endring")
        best, worst = latest.iloc[-1], latest.iloc[0]
        title = (f"{int(best['aar'])}: {best['kommune']} bidro mest ({fmt.signed(best['endring'])}), "
                 f"{worst['kommune']} minst ({fmt.signed(worst['endring'])})")
        chart = charts.contribution_chart(contrib, net, title, source, _target(filters, region))
        view.blocks.append(_block(chart, contrib, {"aar": _year, "endring": fmt.signed, "andel": fmt.percent,
                                                   "brudd": lambda b: "brudd – ikke en endring" if b else ""},
                                  {"aar": "År", "kommunenummer": "Kommunenummer", "kommune": "Kommune",
                                   "endring": "Endring", "andel": "Andel av netto (%)", "brudd": "Brudd i statistikken"},
                                  "bidrag"))
    return view


# -- the jobs goal in the goal matrix ------------------------------------------------------------------
@dataclass(frozen=True)
class LiveStatus:
    word: str  # a word of data/status_vocabulary.toml
    text: str
    source: str


def jobs_goal_status(frame: pd.DataFrame, region: regions.RegionSettings, source: str) -> LiveStatus:
    """The +100 goal judged on the latest SSB figures for the region's members, not the 2018 text."""
    level = analysis.regional(analysis.levels(frame, region.members, "arbeidssted"))
    if level.notna().sum() < MIN_YEARS:
        return LiveStatus("ikke angitt", "Arbeidsplasser etter arbeidssted mangler tall i dataene som vises; hent "
                          "tallene fra SSB under «Data og kilder» for å følge målet.", source)
    status = analysis.target_status(level, region.base_year, region.target_per_year)
    if status.met is None:
        return LiveStatus("ikke angitt", target_sentence(status, region), source)
    return LiveStatus("nådd" if status.met else "ikke nådd", target_sentence(status, region), source)


# -- «Kommune»: one municipality in the regional context ----------------------------------------------
def municipality(frame: pd.DataFrame, code: str, filters: Filters, region: regions.RegionSettings,
                 source: str) -> PageView:
    name = regions.municipality_name(code)
    label = MEASURE_TITLES[filters.measure]
    view = PageView(title=f"{name} i {region.name}", selection=name, source=source)
    members = tuple(dict.fromkeys(region.members + (code,)))  # the region, with this municipality in it
    wide = analysis.levels(frame, members, filters.measure)
    own, total = wide[code], analysis.regional(wide)
    view.missing = missing_reason(own, filters, notes.workplace_years(frame) >= MIN_YEARS)
    if view.missing:
        return view
    context = region.name if code in region.members else f"{region.name} med {name}"
    contrib = analysis.contributions(wide)
    own_contrib = contrib[(contrib["kommunenummer"] == code)].set_index("aar")
    end = filters.years[1] if filters.years else int(own.dropna().index.max())
    change, share = own_contrib["endring"].get(end, np.nan), own_contrib["andel"].get(end, np.nan)
    region_change = analysis.changes(total).get(end, np.nan)
    since = analysis.cumulative(analysis.changes(own), region.base_year, 0)["faktisk"].get(end, np.nan)
    view.metrics += [
        Metric(f"{label} {end}", fmt.integer(own.get(end, np.nan))),
        Metric(f"Netto endring {end}", fmt.signed(change)),
        Metric(f"Andel av regionens endring ({fmt.signed(region_change)})", fmt.percent(share, 0)),
        Metric(f"Endring siden {region.base_year}", fmt.signed(since)),
    ]
    view.texts.append(
        f"{name} endret seg med {fmt.signed(change)} i {end}, mens {context} samlet endret seg med "
        f"{fmt.signed(region_change)}. Målet om {fmt.signed(region.target_per_year)} i året gjelder regionen "
        "samlet, ikke hver kommune."
    )
    view.texts.append(trend_verdict(analysis.trend_summary(in_range(own, filters.years))))

    title = f"{name}: {label.lower()} økte i {_growth_years(own, filters)}"
    view.blocks.append(_change_block(own, filters, source, title, label, target=None))  # the target is regional

    indexed = pd.concat([
        pd.DataFrame({"aar": own.index, "serie": name, "verdi": analysis.index(own, region.base_year).to_numpy()}),
        pd.DataFrame({"aar": total.index, "serie": context, "verdi": analysis.index(total, region.base_year).to_numpy()}),
    ]).dropna(subset=["verdi"]).astype({"aar": "int64"})
    indexed = in_range(indexed, filters.years)
    latest = indexed[indexed["aar"] == indexed["aar"].max()].set_index("serie")["verdi"]
    if len(latest) == 2:
        title = (f"Siden {region.base_year}: {name} {fmt.decimal(latest[name])}, "
                 f"{context} {fmt.decimal(latest[context])} (indeks, {region.base_year} = 100)")
        chart = charts.level_chart(indexed, title, source, f"Indeks ({region.base_year} = 100)", index=True)
        view.blocks.append(_block(chart, indexed, {"aar": _year, "verdi": fmt.decimal},
                                  {"aar": "År", "serie": "Serie", "verdi": f"Indeks ({region.base_year} = 100)"},
                                  f"{code}-indeks"))

    year_rows = contrib[contrib["aar"] == end].drop(columns=["kommunenummer", "brudd"])
    view.tables.append((f"Kommunene i {context}, {end}", _display(
        year_rows, {"aar": _year, "endring": fmt.signed, "andel": lambda v: fmt.percent(v, 0)},
        {"aar": "År", "kommune": "Kommune", "endring": "Endring", "andel": "Andel av regionens endring"})))
    return view


# -- presentation mode: one message a view, for the council meeting ----------------------------------
@dataclass
class Slide:
    heading: str
    message: str  # the one message, in large type
    detail: str = ""
    chart: alt.TopLevelMixin | None = None
    items: list[str] = field(default_factory=list)
    tone: str | None = None  # "good" / "bad": the message is a target met or missed

    @cached_property
    def spec(self) -> dict | None:
        return None if self.chart is None else self.chart.to_dict()


SLIDE_CHART_HEIGHT = 370  # total, with axes and legend: fits under the message at 1280×720


def _slide_chart(chart: alt.TopLevelMixin, source: str) -> alt.TopLevelMixin:
    """On a slide the message is the chart's finding: the chart keeps only its source line as title."""
    return chart.properties(title=alt.TitleParams(text=source, anchor="start", fontSize=13, color="#555"),
                            height=SLIDE_CHART_HEIGHT)


def presentation(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
                 report: ReportFigures | None, matrix=None, portfolio=None, problems: tuple[str, ...] = ()
                 ) -> list[Slide]:
    """The council sequence: target this year, trend reversal, cumulative path, contributions,
    goal matrix, projects. `matrix`/`portfolio` come from byr_data.goals (None when they cannot load)."""
    overview_view = overview(frame, filters, region, source, report)
    selection = overview_view.selection
    slides: list[Slide] = []
    if overview_view.missing:
        slides.append(Slide("Målet: +100 arbeidsplasser i året", "Arbeidsplasser mangler tall",
                            " ".join([overview_view.missing] + overview_view.texts)))
    else:
        _, level = measure_series(frame, filters)
        level = in_range(level, (int(level.index.min()), filters.years[1])) if filters.years else level
        status = analysis.target_status(level, region.base_year, region.target_per_year)
        jobs = filters.measure == "arbeidssted"
        verdict = ("nådd" if status.met else "ikke nådd") if status.met is not None else "kan ikke vurderes"
        detail = (f"Mål {fmt.signed(status.target)} – {verdict}. Målet er nådd {status.years_met} av "
                  f"{status.years_elapsed} år siden {region.base_year}." if jobs else MEASURE_NOTES["bosted"])
        tone = None if not jobs or status.met is None else ("good" if status.met else "bad")
        slides.append(Slide(f"{selection}: {status.year}",
                            f"{fmt.signed(status.change)} {MEASURE_TITLES[filters.measure].lower()}", detail,
                            tone=tone))
        trend_view = trend(frame, filters, region, source, None)
        summary = analysis.trend_summary(in_range(level, filters.years))
        recent = (f"Vekst i {summary.recent_positive} av de {len(summary.recent_years)} siste årene. "
                  if summary.recent_years else "")
        slides.append(Slide("Har nedgangen snudd?",
                            f"{fmt.signed(summary.post_mean)} i året etter 2015, mot {fmt.signed(summary.pre_mean)} før",
                            recent + "Beskrivende, ikke en årsaksforklaring.",
                            _slide_chart(trend_view.blocks[0].chart, source)))
        attain = attainment(frame, filters, region, source)
        by_name = {block.name: block for block in attain.blocks}
        if "kumulativ" in by_name:
            slides.append(Slide(f"Siden {region.base_year}", fmt.signed(status.cumulative) + " arbeidsplasser",
                                f"Kumulativt mål {fmt.signed(status.cumulative_target)}, avvik {fmt.signed(status.gap)}.",
                                _slide_chart(by_name["kumulativ"].chart, source)))
        if "bidrag" in by_name:
            title = by_name["bidrag"].chart.to_dict()["title"]["text"]
            slides.append(Slide("Kommunenes bidrag", title, "Stablede søyler: hver kommunes endring. "
                                "Svart strek: netto for utvalget.", _slide_chart(by_name["bidrag"].chart, source)))
        from byr_data import industry_views  # imports this module: here, not at the top
        slides += industry_views.slides(frame, filters, region, source)
    slides += programme_views.programme_slides(matrix, portfolio, jobs_goal_status(frame, region, source))
    for problem in problems:
        slides.append(Slide("Kan ikke vises", problem))
    return slides
