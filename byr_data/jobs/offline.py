"""The job pages with only the offline snapshot: what can honestly be shown without the jobs series.

The snapshot has employed residents 2008–2025 (SSB 07984), jobs by workplace for 2017 only
(SSB 13470), and the final report's own figures (+32 in 2016, +132 in 2017, a decline of «ca 100
pr år» before). Every figure is credited to its source; the residence series is always labelled as
employed residents, never as jobs; the report's «ca 100» has no years, so it is a reference line,
not a series. Each page says in one sentence what a refresh from SSB adds.
"""

from __future__ import annotations

import pandas as pd

from byr_data import analysis, fmt, page_model, regions
from byr_data.final_report import ReportFigures
from byr_data.jobs import charts, story, versus_report
from byr_data.jobs.selection import in_range, level_long
from byr_data.jobs.versus_report import report_comparison
from byr_data.page_model import Block, Filters, Metric, PageView, gap_metric
from byr_data.regions import selection_name

REFRESH = "Når tallene er hentet fra SSB med knappen på siden «Data og kilder», viser siden "
AFTER_REFRESH = {
    "overview": "arbeidsplassene år for år fra 2008{target}.",
    "trend": "arbeidsplassene år for år fra 2008, med trenden før 2015 videreført.",
    "attainment": "endringen i arbeidsplasser hvert år{target}, utviklingen siden {base} og hver kommunes bidrag.",
    "municipality": "kommunens arbeidsplasser år for år og bidraget til regionen.",
}
RESIDENCE_LABEL = "Sysselsatte bosatte"


def refresh_sentence(page: str, judged: bool, region: regions.RegionSettings) -> str:
    target = f" mot målet på {fmt.signed(region.target_per_year)}" if judged else ""
    return REFRESH + AFTER_REFRESH[page].format(target=target, base=region.base_year)


def _context(page: str, selection: str) -> str:
    return f"{page} · {selection} · uten nett: tallene som følger med appen"


def jobs_levels(frame: pd.DataFrame, codes) -> pd.Series:
    """The selection's jobs in the few years the snapshot has them (all selected municipalities present)."""
    return analysis.regional(analysis.levels(frame, codes, "arbeidssted")).dropna()


def _jobs_metrics(frame: pd.DataFrame, codes, region: regions.RegionSettings) -> list[Metric]:
    """The snapshot's jobs level per year, and (for a part of the region) its share of the region's jobs."""
    own, whole = jobs_levels(frame, codes), jobs_levels(frame, region.members)
    metrics = [Metric(f"Arbeidsplasser {year} (SSB)", fmt.integer(value)) for year, value in own.items()]
    if set(codes) < set(region.members):
        for year, value in own.items():
            if year in whole.index:
                metrics.append(Metric(f"Andel av regionens arbeidsplasser {year}",
                                      fmt.percent(value / whole[year] * 100, 0)))
    return metrics


def _jobs_headline(frame: pd.DataFrame, codes, selection: str) -> str:
    own = jobs_levels(frame, codes)
    if not len(own):
        return f"{selection}: arbeidsplassene er ikke hentet fra SSB ennå"
    year = int(own.index.max())
    return f"{selection}: {fmt.integer(own[year])} arbeidsplasser i {year} (SSB)"


def _report_metrics(report: ReportFigures, target: int) -> list[Metric]:
    metrics = [gap_metric(f"Endring {c.year} (rapporten)", fmt.signed(c.value), c.value - target, target)
               for c in sorted(report.changes, key=lambda c: c.year)]
    metrics.append(Metric("Per år før programmet", f"ca. {fmt.signed(report.pre_trend_per_year)}",
                          "ifølge sluttrapporten"))
    return metrics


def report_block(report: ReportFigures, target: int) -> Block:
    """The report's yearly figures against the target, its «ca 100» decline as a labelled reference."""
    figures = pd.DataFrame({"aar": [c.year for c in report.changes], "endring": [float(c.value) for c in report.changes]})
    met = [str(c.year) for c in report.changes if c.value >= target]
    missed = [str(c.year) for c in report.changes if c.value < target]
    verdict = ", ".join(part for part in (f"nådd i {' og '.join(met)}" if met else "",
                                          f"ikke i {' og '.join(missed)}" if missed else "") if part)
    title = f"Sluttrapportens tall mot målet på {fmt.signed(target)}: {verdict}"
    reference = f"Før programmet: ca. {fmt.signed(report.pre_trend_per_year)} i året\n(sluttrapporten, uten årstall)"
    chart = charts.report_chart(figures, title, f"Kilde: {report.source}", target, report.pre_trend_per_year, reference)
    return page_model.block(chart, figures, {"aar": fmt.year, "endring": fmt.signed},
                  {"aar": "År", "endring": "Netto endring ifølge sluttrapporten"}, "sluttrapporten")


def residence_block(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str) -> Block:
    """The selection's employed residents per year with the 2008–2014 trend continued: never called jobs."""
    codes, selection = filters.codes, selection_name(filters.codes, region)
    wide = analysis.levels(frame, codes, "bosted")
    level = analysis.regional(wide)
    series = f"{RESIDENCE_LABEL}, {selection}"
    long = in_range(level_long(wide, level, series, "total"), filters.years)
    projection = in_range(analysis.pre_trend_projection(level), filters.years)
    summary = analysis.trend_summary(level, years=filters.years)
    single = analysis.changes(level).get(filters.years[0], float("nan")) if filters.years else float("nan")
    name = "" if selection == region.name else selection
    title = story.trend_headline(summary, filters.years, "sysselsatte bosatte", name, single_change=single)
    y_title = "Sysselsatte bosatte (ikke arbeidsplasser)"
    chart = charts.level_chart(long, title, source, y_title, projection=projection)
    return page_model.block(chart, long, {"aar": fmt.year, "verdi": fmt.integer},
                  {"aar": "År", "serie": "Serie", "verdi": y_title}, "sysselsatte-bosatte")


RESIDENCE_TEXT = ("Sysselsatte bosatte er de som bor i kommunene og er i arbeid, uansett hvor de jobber. Det er "
                  "ikke det samme som arbeidsplasser, men de eneste tallene år for år som finnes offline.")


def _start(filters: Filters, region: regions.RegionSettings, source: str, page: str, frame: pd.DataFrame,
           report: ReportFigures | None, report_headline) -> tuple[PageView, bool]:
    """The headline and metrics: the report's figures for the whole region (credited), else the
    snapshot's jobs level for the selection. `report_headline(report, target)` words the former."""
    selection = selection_name(filters.codes, region)
    judged = analysis.judges_target(filters.codes, filters.measure, region)
    view = PageView(title=_jobs_headline(frame, filters.codes, selection), selection=selection, source=source,
                    context=_context(page, selection), metrics=_jobs_metrics(frame, filters.codes, region))
    if judged and report:
        view.title = report_headline(report, region.target_per_year)
        view.metrics = _report_metrics(report, region.target_per_year) + view.metrics
    return view, judged


# -- the four job pages --------------------------------------------------------------------------------
def overview(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
             report: ReportFigures | None) -> PageView:
    view, judged = _start(filters, region, source, "Oversikt", frame, report, story.report_headline)
    if judged and report:
        view.blocks.append(report_block(report, region.target_per_year))
        view.texts.append("Tallene for 2016 og 2017 og nedgangen før programmet er sluttrapportens egne. "
                          "Arbeidsplassene i 2017 er SSBs tall.")
    else:
        view.blocks.append(residence_block(frame, filters, region, source))
        view.texts.append(RESIDENCE_TEXT)
    view.texts.append(refresh_sentence("overview", judged, region))
    return view


def trend(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
          report: ReportFigures | None) -> PageView:
    view, judged = _start(filters, region, source, "Har nedgangen snudd?", frame, report,
                          lambda report, target: story.report_trend_headline(report))
    if judged and report:
        view.blocks.append(report_block(report, region.target_per_year))
    view.blocks.append(residence_block(frame, filters, region, source))
    view.texts += [RESIDENCE_TEXT, refresh_sentence("trend", judged, region), story.CAVEAT]
    if report:
        view.tables.append((versus_report.title(region), report_comparison(frame, region, report)))
    return view


def attainment(frame: pd.DataFrame, filters: Filters, region: regions.RegionSettings, source: str,
               report: ReportFigures | None) -> PageView:
    view, judged = _start(filters, region, source, "Måloppnåelse", frame, report, story.report_headline)
    view.texts.append(refresh_sentence("attainment", judged, region))
    return view


def municipality(frame: pd.DataFrame, code: str, filters: Filters, region: regions.RegionSettings,
                 source: str) -> PageView:
    own = Filters(codes=(code,), measure=filters.measure, years=filters.years, rolling=filters.rolling)
    view, _ = _start(own, region, source, "Kommune", frame, None, story.report_headline)
    view.blocks.append(residence_block(frame, own, region, source))
    view.texts += [RESIDENCE_TEXT, refresh_sentence("municipality", False, region)]
    return view
