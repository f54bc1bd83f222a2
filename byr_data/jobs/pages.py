"""The job pages with data: Oversikt, Trendbrudd, Måloppnåelse and Kommune (pure).

Each builder opens with the page's finding (`story`), then the metrics and the chart that prove it.
The +100 target is judged and drawn only where `analysis.judges_target` says it applies; any other
selection is shown with its own change and its contribution to the region. With only the offline
snapshot, the builders hand over to `jobs.offline`.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from byr_data import analysis, fmt, page_model, regions
from byr_data.final_report import ReportFigures
from byr_data.jobs import blocks, charts, offline, story, versus_report
from byr_data.jobs.selection import (
    context_line,
    in_range,
    is_offline,
    level_long,
    measure_series,
    missing_reason,
    selection_situation,
    up_to_end,
)
from byr_data.jobs.versus_report import report_comparison
from byr_data.page_model import MEASURE_TITLES, Block, Filters, Metric, PageView, gap_metric
from byr_data.regions import selection_name

TREND_VIEWS = ("Nivå", "Indeks", "Årlig endring")  # also the values of «?visning=» in links


# -- shared ----------------------------------------------------------------------------------------
def headline_metrics(sit: story.Situation, level: pd.Series, label: str) -> list[Metric]:
    """The figures under the headline: against the target where it applies, else the selection's own."""
    status, year = sit.status, sit.year
    if year is None:
        return []
    metrics = []
    after_base = year > sit.base_year
    if sit.judged and after_base:
        metrics.append(gap_metric(f"Netto endring {year}", fmt.signed(status.change), status.change - status.target,
                                  status.target))
        if sit.has_cumulative:
            metrics.append(gap_metric(f"Siden {sit.base_year}", fmt.signed(status.cumulative), status.gap,
                                      status.cumulative_target))
        first = sit.base_year + 1
        span = str(first) if year == first else f"{first}–{year}"
        metrics.append(Metric(f"Målet nådd ({span})", f"{status.years_met} av {status.years_elapsed} år"))
    else:
        change = "brudd i statistikken" if analysis.is_break(year) else fmt.signed(status.change)
        context = None  # the contribution: «+10» «av regionens +110»
        if not np.isnan(sit.region_change):
            context = (f"av regionens {fmt.signed(sit.region_change)}" if sit.within_region
                       else f"{sit.region_name}: {fmt.signed(sit.region_change)}")
        metrics.append(Metric(f"Netto endring {year}", change, context))
        if sit.has_cumulative:
            metrics.append(Metric(f"Siden {sit.base_year}", fmt.signed(status.cumulative)))
    metrics.append(Metric(f"{label} {year}", fmt.integer(level.get(year, np.nan))))
    return metrics


def explanations(sit: story.Situation, filters: Filters, region: regions.RegionSettings) -> list[str]:
    """Why the target is or is not shown, said once per page."""
    if filters.measure == "bosted":
        return [story.RESIDENCE_NOTE]
    if not sit.judged:
        return [story.TARGET_IS_REGIONAL.format(target=fmt.signed(region.target_per_year), region=region.name)]
    return [story.ROLLING_NOTE] if filters.rolling else []


def _target(filters: Filters, region: regions.RegionSettings) -> float | None:
    """The target line belongs on the region's own jobs charts only, and only when the chosen years
    reach the target's first year (the year after the base year)."""
    if filters.years and filters.years[1] <= region.base_year:
        return None
    return region.target_per_year if analysis.judges_target(filters.codes, filters.measure, region) else None


def _growth_title(name: str, label: str, level: pd.Series, filters: Filters) -> str:
    """«Grue: arbeidsplasser økte i 10 av 16 år» (the years with a change in the chosen range)."""
    counted = in_range(analysis.changes(level), filters.years).dropna()
    if not len(counted):
        return f"{name}: ingen endring å vise i de valgte årene"
    return f"{name}: {label.lower()} økte i {int((counted > 0).sum())} av {len(counted)} år"


def _change_title(sit: story.Situation, level: pd.Series, filters: Filters, label: str) -> str:
    status = sit.status
    if sit.judged and sit.year is not None and sit.year > sit.base_year:
        return (f"Målet på {fmt.signed(status.target)} nådd i {status.years_met} av {status.years_elapsed} år "
                f"siden {sit.base_year}")
    return _growth_title(sit.name, label, level, filters)


# -- «Oversikt» --------------------------------------------------------------------------------------
def overview(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
             report: ReportFigures | None) -> PageView:
    if is_offline(frame, filters):
        return offline.overview(frame, filters, region, source, report)
    view, sit, _, level = _verdict_page(frame, filters, region, source, "Oversikt")
    if view.missing:
        return view
    view.blocks[0].chart.height = blocks.OVERVIEW_CHART_HEIGHT  # built just now: set in place, no deep copy
    summary = analysis.trend_summary(level, years=filters.years)
    view.texts += explanations(sit, filters, region)
    view.texts.append("Utviklingen: " + story.trend_headline(summary, filters.years, sit.unit,
                                                           single_change=sit.status.change) + ".")
    return view


def _verdict_page(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
                  page: str) -> tuple[PageView, story.Situation, pd.DataFrame, pd.Series]:
    """What Oversikt and Måloppnåelse open with: the verdict, its figures, and the yearly change chart
    (against the target where it applies)."""
    wide, level = measure_series(frame, filters)
    label = MEASURE_TITLES[filters.measure]
    sit = selection_situation(frame, filters, region)
    view = PageView(title=story.headline(sit), selection=sit.name, source=source,
                    context=context_line(page, sit.name, filters))
    view.missing = missing_reason(level, filters, True)
    if view.missing:
        view.title = f"{view.selection}: for få år med tall"
        return view, sit, wide, level
    view.metrics = headline_metrics(sit, level, label)
    view.blocks.append(blocks.change_block(level, filters, source, _change_title(sit, level, filters, label), label,
                                     _target(filters, region)))
    return view, sit, wide, level


# -- «Trendbrudd» ------------------------------------------------------------------------------------
def trend(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
          report: ReportFigures | None, mode: str = "Nivå", scenario_per_year: float | None = None) -> PageView:
    """`scenario_per_year`: draw the report's phase-1 projection as a path (only where the target is judged)."""
    if is_offline(frame, filters):
        return offline.trend(frame, filters, region, source, report)
    wide, level = measure_series(frame, filters)
    selection = selection_name(filters.codes, region)
    label = MEASURE_TITLES[filters.measure]
    unit = story.UNITS[filters.measure]
    summary = analysis.trend_summary(level, years=filters.years)
    name = "" if selection == region.name else selection
    single = analysis.changes(level).get(filters.years[0], np.nan) if filters.years else np.nan
    view = PageView(title=story.trend_headline(summary, filters.years, unit, name, single), selection=selection,
                    source=source, context=context_line("Har nedgangen snudd?", selection, filters))
    view.missing = missing_reason(level, filters, True)
    if report:
        view.tables.append((versus_report.title(region), report_comparison(frame, region, report)))
    if view.missing:
        view.title = f"{view.selection}: for få år med tall"
        return view
    single_year = filters.years is not None and filters.years[0] == filters.years[1]
    if summary.pre_span and not single_year:
        view.metrics.append(Metric(f"Snitt i året {story.span(summary.pre_span)}", fmt.signed(summary.pre_mean)))
    if summary.post_span and not single_year:
        since = "etter 2015" if summary.post_span[0] == analysis.BREAK_AFTER + 2 else f"i {story.span(summary.post_span)}"
        view.metrics += [
            Metric(f"Snitt i året {story.span(summary.post_span)}", fmt.signed(summary.post_mean)),
            Metric(f"Første år med vekst {since}", str(summary.turned_year) if summary.turned_year else "ingen"),
        ]
    view.texts += story.trend_sentences(summary, filters.years, unit)
    if mode == "Årlig endring" and filters.rolling and _target(filters, region) is not None:
        view.texts.append(story.ROLLING_NOTE)
    view.texts.append(story.CAVEAT)

    if mode == "Årlig endring":
        title = _growth_title(selection, label, level, filters)
        view.blocks.append(blocks.change_block(level, filters, source, title, label, _target(filters, region)))
    elif mode == "Indeks":
        series = wide.apply(analysis.index, base_year=region.base_year)
        long = in_range(level_long(series, analysis.index(level, region.base_year), selection, "municipalities"),
                        filters.years)
        latest = long[long["aar"] == long["aar"].max()].sort_values("verdi")
        title = (f"Indeks {region.base_year} = 100: høyest {latest.iloc[-1]['serie']} "
                 f"({fmt.decimal(latest.iloc[-1]['verdi'])}), lavest {latest.iloc[0]['serie']} "
                 f"({fmt.decimal(latest.iloc[0]['verdi'])}) i {int(latest.iloc[0]['aar'])}") if len(latest) else label
        y_title = f"Indeks ({region.base_year} = 100)"
        chart = charts.level_chart(long, title, source, y_title, index=True)
        view.blocks.append(page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.decimal},
                                  {"aar": "År", "serie": "Serie", "verdi": y_title}, "trend-indeks"))
    else:
        if not analysis.judges_target(filters.codes, filters.measure, region):
            scenario_per_year = None  # the projection was made for the whole region's jobs
        view.blocks.append(level_block(wide, level, filters, source, selection, label,
                                       scenario_per_year=scenario_per_year))
    return view


def level_block(wide: pd.DataFrame, level: pd.Series, filters: Filters, source: str, selection: str, label: str,
                name: str = "trend-niva", scenario_per_year: float | None = None) -> Block:
    """Levels per year with the 2008–2014 trend continued; the title says where the latest year stands."""
    long = in_range(level_long(wide, level, selection, "total"), filters.years)
    projection = in_range(analysis.pre_trend_projection(level), filters.years)
    continued = projection[projection["del"] == "videreført"].set_index("aar")["verdi"]
    shown = in_range(level.dropna(), filters.years)
    title = f"{label} per år, {selection}"
    if len(shown) and shown.index.max() in continued.index and shown.index.max() > analysis.BREAK_AFTER + 1:
        year = int(shown.index.max())
        difference = shown[year] - continued[year]
        side = "over" if difference >= 0 else "under"
        title = f"{year}: {fmt.integer(abs(difference))} {side} der trenden fra 2008–2014 ville ført"
    scenario = None
    if scenario_per_year is not None:
        scenario = in_range(analysis.scenario_path(level, scenario_per_year), filters.years)
        long = pd.concat([long, scenario.assign(serie=charts.SCENARIO)], ignore_index=True)  # in the table twin too
    chart = charts.level_chart(long[long["serie"] != charts.SCENARIO], title, source, label, projection=projection,
                               scenario=scenario)
    return page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.integer},
                  {"aar": "År", "serie": "Serie", "verdi": label}, name)


# -- «Måloppnåelse» ----------------------------------------------------------------------------------
def attainment(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
               report: ReportFigures | None = None) -> PageView:
    if is_offline(frame, filters):
        return offline.attainment(frame, filters, region, source, report)
    view, sit, wide, level = _verdict_page(frame, filters, region, source, "Måloppnåelse")
    if view.missing:
        return view
    view.texts += explanations(sit, filters, region)
    target = _target(filters, region)

    status = sit.status
    path = in_range(analysis.cumulative(analysis.changes(level), region.base_year, region.target_per_year),
                    filters.years)
    if target is not None and sit.has_cumulative and len(path):
        title = (f"Siden {region.base_year}: {fmt.signed(status.cumulative)} mot målet "
                 f"{fmt.signed(status.cumulative_target)} (avvik {fmt.signed(status.gap)})")
        chart = charts.cumulative_chart(path, title, source, region.base_year)
        view.blocks.append(page_model.block(chart, path.reset_index(),
                                  {"aar": fmt.year, "faktisk": fmt.signed, "mal": fmt.signed, "avvik": fmt.signed},
                                  {"aar": "År", "faktisk": f"Faktisk siden {region.base_year}", "mal": "Kumulativt mål",
                                   "avvik": "Avvik"}, "kumulativ"))

    contribution = blocks.contribution_block(wide, level, filters.years, source, target)
    if contribution is not None:
        view.blocks.append(contribution)
    return view


# -- «Kommune»: one municipality in the regional context ----------------------------------------------
def municipality(frame: pd.DataFrame, code: str, filters: Filters, region: regions.RegionSettings,
                 source: str) -> PageView:
    if is_offline(frame, filters):
        return offline.municipality(frame, code, filters, region, source)
    name = regions.municipality_name(code)
    label = MEASURE_TITLES[filters.measure]
    members = tuple(dict.fromkeys(region.members + (code,)))  # the region, with this municipality in it
    wide = analysis.levels(frame, members, filters.measure)
    own, total = wide[code], analysis.regional(wide)
    context = region.name if code in region.members else f"{region.name} med {name}"
    view = PageView(title=f"{name} i {region.name}", selection=name, source=source,
                    context=f"Kommune · {name} i {context} · {label.lower()}")
    view.missing = missing_reason(own, filters, True)
    if view.missing:
        view.title = f"{view.selection}: for få år med tall"
        return view
    sit = story.situation(up_to_end(own, filters.years), up_to_end(total, filters.years), (code,),
                          filters.measure, region, name)
    sit = dataclasses.replace(sit, region_name=context, within_region=True)  # the region includes it
    view.title = story.headline(sit)
    view.metrics = headline_metrics(sit, own, label)
    end = sit.year
    view.texts.append(story.share_sentence(name, sit.status.change, context, sit.region_change, end))
    if filters.measure == "arbeidssted":
        view.texts.append(f"Målet om {fmt.signed(region.target_per_year)} arbeidsplasser i året gjelder "
                          f"{region.name} samlet, ikke hver kommune.")
    else:
        view.texts.append(story.RESIDENCE_NOTE)
    summary = analysis.trend_summary(own, years=filters.years)
    view.texts.append("Utviklingen: " + story.trend_headline(summary, filters.years, sit.unit,
                                                           single_change=sit.status.change) + ".")

    title = _growth_title(name, label, own, filters)
    view.blocks.append(blocks.change_block(own, filters, source, title, label, target=None))  # the target is regional

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
        view.blocks.append(page_model.block(chart, indexed, {"aar": fmt.year, "verdi": fmt.decimal},
                                  {"aar": "År", "serie": "Serie", "verdi": f"Indeks ({region.base_year} = 100)"},
                                  f"{code}-indeks"))

    contrib = analysis.contributions(wide)
    # The year is in the heading, not a column: three columns fit a phone without panning sideways.
    year_rows = contrib[contrib["aar"] == end].drop(columns=["kommunenummer", "brudd", "aar"])
    view.tables.append((f"Kommunene i {context}, {end}", page_model.display_table(
        year_rows, {"endring": fmt.signed, "andel": blocks.share_text},
        {"kommune": "Kommune", "endring": "Endring", "andel": "Andel av veksten"})))
    return view
